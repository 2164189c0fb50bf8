/**
 * f. The community spaces' trusted work (services/community/trusted/run.ts): members' requests
 * decided from their Author, statistics and answer counts of new posts, @mentions notified once
 * (this job's claims), scores recounted from vote items. Every minute, like the relay's steps.
 */
import { emptyCommunityReport, runCommunities, CommunityRunReport } from '../../../community/trusted/run';
import { emptyCounts, JobStep } from '../types';

export const communitiesStep: JobStep<CommunityRunReport> = {
  name: 'communities',
  idle: emptyCommunityReport,
  async run(ctx, partial) {
    const site = ctx.settings.dashboardUrl.replace(/\/SitePages\/.*$/, '');
    const report = await runCommunities({
      sp: ctx.sp, graph: ctx.graph, policy: ctx.settings.policy, now: ctx.settings.now, log: ctx.log, keepLease: () => ctx.keepLease(),
      recipientOf: async upn => {
        const p = await ctx.directory.person(upn);
        return p && p.enabled ? { upn: p.upn, address: p.address, language: p.language } : null;
      },
      nameOf: async upn => ((await ctx.directory.person(upn)) || { displayName: upn }).displayName || upn,
      threadUrl: id => `${site}/SitePages/Communities.aspx?thread=${id}`,
      mentions: {
        async deliver(key, postId, recipient, message, webUrl) {
          const counts = emptyCounts();
          // Insight 0: the claim belongs to no insight (the relay's timeline queries never read it).
          await ctx.claims.deliver({ key, insightId: 0, text: `mention ${postId}`, details: { postId }, messages: [{ recipient, message, webUrl }] }, undefined, counts);
          return counts.sent ? 'sent' : counts.failed ? 'failed' : 'skipped';
        }
      }
    }, partial);
    return { report, failed: report.requests.failed + report.posts.failed + report.scores.failed + report.mentions.failed };
  }
};
