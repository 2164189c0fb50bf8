/**
 * The local expertise search provider against the local tenant: the directory (Graph, paged), the
 * expertise records and endorsements (lists, paged) and the policy's taxonomy, searched through the
 * local index. "gestion relation client" finds the CRM people with their endorsement counts; guests
 * and disabled accounts are read but never returned; outcomes come in through the hook.
 */
import { startSeededTenant, graphFor, PERSONAS_UPN, SeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { generateDemoOrganisation } from '../../workbench/tenant/seed';
import { provisionSuite } from '../../services/provisioning/provision';
import { ENDORSEMENTS_LIST_TITLE, EXPERTISE_LISTS } from '../../services/provisioning/expertiseLists';
import { seedDemoExpertise, SeedExpertiseReport } from '../../services/expertise/demoSeed';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { ExpertiseService } from '../../services/expertise/records';
import { LocalExpertiseProvider, OutcomeSource } from '../../services/expertise/localProvider';
import { defaultPolicy } from '../../core/policy';
import type { Reason, SearchQuery } from '../../core/expertise/types';

let t: SeededTenant;
let beforeProvisioning: SeedExpertiseReport;
const people = generateDemoOrganisation({ referenceDate: TEST_REFERENCE_DATE }).people;
const taxonomy = defaultPolicy().skills;
const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, filters: {}, page: 1, pageSize: 100, locale: 'fr-CA', ...extra });
const providerFor = (upn: string, outcomes?: OutcomeSource): LocalExpertiseProvider =>
  new LocalExpertiseProvider({ sp: spFor(t.siteUrl, upn), graph: graphFor(t.graphBaseUrl, upn) }, { taxonomy, outcomes });

beforeAll(async () => {
  t = await startSeededTenant();
  const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  beforeProvisioning = await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
  await provisionSuite(admin, {
    roles: { tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`] },
    lists: [...SUITE_LISTS.filter(l => !EXPERTISE_LISTS.some(e => e.title === l.title)), ...EXPERTISE_LISTS],
    initialPolicyJson: JSON.stringify(defaultPolicy())
  });
  await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
}, 60000);
afterAll(() => t.close());

it('the demo seed writes nothing on a site without the lists', () => {
  expect(beforeProvisioning).toEqual({ records: 0, endorsements: 0, failed: 0, notProvisioned: true });
});

describe('the local provider', () => {
  let provider: LocalExpertiseProvider;
  let from: number;

  beforeAll(async () => {
    provider = providerFor(PERSONAS_UPN.employee);
    from = t.requests.length;
    await provider.load();
  });

  it('reads the directory and both lists page by page, with $select', () => {
    const requests = t.requests.slice(from).map(r => new URL(r.url, t.origin));
    const graph = requests.filter(u => u.pathname.endsWith('/users'));
    expect(graph.length).toBeGreaterThan(0);
    expect(graph[0].searchParams.get('$select')).toContain('accountEnabled');
    // The first page by title; the next ones follow odata.nextLink (the list by id, with $skiptoken).
    const first = requests.findIndex(u => u.pathname.includes(`getByTitle('${ENDORSEMENTS_LIST_TITLE}')/items`));
    expect(first).toBeGreaterThanOrEqual(0);
    const endorsementPages = [requests[first], ...requests.slice(first + 1).filter(u => /\/lists\(guid'[^']+'\)\/items$/.test(u.pathname) && u.searchParams.get('$select')?.includes('EndorsementKey'))];
    // The demo has more endorsements than one page holds: the later pages follow $skiptoken.
    expect(endorsementPages.length).toBeGreaterThan(1);
    expect(endorsementPages.every(u => u.searchParams.get('$top') === '500')).toBe(true);
    expect(endorsementPages.slice(1).every(u => /Paged=TRUE/.test(u.searchParams.get('$skiptoken') || ''))).toBe(true);
    expect(provider.profiles.length).toBe(t.seed.people);
  });

  it('finds the customer relationship experts for "gestion relation client", with the endorsements as reasons', async () => {
    const result = provider.search(query('gestion relation client'));
    const upns = result.results.map(h => h.profile.upn);
    expect(upns).toEqual(expect.arrayContaining([PERSONAS_UPN.agent, PERSONAS_UPN.manager, PERSONAS_UPN.director]));
    const emilie = result.results.find(h => h.profile.upn === PERSONAS_UPN.agent)!;
    const endorsed = (await new ExpertiseService({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, { me: PERSONAS_UPN.employee })
      .endorsementsOf(PERSONAS_UPN.agent)).filter(e => e.skillKey === 'crm');
    expect(endorsed.length).toBeGreaterThan(0);
    expect(emilie.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'endorsements', skillKey: 'crm', count: endorsed.length, label: 'Gestion de la relation client' }),
      expect.objectContaining({ kind: 'declaredSkill', skillKey: 'crm', proficiency: 4 })
    ]));
    // Every hit has the skill (declared or evidenced), nobody without it.
    for (const hit of result.results) expect(hit.reasons.some((r: Reason) => 'skillKey' in r && r.skillKey === 'crm') || hit.reasons.some(r => r.kind === 'textMatch')).toBe(true);
  });

  it('keeps guests and disabled accounts in the profiles but never returns them', () => {
    const hidden = provider.profiles.filter(p => p.userType === 'Guest' || !p.accountEnabled);
    expect(hidden.filter(p => p.userType === 'Guest').length).toBe(t.seed.guests);
    expect(hidden.filter(p => !p.accountEnabled).length).toBe(t.seed.disabled);
    for (const p of hidden) {
      const found = provider.search(query(p.displayName)).results.map(h => h.profile.id);
      expect(found).not.toContain(p.id);
    }
    // The guest persona's own skill (lean) still finds members only.
    const lean = provider.search(query('lean')).results;
    expect(lean.length).toBeGreaterThan(0);
    expect(lean.every(h => h.profile.userType === 'Member' && h.profile.accountEnabled)).toBe(true);
  });

  it('takes accepted answers and resolved insights from the outcomes hook', async () => {
    const asked: string[][] = [];
    const withOutcomes = providerFor(PERSONAS_UPN.employee, upns => {
      asked.push([...upns]);
      return Promise.resolve([{ personUpn: PERSONAS_UPN.employee.toUpperCase(), skillKey: 'crm', acceptedAnswers: 3, resolvedInsights: 1 }]);
    });
    await withOutcomes.load();
    expect(asked[0]).toContain(PERSONAS_UPN.employee);
    const hits = withOutcomes.search(query('gestion relation client')).results;
    // Evidence outranks claims: Olivia (no CRM claim) leads with 3 accepted answers and 1 resolved insight.
    expect(hits[0].profile.upn).toBe(PERSONAS_UPN.employee);
    expect(hits[0].reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'acceptedAnswers', skillKey: 'crm', count: 3 }),
      expect.objectContaining({ kind: 'resolvedInsights', skillKey: 'crm', count: 1 })
    ]));
  });

  it('an endorsement made after loading shows on the next load', async () => {
    const before = provider.search(query('crm')).results.find(h => h.profile.upn === PERSONAS_UPN.agent)!;
    const count = (before.reasons.find(r => r.kind === 'endorsements' && r.skillKey === 'crm') as { count: number }).count;
    const newcomer = people.find(p => p.department === 'Finance' && p.userType === 'Member' && p.accountEnabled && !p.extra.persona)!;
    expect(await new ExpertiseService({ sp: spFor(t.siteUrl, newcomer.userPrincipalName) }, { me: newcomer.userPrincipalName }).endorse(PERSONAS_UPN.agent, 'crm')).toBe('endorsed');
    await provider.load();
    const after = provider.search(query('crm')).results.find(h => h.profile.upn === PERSONAS_UPN.agent)!;
    expect(after.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'endorsements', skillKey: 'crm', count: count + 1 })]));
  });
});
