/**
 * 200 members voting on one answer at once, each pressing twice, while the job recounts: SharePoint's
 * unique key refuses every second vote, the job's recount (from the vote items, with the
 * statistics' ETag) ends at exactly 200, and nothing is lost or counted twice.
 */
import { randomUUID } from 'crypto';
import { createContextFromBaseUrl } from '../../services/connect';
import { runRelayJob } from '../../services/relay/job';
import { CommunityService } from '../../services/community/service';
import { createCommunity } from '../../services/community/trusted/spaces';
import { COMMUNITY_VOTES_LIST_TITLE } from '../../services/provisioning/communityLists';
import { defaultPolicy } from '../../core/policy';
import { PERSONAS_UPN } from '../support/graph-client';
import { CommunityTenant, sanitize, startCommunityTenant } from './community-setup';

let r: CommunityTenant;
beforeAll(async () => { r = await startCommunityTenant(); }, 120000);
afterAll(() => r.t.close());

const svc = (upn: string): CommunityService => new CommunityService({ sp: r.sp(upn) }, { me: upn, sanitize, newId: () => randomUUID() });

async function job(): Promise<void> {
  const ctx = createContextFromBaseUrl({ siteUrl: r.t.siteUrl, graphBaseUrl: r.t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': r.jobUpn } });
  const summary = await runRelayJob(ctx, { policy: defaultPolicy(), now: new Date('2026-11-02T15:00:00Z'), sender: r.jobUpn, steps: { ingest: false, clock: false, outcomes: false, stats: false, expertise: false } });
  expect(summary.failedSteps).toEqual([]);
}

it('counts exactly 200 votes from 200 people pressing twice at once, the job recounting meanwhile', async () => {
  await createCommunity(r.space(), { key: 'care', title: 'Care', description: '', visibility: 'public', official: false }, PERSONAS_UPN.communityManager);
  const question = await svc(PERSONAS_UPN.employee).startThread('care', { kind: 'question', title: 'Which form for a damaged parcel?', body: '', language: 'en' });
  const answer = await svc(PERSONAS_UPN.agent).reply(question.id, 'answer', '<p>Form D-12, with photos.</p>');
  const voters = (r.t.tenant.db.prepare("SELECT userPrincipalName AS upn FROM users WHERE userType = 'Member' AND accountEnabled = 1 ORDER BY userPrincipalName LIMIT 200").all() as Array<{ upn: string }>).map(u => u.upn);
  expect(voters).toHaveLength(200);
  const presses = voters.flatMap(upn => [svc(upn), svc(upn)].map(s => () => s.vote(answer)));
  const outcomes: string[] = [];
  // 40 requests in flight at a time, and the job recounting in the middle of it.
  const running = (async () => {
    for (let i = 0; i < presses.length; i += 40) outcomes.push(...(await Promise.all(presses.slice(i, i + 40).map(p => p()))));
  })();
  await job();
  await running;
  await job();
  expect(outcomes.filter(o => o === 'voted')).toHaveLength(200);
  expect(outcomes.filter(o => o === 'alreadyVoted')).toHaveLength(200);
  const items = await r.job.web.lists.getByTitle(COMMUNITY_VOTES_LIST_TITLE).items.select('Id').top(1000)();
  expect(items).toHaveLength(200);
  expect((await svc(PERSONAS_UPN.employee).thread(question.id)).answers[0].stats.score).toBe(200);
}, 300000);
