/**
 * Answered-question deflection (services/relay/answers.ts) against the local tenant: a relay being
 * typed is matched against the community spaces' accepted answers (as the trusted job recorded
 * them, from the demo seed) in English and French; unanswered questions never show; the read filters
 * first on an indexed column, so it still works above the list view threshold; a site without the
 * statistics list answers [].
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { spErrorOf } from '../support/sp-client';
import { CommunityTenant, startCommunityTenant } from './community-setup';
import { graphFor } from '../support/graph-client';
import { defaultPolicy } from '../../core/policy';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { answeredQuestions, ANSWERS_READ } from '../../services/relay/answers';
import { RelayService } from '../../services/relay/relays';
import { COMMUNITY_STATS_LIST_TITLE, STATS_FIELDS as F } from '../../services/provisioning/communityLists';
import { DEMO_ANSWERED_QUESTIONS, DEMO_COMMUNITY_KEY, seedDemoCommunities, SeedDemoCommunitiesOptions } from '../../services/community/demoSeed';

let r: CommunityTenant;
let seedOptions: SeedDemoCommunitiesOptions;
const NOW = new Date('2026-11-23T15:00:00Z');
const titleOf = (lang: 'en' | 'fr', needle: string): string => {
  const q = DEMO_ANSWERED_QUESTIONS.find(x => x.language === lang && x.title.indexOf(needle) >= 0);
  if (!q) throw new Error(`No demo question with '${needle}'.`);
  return q.title;
};

beforeAll(async () => {
  r = await startCommunityTenant();
  seedOptions = {
    job: r.job, graph: graphFor(r.t.graphBaseUrl, r.jobUpn), policy: defaultPolicy(), spAs: upn => r.sp(upn), now: NOW,
    people: { manager: PERSONAS_UPN.communityManager, experts: [PERSONAS_UPN.agent], members: [PERSONAS_UPN.employee, PERSONAS_UPN.ceo], leads: [PERSONAS_UPN.manager] }
  };
  const seeded = await seedDemoCommunities(seedOptions);
  expect(seeded).toEqual({ created: DEMO_ANSWERED_QUESTIONS.length, skipped: 0 });
}, 120000);
afterAll(() => r.t.close());

describe('answered community questions', () => {
  it('seeds the demo questions once', async () => {
    const again = await seedDemoCommunities(seedOptions);
    expect(again).toEqual({ created: 0, skipped: DEMO_ANSWERED_QUESTIONS.length });
  });

  it('finds the English answer for a French relay', async () => {
    const found = await answeredQuestions({ sp: r.sp(PERSONAS_UPN.agent) }, {
      text: 'Le client dit que ses points de fidélité ne sont jamais apparus sur sa carte.'
    });
    expect(found[0]).toEqual(expect.objectContaining({
      title: titleOf('en', 'Loyalty points'), answeredBy: PERSONAS_UPN.agent.toLowerCase()
    }));
    expect(found[0].answer).toMatch(/48 hours/);
    expect(found[0].score).toBeGreaterThanOrEqual(0.2);
  });

  it('finds the French answer for an English relay', async () => {
    const agent = { sp: r.sp(PERSONAS_UPN.agent) };
    const moved = await answeredQuestions(agent, { text: 'Delivery rescheduled without notice: the customer was never warned.' });
    expect(moved[0].title).toBe(titleOf('fr', 'Livraison déplacée'));
    expect(moved[0].answer).toMatch(/avis par texto/);
    const billed = await answeredQuestions(agent, { text: 'Double billing: the customer paid the same invoice twice.' });
    expect(billed[0].title).toBe(titleOf('fr', 'Paiement en double'));
  });

  it('answers nothing for short or unrelated text, and at most `limit` questions', async () => {
    const agent = { sp: r.sp(PERSONAS_UPN.agent) };
    expect(await answeredQuestions(agent, { text: 'ok' })).toEqual([]);
    expect(await answeredQuestions(agent, { text: 'The elevator music in the lobby is too loud.' })).toEqual([]);
    const one = await answeredQuestions(agent, { text: 'delivery refund invoice loyalty points login', limit: 1 });
    expect(one.length).toBeLessThanOrEqual(1);
  });

  it('never returns an unanswered question, even one worded exactly like the relay', async () => {
    const words = 'The wrapping station glue gun overheats every morning and burns the staff.';
    const asked = await r.service(PERSONAS_UPN.employee).startThread(DEMO_COMMUNITY_KEY, { kind: 'question', title: 'Wrapping station glue gun overheats', body: `<p>${words}</p>`, language: 'en' });
    // Answered, but nobody accepted the answer: not offered either.
    await r.service(PERSONAS_UPN.agent).reply(asked.id, 'answer', `<p>${words}</p>`);
    expect(await answeredQuestions({ sp: r.sp(PERSONAS_UPN.agent) }, { text: words })).toEqual([]);
  });

  it('filters first on IsAnswered (indexed), newest answers first, bounded: it works above the list view threshold', async () => {
    // 5,001 unanswered questions: the list is now above the threshold.
    bulkInsertItems(r.t.tenant.db, COMMUNITY_STATS_LIST_TITLE, Array.from({ length: 5001 }, (_x, i) => ({
      Title: `Unanswered question ${i}`, [F.postId]: 1000000 + i, [F.kind]: 'question', [F.questionText]: 'Loyalty points missing from the card after a purchase.',
      [F.communityKey]: 'bulk', [F.isAnswered]: false, [F.language]: 'en'
    })), r.jobUpn);
    const list = r.sp(PERSONAS_UPN.agent).web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE);
    // The local tenant enforces the threshold: a first clause on an unindexed column is refused.
    expect((await spErrorOf(list.items.filter(`${F.language} eq 'en'`).top(10)())).status).toBe(500);

    const before = r.t.requests.length;
    const found = await answeredQuestions({ sp: r.sp(PERSONAS_UPN.agent) }, { text: 'Mes points de fidélité ne sont jamais apparus sur ma carte.' });
    expect(found[0].title).toBe(titleOf('en', 'Loyalty points'));
    expect(found.every(q => q.title.indexOf('Unanswered') < 0)).toBe(true);
    const urls = r.t.requests.slice(before).map(q => decodeURIComponent(q.url.replace(/\+/g, ' ')));
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain(`$filter=${F.isAnswered} eq 1`);
    expect(urls[0]).toContain(`$orderby=${F.acceptedAt} desc`);
    expect(urls[0]).toContain(`$top=${ANSWERS_READ}`);
  });

  it('answers [] on a site without the list (provisioned before it was declared), also through RelayService', async () => {
    await r.admin.web.lists.getByTitle(COMMUNITY_STATS_LIST_TITLE).delete();
    const text = 'Double billing: the customer paid the same invoice twice.';
    expect(await answeredQuestions({ sp: r.sp(PERSONAS_UPN.agent) }, { text })).toEqual([]);
    const service = new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy });
    expect(await service.answers({ text, category: 'billing', product: 'customer-account' })).toEqual([]);
  });
});
