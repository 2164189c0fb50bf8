/**
 * The local tenant's `POST _api/search/postquery` as PnPjs v4 calls it (sp.search): the request body,
 * the answer's shape (PrimaryQueryResult.RelevantResults.Table.Rows[].Cells), the KQL subset, paging
 * with StartRow/RowLimit (at most 500 rows per request), refiners, security trimming, the verbose
 * form, and 400 naming what is unsupported.
 */
import '@pnp/sp/search';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { LOCAL_PEOPLE_RESULTS, parseKql } from '../../workbench/tenant/sp/search';
import { seedScale } from '../../workbench/tenant/seed';

let t: SeededTenant;
beforeAll(async () => {
  t = await startSeededTenant();
  // More people than one page of 500 holds, twice over.
  seedScale(t.tenant.db, { people: 1000 });
}, 60000);
afterAll(() => t && t.close());

/** A people result: the managed properties asked for in SelectProperties, as strings. */
type PersonRow = Record<'PreferredName' | 'UserName' | 'Department' | 'JobTitle' | 'UserType' | 'AccountEnabled', string>;

const people = async (querytext: string, extra: Record<string, unknown> = {}) => {
  const r = await spFor(t.siteUrl, PERSONAS_UPN.employee).search({
    Querytext: querytext, SourceId: LOCAL_PEOPLE_RESULTS, RowLimit: 50,
    SelectProperties: ['PreferredName', 'UserName', 'Department', 'JobTitle', 'UserType', 'AccountEnabled'], ...extra
  });
  // PnPjs types a result row with the default properties only; these rows hold the selected ones.
  return r as unknown as Omit<typeof r, 'PrimarySearchResults'> & { PrimarySearchResults: PersonRow[] };
};

async function statusOf(body: unknown, accept = 'application/json;odata=nometadata'): Promise<{ status: number; json: Record<string, unknown> }> {
  const digest = 'x-requestdigest';
  const res = await fetch(`${t.siteUrl}/_api/search/postquery`, {
    method: 'POST',
    headers: { 'x-local-user': PERSONAS_UPN.employee, accept, 'content-type': 'application/json', [digest]: '0x1234,01 Jan 2026 00:00:00 -0000' },
    body: JSON.stringify(body)
  });
  return { status: res.status, json: await res.json() as Record<string, unknown> };
}

describe('POST _api/search/postquery (people)', () => {
  it('answers the documented shape: rows of Cells { Key, Value, ValueType } with string values, TotalRows and RowCount', async () => {
    const r = await people(`UserName:"${PERSONAS_UPN.agent}"`);
    expect(r.TotalRows).toBe(1);
    expect(r.RowCount).toBe(1);
    const raw = r.RawSearchResults as unknown as { PrimaryQueryResult: { RelevantResults: { Table: { Rows: Array<{ Cells: Array<{ Key: string; Value: string; ValueType: string }> }> } } } };
    const cells = raw.PrimaryQueryResult.RelevantResults.Table.Rows[0].Cells;
    expect(cells.map(c => c.Key)).toEqual(['Rank', 'DocId', 'PreferredName', 'UserName', 'Department', 'JobTitle', 'UserType', 'AccountEnabled']);
    expect(cells.every(c => c.Value === null || typeof c.Value === 'string')).toBe(true);
    expect(r.PrimarySearchResults[0]).toMatchObject({ PreferredName: 'Émilie Tremblay', UserName: PERSONAS_UPN.agent, UserType: 'Member', AccountEnabled: 'true' });
  });

  it('matches free terms with AND, ignoring case and accents; quoted phrases; prefixes; OR and NOT', async () => {
    const both = await people('emilie TREMBLAY');
    expect(both.PrimarySearchResults.map(x => x.UserName)).toContain(PERSONAS_UPN.agent);
    const none = await people('émilie zzzunknown');
    expect(none.TotalRows).toBe(0);
    const prefix = await people('tremb*');
    expect(prefix.PrimarySearchResults.map(x => x.UserName)).toContain(PERSONAS_UPN.agent);
    const either = await people(`UserName:"${PERSONAS_UPN.agent}" OR UserName:"${PERSONAS_UPN.manager}"`);
    expect(either.PrimarySearchResults.map(x => x.UserName).sort()).toEqual([PERSONAS_UPN.agent, PERSONAS_UPN.manager].sort());
    const not = await people(`(UserName:"${PERSONAS_UPN.agent}" OR UserName:"${PERSONAS_UPN.manager}") -UserName:"${PERSONAS_UPN.manager}"`);
    expect(not.PrimarySearchResults.map(x => x.UserName)).toEqual([PERSONAS_UPN.agent]);
  });

  it('restricts on a property: Department:"..." keeps that department only', async () => {
    const r = await people('Department:"Customer Service"', { RowLimit: 500 });
    expect(r.TotalRows).toBeGreaterThan(10);
    expect(r.PrimarySearchResults.every(x => /customer service/i.test(String(x.Department)))).toBe(true);
  });

  it('pages beyond 500 with StartRow; RowLimit never answers more than 500 rows', async () => {
    const first = await people('*', { RowLimit: 1000, StartRow: 0 });
    expect(first.TotalRows).toBeGreaterThan(1000);
    expect(first.RowCount).toBe(500);
    const seen = new Set(first.PrimarySearchResults.map(x => x.UserName as string));
    for (let start = 500; start < first.TotalRows; start += 500) {
      const next = await people('*', { RowLimit: 500, StartRow: start });
      expect(next.TotalRows).toBe(first.TotalRows);
      next.PrimarySearchResults.forEach(x => seen.add(x.UserName as string));
    }
    expect(seen.size).toBe(first.TotalRows);
  });

  it('sees a change of the directory at the next query (the people rows are rebuilt after any write)', async () => {
    expect((await people('Department:"Zythology"')).TotalRows).toBe(0);
    const before = (t.tenant.db.prepare('SELECT department FROM users WHERE userPrincipalName = ?').get(PERSONAS_UPN.comms) as { department: string }).department;
    t.tenant.db.prepare('UPDATE users SET department = ? WHERE userPrincipalName = ?').run('Zythology', PERSONAS_UPN.comms);
    const r = await people('Department:"Zythology"');
    expect(r.PrimarySearchResults.map(x => x.UserName)).toEqual([PERSONAS_UPN.comms]);
    t.tenant.db.prepare('UPDATE users SET department = ? WHERE userPrincipalName = ?').run(before, PERSONAS_UPN.comms);
  });

  it('answers refiners with counts and tokens', async () => {
    const r = await people('*', { RowLimit: 0, Refiners: 'Department' });
    const refiners = (r.RawSearchResults as unknown as { PrimaryQueryResult: { RefinementResults: { Refiners: Array<{ Name: string; Entries: Array<{ RefinementName: string; RefinementCount: string; RefinementToken: string }> }> } } })
      .PrimaryQueryResult.RefinementResults.Refiners;
    expect(refiners[0].Name).toBe('Department');
    const cs = refiners[0].Entries.find(e => e.RefinementName === 'Customer Service')!;
    expect(Number(cs.RefinementCount)).toBeGreaterThan(10);
    expect(cs.RefinementToken).toBe(`"ǂǂ${Buffer.from('Customer Service').toString('hex')}"`);
  });

  it('answers the verbose form too (arrays as { results })', async () => {
    const { status, json } = await statusOf({
      request: { __metadata: { type: 'Microsoft.Office.Server.Search.REST.SearchRequest' }, Querytext: 'tremblay', SourceId: LOCAL_PEOPLE_RESULTS, SelectProperties: { results: ['UserName'] }, RowLimit: 5 }
    }, 'application/json;odata=verbose');
    expect(status).toBe(200);
    const rows = (json as { d: { postquery: { PrimaryQueryResult: { RelevantResults: { Table: { Rows: { results: Array<{ Cells: { results: Array<{ Key: string; Value: string }> } }> } } } } } } })
      .d.postquery.PrimaryQueryResult.RelevantResults.Table.Rows.results;
    expect(rows.some(r => r.Cells.results.some(c => c.Key === 'UserName' && c.Value === PERSONAS_UPN.agent))).toBe(true);
  });
});

describe('KQL the local tenant does not emulate answers 400 naming it', () => {
  it.each([
    ['NEAR', 'crm NEAR(3) client', /NEAR/],
    ['comparison', 'LastModifiedTime>2026-01-01', />/],
    ['inner wildcard', 'c*m', /wildcard/],
    ['unknown property', 'Nonexistent:"x"', /nonexistent/i],
    ['unbalanced quote', '"crm', /quote/]
  ])('%s', async (_name, kql, message) => {
    const { status, json } = await statusOf({ request: { Querytext: kql, SourceId: LOCAL_PEOPLE_RESULTS } });
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toMatch(message);
  });

  it('refuses SortList and RefinementFilters, and other endpoints', async () => {
    expect((await statusOf({ request: { Querytext: '*', SortList: [{ Property: 'Rank', Direction: 1 }] } })).status).toBe(501);
    expect((await statusOf({ request: { Querytext: '*', RefinementFilters: ['Department:equals("x")'] } })).status).toBe(501);
  });

  it('parses the subset it documents', () => {
    expect(parseKql('"gestion relation client" OR crm*')).toEqual({
      kind: 'or', items: [{ kind: 'text', words: ['gestion', 'relation', 'client'], prefix: false }, { kind: 'text', words: ['crm'], prefix: true }]
    });
    expect(parseKql('Department:"Service client" path:"http://x/Lists/A"')).toMatchObject({ kind: 'and', items: [{ kind: 'prop', name: 'department', value: 'Service client' }, { kind: 'prop', name: 'path' }] });
    expect(() => parseKql('x'.repeat(4097))).toThrow(/4096/);
  });
});

describe('list items (Local SharePoint Results)', () => {
  it('finds list items by path, security trimmed, with their columns as OWS managed properties', async () => {
    const sp = spFor(t.siteUrl, PERSONAS_UPN.employee);
    const r = await sp.search({ Querytext: `path:"${t.siteUrl}/Lists/"`, RowLimit: 5, SelectProperties: ['Title', 'Path', 'ListId'] });
    for (const row of r.PrimarySearchResults) expect(String(row.Path)).toContain('/Lists/');
    // A guest reads nothing of the site: search answers nothing either.
    const guest = await spFor(t.siteUrl, PERSONAS_UPN.guest).search({ Querytext: '*', RowLimit: 5 });
    expect(guest.TotalRows).toBe(0);
  });
});
