/**
 * The community spaces end to end: members act through CommunityService, the relay job's
 * `communities` step decides what they may not do alone (joins, approvals, acceptances, counts)
 * from SharePoint's Author; accepted answers become expertise evidence and relay deflection.
 */
import { randomUUID } from 'crypto';
import { PERSONAS_UPN } from '../support/graph-client';
import { CommunityTenant, sanitize, startCommunityTenant } from './community-setup';
import { createContextFromBaseUrl } from '../../services/connect';
import { runRelayJob } from '../../services/relay/job';
import { listOutbox } from '../../workbench/tenant/graph/outbox';
import { CommunityService } from '../../services/community/service';
import { createCommunity } from '../../services/community/trusted/spaces';
import { outcomesOfPerson } from '../../services/expertise/outcomes';
import { answeredQuestions } from '../../services/relay/answers';
import { COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE } from '../../services/provisioning/communityLists';
import { voteKey } from '../../core/community/rules';
import { defaultPolicy } from '../../core/policy';
import type { Post } from '../../core/community/model';

let r: CommunityTenant;
const manager = PERSONAS_UPN.communityManager;
const asker = PERSONAS_UPN.employee;
const expert = PERSONAS_UPN.agent;
const other = PERSONAS_UPN.manager;
const policy = defaultPolicy();
const svc = (upn: string): CommunityService => new CommunityService({ sp: r.sp(upn) }, { me: upn, sanitize, newId: () => randomUUID() });

async function job(): Promise<Record<string, unknown>> {
  const ctx = createContextFromBaseUrl({ siteUrl: r.t.siteUrl, graphBaseUrl: r.t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': r.jobUpn } });
  const summary = await runRelayJob(ctx, { policy, now: new Date('2026-11-02T15:00:00Z'), sender: r.jobUpn, steps: { ingest: false, clock: false, outcomes: false, stats: false, expertise: false } });
  expect(summary.failedSteps).toEqual([]);
  return summary.communities as Record<string, unknown>;
}

beforeAll(async () => {
  r = await startCommunityTenant();
  await createCommunity(r.space(), { key: 'customer-care', title: 'Customer care tips', description: 'Ask the experts', visibility: 'public', official: true }, manager);
  await createCommunity(r.space(), { key: 'store-leads', title: 'Store leads', description: 'Private', visibility: 'private', official: false }, manager);
}, 120000);
afterAll(() => r.t.close());

describe('membership through requests', () => {
  it('joins a public community in one request, asks to join a private one, a manager approves', async () => {
    await svc(asker).join('customer-care');
    await svc(asker).join('store-leads');
    await job();
    const mine = await svc(asker).myMemberships();
    expect(mine.get('customer-care')).toBe('member');
    expect(mine.get('store-leads')).toBe('pending');
    // Someone who is not a manager cannot approve.
    const forged = await svc(other).manageMember('approve', 'store-leads', asker);
    await job();
    expect((await svc(other).myRequests('store-leads')).find(q => q.id === forged.id)).toMatchObject({ state: 'refused', reason: 'notManager' });
    expect((await svc(asker).myMemberships()).get('store-leads')).toBe('pending');
    await svc(manager).manageMember('approve', 'store-leads', asker);
    await job();
    expect((await svc(asker).myMemberships()).get('store-leads')).toBe('member');
    const c = (await svc(asker).communities(true)).get('store-leads');
    expect(c).toMatchObject({ memberCount: 2, managers: [{ upn: manager.toLowerCase() }] });
    // Now a member: the private folder takes their posts.
    const post = await svc(asker).startThread('store-leads', { kind: 'discussion', title: 'Holiday staffing plans', body: '<p>How are you staffing?</p>', language: 'en' });
    expect((await svc(manager).thread(post.id)).root.title).toBe('Holiday staffing plans');
  });

  it('only a community manager creates a community, and "official" needs the communications or admin role', async () => {
    await svc(asker).saveCommunity({ key: 'my-club', title: 'My club', description: '', visibility: 'public', official: false }, true);
    await svc(manager).saveCommunity({ key: 'it-news', title: 'IT news', description: '', visibility: 'public', official: true }, true);
    await svc(manager).saveCommunity({ key: 'runners', title: 'Runners', description: 'Running club', visibility: 'public', official: false }, true);
    await job();
    const all = await svc(asker).communities(true);
    expect(all.has('my-club')).toBe(false);
    expect(all.has('it-news')).toBe(false);
    expect(all.get('runners')).toMatchObject({ official: false, memberCount: 1 });
    expect((await svc(manager).myRequests('it-news'))[0]).toMatchObject({ state: 'refused', reason: 'officialNeedsRole' });
    const page = await svc(asker).browse();
    expect(page.communities[0].official).toBe(true);
  });
});

describe('questions, answers, acceptance and evidence', () => {
  let question: Post;
  let answer: Post;
  it('asks (idempotently), answers with a mention (notified once), and counts the answers', async () => {
    const clientId = randomUUID();
    question = await svc(asker).startThread('customer-care', { kind: 'question', title: 'Customer charged twice on the same invoice', body: '<p>Double payment <img src=x onerror=alert(1)>on the card</p>', language: 'en' }, clientId);
    expect(question.body).not.toContain('onerror');
    const again = await svc(asker).startThread('customer-care', { kind: 'question', title: 'Customer charged twice on the same invoice', body: '', language: 'en' }, clientId);
    expect(again.id).toBe(question.id);
    answer = await svc(expert).reply(question.id, 'answer',
      `<p>It is a duplicate authorization, it drops in 5 days. Card 4111 1111 1111 1111 aside, ask <span data-mention="${other}">@Marc</span>.</p>`);
    await svc(other).reply(answer.id, 'comment', '<p>Confirmed, thanks.</p>');
    const report = await job();
    expect(report).toMatchObject({ mentions: { sent: 1 } });
    await job();
    const mails = listOutbox(r.t.tenant.db).filter(m => /mentioned you|vous a mentionné/.test(m.subject));
    expect(mails).toHaveLength(1);
    expect(mails[0].body).not.toContain('<span');
    const view = await svc(asker).thread(question.id);
    expect(view.stats.answerCount).toBe(1);
    expect(view.answers[0].comments).toHaveLength(1);
  });

  it('a third person cannot accept; the asker can; the evidence names the answer\'s Author', async () => {
    await svc(other).accept(answer);
    await job();
    expect((await svc(asker).thread(question.id)).stats.acceptedAnswerId).toBeNull();
    await svc(asker).accept(answer);
    await job();
    const view = await svc(asker).thread(question.id);
    expect(view.stats.acceptedAnswerId).toBe(answer.id);
    const evidence = await outcomesOfPerson({ sp: r.sp(asker) }, expert, { skills: policy.skills });
    expect(evidence.reduce((n, o) => n + (o.acceptedAnswers || 0), 0)).toBeGreaterThan(0);
    expect(await outcomesOfPerson({ sp: r.sp(asker) }, other, { skills: policy.skills })).toEqual([]);
    const deflect = await answeredQuestions({ sp: r.sp(asker) }, { text: 'client facturé deux fois, paiement en double' });
    expect(deflect[0]).toMatchObject({ id: question.id, answeredBy: expert.toLowerCase() });
    // The copied text is redacted with the relay's core.
    expect(deflect[0].answer).not.toContain('4111');
    const similar = await svc(other).similarQuestions('charged twice for one invoice');
    expect(similar[0]).toMatchObject({ questionId: question.id });
  });

  it('the statistics cannot be written by members', async () => {
    const stats = r.sp(asker).web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE);
    await expect(stats.items.add({ Title: 'x', PostId: 999999, CommunityKey: 'customer-care', IsAnswered: true, AcceptedAuthorUpn: asker })).rejects.toMatchObject({ status: 403 });
  });

  it('votes once per person, withdraws, and a forged vote counts for nobody', async () => {
    expect(await svc(asker).vote(answer)).toBe('voted');
    expect(await svc(asker).vote(answer)).toBe('alreadyVoted');
    // Someone takes the other person's key first: it does not count, and does not block them.
    await r.sp(asker).web.lists.getByTitle(COMMUNITY_VOTES_LIST_TITLE).items.add({ Title: 'f', VoteKey: voteKey(answer.id, other), PostId: answer.id, CommunityKey: 'customer-care' });
    expect(await svc(other).vote(answer)).toBe('voted');
    await job();
    expect((await svc(asker).thread(question.id)).answers[0].stats.score).toBe(2);
    expect((await svc(asker).thread(question.id)).myVotes.has(answer.id)).toBe(true);
    expect(await svc(asker).unvote(answer)).toBe('removed');
    await job();
    expect((await svc(other).thread(question.id)).answers[0].stats.score).toBe(1);
  });

  it('edits one\'s own post with its ETag: a stale one is a conflict; another person\'s is refused', async () => {
    const edited = await svc(expert).edit(answer, { body: '<p>It is a duplicate authorization; it drops within 5 business days.</p>' });
    expect(edited.edited).toBe(true);
    await expect(svc(expert).edit(answer, { body: '<p>Stale edit of the answer</p>' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(svc(asker).edit(edited, { body: '<p>Not mine to edit at all</p>' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a manager pins and closes; a closed thread takes no reply', async () => {
    await svc(manager).moderate('pin', question);
    await svc(manager).moderate('close', question);
    await job();
    const page = await svc(asker).threads('customer-care', 'newest');
    expect(page.threads[0]).toMatchObject({ post: { id: question.id }, stats: { pinned: true, closed: true } });
    await expect(svc(expert).reply(question.id, 'answer', '<p>One more answer</p>')).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('mentions in a private community', () => {
  it('tell members only: a non-member named in a private post learns nothing of it', async () => {
    const root = (await svc(asker).threads('store-leads')).threads[0].post;
    await svc(asker).reply(root.id, 'comment', `<p>Agreed with <span data-mention="${manager}">@M</span> and <span data-mention="${other}">@Marc</span> on the rota.</p>`);
    const report = await job() as { mentions: { sent: number; skipped: number } };
    expect(report.mentions).toMatchObject({ sent: 1, skipped: 1 });
    const mails = listOutbox(r.t.tenant.db).filter(m => /rota/.test(m.body));
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0].to).toLowerCase()).toContain(manager.toLowerCase());
  });
});

