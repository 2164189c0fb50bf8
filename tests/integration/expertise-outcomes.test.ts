/**
 * The outcome source of expertise search against the local tenant: resolved customer insights
 * (credited to RespondedByUpn) and answered community questions (credited to AcceptedAuthorUpn, written by the trusted job from the answer's Author),
 * mapped to taxonomy skills by their text, counted per person asked; read page by page with an
 * indexed first clause, once per source; nothing from a site without the lists. In a search, the
 * person with that evidence outranks a colleague with the same bare claim.
 */
import { startSeededTenant, graphFor, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { bulkInsertItems, setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { provisionSuite } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { COMMUNITY_STATS_LIST_TITLE, STATS_FIELDS } from '../../services/provisioning/communityLists';
import { createOutcomeSource, outcomesOfPerson } from '../../services/expertise/outcomes';
import { ExpertiseService } from '../../services/expertise/records';
import { LocalExpertiseProvider, OutcomeCount } from '../../services/expertise/localProvider';
import { defaultPolicy } from '../../core/policy';

const policy = defaultPolicy();
const manager = PERSONAS_UPN.manager.toLowerCase();
const comms = PERSONAS_UPN.comms.toLowerCase();
const agent = PERSONAS_UPN.agent.toLowerCase();
let t: SeededTenant;
let beforeProvisioning: readonly OutcomeCount[];

const sourceFor = (upn: string) => createOutcomeSource({ sp: spFor(t.siteUrl, upn) }, { skills: policy.skills, feedback: policy.feedback });
const countOf = (counts: readonly OutcomeCount[], upn: string, skillKey: string): OutcomeCount | undefined =>
  counts.find(c => c.personUpn === upn && c.skillKey === skillKey);

beforeAll(async () => {
  t = await startSeededTenant();
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  beforeProvisioning = await sourceFor(PERSONAS_UPN.employee)([manager, comms]);
  const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, {
    roles: { tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`], communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`] },
    lists: SUITE_LISTS,
    initialPolicyJson: JSON.stringify(policy)
  });
  const I = INSIGHT_FIELDS;
  const insight = (key: string, title: string, summary: string, status: string, respondedBy: string | null, category = 'other', product = 'in-store'): Record<string, unknown> => ({
    Title: title, [I.key]: key, [I.summary]: summary, [I.category]: category, [I.product]: product, [I.severity]: 'normal', [I.reach]: 1,
    [I.status]: status, [I.isOpen]: status !== 'resolved' && status !== 'declined', [I.respondedBy]: respondedBy
  });
  bulkInsertItems(t.tenant.db, INSIGHTS_LIST_TITLE, [
    insight('outcomes:1', 'Customer notes missing in the CRM', 'The history of calls was not in the customer file.', 'resolved', PERSONAS_UPN.manager.toUpperCase()),
    insight('outcomes:2', 'Doublons dans la GRC', 'Un client a deux fiches et reçoit tout en double.', 'resolved', manager),
    // Not resolved: counts nothing, though it names CRM and credits the manager.
    insight('outcomes:3', 'CRM slow at the counter', 'Opening a customer file takes a minute.', 'acknowledged', manager),
    // Declined: not an outcome either.
    insight('outcomes:4', 'CRM colours', 'The customer wants another colour.', 'declined', manager),
    // Resolved, named only through its category's label ("Billing and payment reminders").
    insight('outcomes:5', 'Charged twice', 'Two charges on one order.', 'resolved', agent, 'billing'),
    // Resolved without anyone credited.
    insight('outcomes:6', 'CRM login', 'Password reset.', 'resolved', null),
    // More resolved insights than one page holds, naming no skill.
    ...Array.from({ length: 520 }, (_x, i) => insight(`outcomes:page:${i}`, `Parking ${i}`, 'The lot was full.', 'resolved', PERSONAS_UPN.director))
  ], PERSONAS_UPN.admin);
  // Accepted answers as the trusted job records them (the answer's Author copied into AcceptedAuthorUpn).
  const Q = STATS_FIELDS;
  bulkInsertItems(t.tenant.db, COMMUNITY_STATS_LIST_TITLE, [
    { Title: 'How do I merge two customer files in the CRM?', [Q.postId]: 1, [Q.kind]: 'question', [Q.questionText]: 'Same customer, two files.', [Q.communityKey]: 'service', [Q.isAnswered]: true,
      [Q.acceptedText]: 'Open both files and use Merge.', [Q.acceptedAuthorUpn]: manager, [Q.acceptedAt]: '2026-11-02T10:00:00Z', [Q.language]: 'en' },
    { Title: 'Where is the CRM export?', [Q.postId]: 2, [Q.kind]: 'question', [Q.questionText]: 'I need a list of my customers.', [Q.communityKey]: 'service', [Q.isAnswered]: false,
      [Q.acceptedText]: '', [Q.acceptedAuthorUpn]: manager, [Q.language]: 'en' },
    { Title: 'Parking on Saturday?', [Q.postId]: 3, [Q.kind]: 'question', [Q.questionText]: 'Is the lot open?', [Q.communityKey]: 'general', [Q.isAnswered]: true,
      [Q.acceptedText]: 'Yes, until 6 pm.', [Q.acceptedAuthorUpn]: manager, [Q.acceptedAt]: '2026-11-03T10:00:00Z', [Q.language]: 'en' }
  ], PERSONAS_UPN.admin);
  // The same bare claim for the manager and a colleague: CRM, practitioner, nothing else.
  for (const upn of [manager, comms]) {
    await new ExpertiseService({ sp: spFor(t.siteUrl, upn) }, { me: upn }).saveOwnRecord({
      personUpn: upn, skills: [{ skillId: 'crm', label: 'CRM', proficiency: 2 }], askMeAbout: [], interests: [], languages: [], customerFacing: false
    }, null);
  }
}, 60000);
afterAll(() => t.close());

it('counts nothing on a site without the lists', () => {
  expect(beforeProvisioning).toEqual([]);
});

describe('the outcome source', () => {
  it('credits resolved insights and accepted answers to the person, per skill', async () => {
    const counts = await sourceFor(PERSONAS_UPN.employee)([PERSONAS_UPN.manager.toUpperCase(), agent]);
    expect(countOf(counts, manager, 'crm')).toEqual({ personUpn: manager, skillKey: 'crm', resolvedInsights: 2, acceptedAnswers: 1 });
    // The category's label names the billing skills.
    expect(countOf(counts, agent, 'billing')).toMatchObject({ resolvedInsights: 1, acceptedAnswers: 0 });
    // Questions without a skill named add nothing.
    expect(counts.filter(c => c.personUpn === manager).map(c => c.skillKey)).toEqual(['crm']);
  });

  it('one person\'s outcomes (the profile) equal what the whole read gives that person, through the indexed person columns', async () => {
    const everyone = await sourceFor(PERSONAS_UPN.employee)([manager]);
    const from = t.requests.length;
    const mine = await outcomesOfPerson({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, PERSONAS_UPN.manager.toUpperCase(), { skills: policy.skills, feedback: policy.feedback });
    const bySkill = (a: { skillKey: string }, b: { skillKey: string }): number => a.skillKey.localeCompare(b.skillKey);
    expect(mine.slice().sort(bySkill)).toEqual(everyone.slice().sort(bySkill));
    expect(countOf(mine, manager, 'crm')).toMatchObject({ resolvedInsights: 2, acceptedAnswers: 1 });
    const urls = t.requests.slice(from).map(r => decodeURIComponent(r.url).replace(/\+/g, ' '));
    expect(urls.some(u => u.includes(`RespondedByUpn eq '${manager}'`))).toBe(true);
    expect(urls.some(u => u.includes(`AcceptedAuthorUpn eq '${manager}'`))).toBe(true);
    expect(urls.some(u => u.includes("Status eq 'resolved'"))).toBe(false);
  });

  it('answers only the persons asked', async () => {
    const counts = await sourceFor(PERSONAS_UPN.employee)([comms, PERSONAS_UPN.director]);
    expect(counts).toEqual([]);
  });

  it('reads each list page by page with an indexed first clause and only the needed columns, once per source', async () => {
    const source = sourceFor(PERSONAS_UPN.employee);
    const from = t.requests.length;
    await source([manager]);
    const reads = t.requests.slice(from).map(r => new URL(r.url, t.origin)).filter(u => /\/items$/.test(u.pathname)).map(u => ({ path: decodeURIComponent(u.pathname), params: u.searchParams }));
    const insights = reads.filter(u => u.path.includes(`getByTitle('${INSIGHTS_LIST_TITLE}')`));
    const questions = reads.filter(u => u.path.includes(`getByTitle('${COMMUNITY_STATS_LIST_TITLE}')`));
    expect(insights).toHaveLength(1);
    // The next page of insights follows the first one's next link (the list by id, with $skiptoken).
    const nextPages = reads.filter(u => /\/lists\(guid'[^']+'\)\/items$/.test(u.path) && (u.params.get('$select') || '').includes(INSIGHT_FIELDS.respondedBy));
    expect(nextPages.length).toBeGreaterThan(0);
    expect(nextPages.every(u => /Paged=TRUE/.test(u.params.get('$skiptoken') || ''))).toBe(true);
    expect(questions).toHaveLength(1);
    expect(insights[0].params.get('$filter')).toBe(`${INSIGHT_FIELDS.status} eq 'resolved'`);
    expect(questions[0].params.get('$filter')).toBe(`${STATS_FIELDS.isAnswered} eq 1`);
    for (const u of [insights[0], questions[0]]) {
      expect(u.params.get('$top')).toBe('500');
      expect(u.params.get('$select')).not.toContain('*');
    }
    expect(insights[0].params.get('$select')).not.toContain(INSIGHT_FIELDS.statusHistory);
    const again = t.requests.length;
    await source([agent]);
    expect(t.requests.length).toBe(again);
  });
});

describe('in a search', () => {
  it('the person with outcomes outranks a colleague with the same bare claim', async () => {
    const sp = spFor(t.siteUrl, PERSONAS_UPN.employee);
    const provider = new LocalExpertiseProvider({ sp, graph: graphFor(t.graphBaseUrl, PERSONAS_UPN.employee) }, {
      taxonomy: policy.skills, outcomes: createOutcomeSource({ sp }, { skills: policy.skills, feedback: policy.feedback })
    });
    await provider.load();
    const result = provider.search({ text: 'CRM', filters: {}, page: 1, pageSize: 100, locale: 'en-US' });
    const upns = result.results.map(h => h.profile.upn);
    expect(upns).toEqual(expect.arrayContaining([manager, comms]));
    expect(upns.indexOf(manager)).toBeLessThan(upns.indexOf(comms));
    const hit = result.results.find(h => h.profile.upn === manager)!;
    expect(hit.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'resolvedInsights', skillKey: 'crm', count: 2 }),
      expect.objectContaining({ kind: 'acceptedAnswers', skillKey: 'crm', count: 1 })
    ]));
    expect(result.results.find(h => h.profile.upn === comms)!.reasons.some(r => r.kind === 'resolvedInsights' || r.kind === 'acceptedAnswers')).toBe(false);
  });
});
