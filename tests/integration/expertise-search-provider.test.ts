/**
 * The SharePoint Search expertise provider against the local tenant's `_api/search/postquery`: the
 * same top results as the local provider for the same queries, the same reasons, filters, paging
 * beyond 500 candidates (StartRow), guests and disabled accounts hidden, and quotes that do not
 * break KQL.
 */
import { startSeededTenant, graphFor, PERSONAS_UPN, SeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { generateDemoOrganisation, seedScale } from '../../workbench/tenant/seed';
import { provisionSuite } from '../../services/provisioning/provision';
import { EXPERTISE_LISTS } from '../../services/provisioning/expertiseLists';
import { seedDemoExpertise } from '../../services/expertise/demoSeed';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { LocalExpertiseProvider } from '../../services/expertise/localProvider';
import { kqlPhrase, SharePointSearchExpertiseProvider, textToKql } from '../../services/expertise/searchProvider';
import { createTaxonomy } from '../../core/expertise/taxonomy';
import { defaultPolicy } from '../../core/policy';
import type { SearchQuery, SearchResult } from '../../core/expertise/types';

let t: SeededTenant;
const people = generateDemoOrganisation({ referenceDate: TEST_REFERENCE_DATE }).people;
const taxonomy = defaultPolicy().skills;
const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, filters: {}, page: 1, pageSize: 10, locale: 'fr-CA', ...extra });
let local: LocalExpertiseProvider;
let search: SharePointSearchExpertiseProvider;

beforeAll(async () => {
  t = await startSeededTenant();
  const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, {
    roles: { tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`] },
    lists: [...SUITE_LISTS.filter(l => !EXPERTISE_LISTS.some(e => e.title === l.title)), ...EXPERTISE_LISTS],
    initialPolicyJson: JSON.stringify(defaultPolicy())
  });
  await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
  local = new LocalExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee), graph: graphFor(t.graphBaseUrl, PERSONAS_UPN.employee) }, { taxonomy });
  search = new SharePointSearchExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, { taxonomy });
  await Promise.all([local.load(), search.load()]);
}, 120000);
afterAll(() => t && t.close());

const upns = (r: SearchResult): string[] => r.results.map(h => h.profile.upn);
/**
 * Reasons of a result, the text-match share apart: word rarity is measured over the candidates
 * SharePoint returns, not over everyone, so it may differ a little (evidence points never do).
 */
const reasonsOf = (r: SearchResult, upn: string): unknown[] => (r.results.find(h => h.profile.upn === upn)?.reasons || [])
  .map(x => (x.kind === 'textMatch' ? { ...x, points: 'text' } : x));
const textPoints = (r: SearchResult, upn: string): number =>
  (r.results.find(h => h.profile.upn === upn)?.reasons || []).reduce((sum, x) => sum + (x.kind === 'textMatch' ? x.points : 0), 0);

describe('the SharePoint Search provider answers as the local provider', () => {
  it.each([
    ['gestion relation client'],
    ['CRM'],
    ['gestoin relaton client'],
    ['tremblya'],
    ['Québec'],
    ['customer relationship management'],
    ['lean']
  ])('"%s": the same results in the same order, with the same reasons', async text => {
    const expected = local.search(query(text));
    const actual = await search.search(query(text));
    expect(expected.total).toBeGreaterThan(0);
    expect(upns(actual).slice(0, 5)).toEqual(upns(expected).slice(0, 5));
    expect(actual.total).toBe(expected.total);
    const top = upns(expected)[0];
    expect(reasonsOf(actual, top)).toEqual(reasonsOf(expected, top));
    expect(Math.abs(textPoints(actual, top) - textPoints(expected, top))).toBeLessThan(0.5);
  });

  it('asks SharePoint Search a bounded number of requests per new query, none for its next pages', async () => {
    const fresh = new SharePointSearchExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, { taxonomy });
    await fresh.load();
    expect(fresh.requests).toBe(4);
    const first = await fresh.search(query('gestion relation client'));
    const perQuery = fresh.requests - 4;
    expect(perQuery).toBeLessThanOrEqual(2 + 3 * Math.ceil(first.total / 50) + 2);
    await fresh.search(query('gestion relation client', { page: 2 }));
    expect(fresh.requests - 4).toBe(perQuery);
  });

  it('finds Émilie Tremblay for "gestion relation client", endorsed, as the view words it', async () => {
    const r = await search.search(query('gestion relation client', { pageSize: 50 }));
    const emilie = r.results.find(h => h.profile.upn === PERSONAS_UPN.agent)!;
    expect(emilie.reasons).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'endorsements', skillKey: 'crm' }),
      expect.objectContaining({ kind: 'declaredSkill', skillKey: 'crm', proficiency: 4 })
    ]));
  });

  it('applies the filters (department and location as KQL restrictions, language and customer-facing in the index)', async () => {
    for (const filters of [{ department: 'Customer Service' }, { location: 'Québec' }, { language: 'en' }, { customerFacing: true }]) {
      const expected = local.search(query('crm', { filters, pageSize: 100 }));
      const actual = await search.search(query('crm', { filters, pageSize: 100 }));
      expect(upns(actual)).toEqual(upns(expected));
    }
  });

  it('offers the same filter values, from refiners', () => {
    const visible = local.profiles.filter(p => p.userType === 'Member' && p.accountEnabled);
    expect(search.facets.departments.slice().sort()).toEqual(Array.from(new Set(visible.map(p => p.department).filter(Boolean))).sort());
    expect(search.facets.locations.slice().sort()).toEqual(Array.from(new Set(visible.map(p => p.location).filter(Boolean))).sort());
    expect(search.facets.languages).toEqual(expect.arrayContaining(['fr', 'en']));
  });

  it('never returns guests or disabled accounts', async () => {
    const hidden = local.profiles.filter(p => p.userType === 'Guest' || !p.accountEnabled);
    expect(hidden.length).toBeGreaterThan(0);
    for (const p of hidden) {
      const r = await search.search(query(p.displayName, { pageSize: 100 }));
      expect(upns(r)).not.toContain(p.upn);
    }
  });

  it('a quote in the query does not break KQL', async () => {
    const r = await search.search(query('O\'Neill "crm'));
    expect(upns(r)).toContain(PERSONAS_UPN.director);
    await expect(search.search(query('"" ) ( OR NOT : * crm'))).resolves.toBeDefined();
    expect(kqlPhrase('say "hi" OR NOT x:*')).toBe('"say hi OR NOT x:*"');
  });

  it('expands skills through the taxonomy in KQL, every value quoted', () => {
    const kql = textToKql('gestion relation client', createTaxonomy(taxonomy));
    expect(kql).toContain('"crm"');
    expect(kql).toContain('"Gestion de la relation client"');
    expect(textToKql('   ', createTaxonomy(taxonomy))).toBe('*');
  });
});

describe('beyond 500 candidates', () => {
  it('pages SharePoint Search with StartRow and ranks every candidate; the view pages the ranked list', async () => {
    seedScale(t.tenant.db, { people: 900 });
    const big = new SharePointSearchExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, { taxonomy });
    const bigLocal = new LocalExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee), graph: graphFor(t.graphBaseUrl, PERSONAS_UPN.employee) }, { taxonomy });
    await Promise.all([big.load(), bigLocal.load()]);
    const from = t.requests.length;
    const first = await big.search(query('', { pageSize: 100 }));
    const expected = bigLocal.search(query('', { pageSize: 100 }));
    expect(first.total).toBeGreaterThan(1000);
    expect(first.total).toBe(expected.total);
    expect(upns(first)).toEqual(upns(expected));
    const posts = t.requests.slice(from).filter(r => /_api\/search\/postquery/i.test(r.url));
    expect(posts.length).toBeGreaterThan(3);
    // Page 12 comes from the kept candidates: no new request.
    const before = t.requests.length;
    const page12 = await big.search(query('', { pageSize: 100, page: 12 }));
    expect(t.requests.length).toBe(before);
    expect(upns(page12)).toEqual(upns(bigLocal.search(query('', { pageSize: 100, page: 12 }))));
  }, 120000);
});
