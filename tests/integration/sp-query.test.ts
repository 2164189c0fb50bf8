/**
 * OData queries on list items through PnPjs v4: every $filter operator and literal kind, $orderby,
 * $top, and paging across pages with odata.nextLink / $skiptoken (PnPjs async iteration).
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant } from '../support/sp-client';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';

describe('SharePoint item queries', () => {
  let t: SpTestTenant;
  let sp: SPFI;
  let list: IList;
  const ADMIN = 'query.admin@contoso.local';
  const BOB = 'bob@contoso.local';
  let bobId = 0;

  const titles = async (filter: string, orderBy = 'ID'): Promise<string[]> =>
    (await list.items.select('Title').filter(filter).orderBy(orderBy, true).top(500)()).map((r: { Title: string }) => r.Title);

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true, displayName: 'Query Admin' });
    t.addUser(BOB, { displayName: 'Bob Builder' });
    t.everyoneEdits();
    sp = spFor(t.siteUrl, ADMIN);
    await sp.web.lists.add('People');
    list = sp.web.lists.getByTitle('People');
    await list.fields.addNumber('Age', { Indexed: true });
    await list.fields.addBoolean('Active');
    await list.fields.addDateTime('Joined');
    await list.fields.addText('City', { Indexed: true });
    await list.fields.addUser('Buddy');
    await list.fields.addMultiChoice('Skills', { Choices: ['ts', 'sql', 'css'] });
    bobId = (await sp.web.ensureUser(BOB)).Id;
    const rows = [
      { Title: "O'Brien", Age: 41, Active: true, Joined: '2024-01-15T00:00:00Z', City: 'Paris', BuddyId: bobId, Skills: ['ts', 'sql'] },
      { Title: 'Alpha', Age: 25, Active: false, Joined: '2023-06-01T00:00:00Z', City: 'Lyon', Skills: ['css'] },
      { Title: 'Beta', Age: 30, Active: true, Joined: '2024-03-01T00:00:00Z', City: null },
      { Title: 'Gamma', Age: 35, Active: true, Joined: '2022-12-31T23:00:00Z', City: 'Paris' },
      { Title: 'alphabet', Age: 18, Active: false, Joined: null, City: 'Nice', BuddyId: bobId }
    ];
    for (const r of rows) await list.items.add(r);
  });
  afterAll(() => t.close());

  it('filters on a string literal holding a quote', async () => {
    expect(await titles("Title eq 'O''Brien'")).toEqual(["O'Brien"]);
  });

  it('supports eq ne lt le gt ge on numbers', async () => {
    expect(await titles('Age eq 30')).toEqual(['Beta']);
    expect(await titles('Age ne 30')).toEqual(["O'Brien", 'Alpha', 'Gamma', 'alphabet']);
    expect(await titles('Age lt 25')).toEqual(['alphabet']);
    expect(await titles('Age le 25')).toEqual(['Alpha', 'alphabet']);
    expect(await titles('Age gt 35')).toEqual(["O'Brien"]);
    expect(await titles('Age ge 35')).toEqual(["O'Brien", 'Gamma']);
  });

  it('supports and, or, not and parentheses', async () => {
    expect(await titles("Age gt 20 and City eq 'Paris'")).toEqual(["O'Brien", 'Gamma']);
    expect(await titles("City eq 'Lyon' or City eq 'Nice'")).toEqual(['Alpha', 'alphabet']);
    expect(await titles("(City eq 'Lyon' or City eq 'Nice') and Age gt 20")).toEqual(['Alpha']);
    expect(await titles("not (City eq 'Paris')")).toEqual(['Alpha', 'Beta', 'alphabet']);
    expect(await titles("City eq 'Lyon' or City eq 'Nice' and Age gt 20")).toEqual(['Alpha']);
  });

  it('supports startswith and substringof (case-insensitive like SharePoint)', async () => {
    expect(await titles("startswith(Title,'alpha')")).toEqual(['Alpha', 'alphabet']);
    expect(await titles("substringof('ET',Title)")).toEqual(['Beta', 'alphabet']);
    expect(await titles("substringof('%',Title)")).toEqual([]);
  });

  it('supports null tests, booleans as true/false and 1/0, and datetime literals', async () => {
    expect(await titles('City eq null')).toEqual(['Beta']);
    expect(await titles('Joined ne null and City ne null')).toEqual(["O'Brien", 'Alpha', 'Gamma']);
    expect(await titles('Active eq true')).toEqual(["O'Brien", 'Beta', 'Gamma']);
    expect(await titles('Active eq 0')).toEqual(['Alpha', 'alphabet']);
    expect(await titles("Joined ge datetime'2024-01-01T00:00:00Z'")).toEqual(["O'Brien", 'Beta']);
    expect(await titles("Joined lt datetime'2023-01-01T00:00:00Z'")).toEqual(['Gamma']);
    // Without a zone designator the value is UTC (the local site's time zone), whatever the machine's.
    expect(await titles("Joined ge datetime'2022-12-31T23:00:00' and Joined lt datetime'2023-01-01T00:00:00'")).toEqual(['Gamma']);
  });

  it('filters on person subfields and ids, and on multi-choice values', async () => {
    expect(await titles(`BuddyId eq ${bobId}`)).toEqual(["O'Brien", 'alphabet']);
    expect(await titles(`Buddy/Id eq ${bobId}`)).toEqual(["O'Brien", 'alphabet']);
    expect(await titles(`Buddy/EMail eq '${BOB}'`)).toEqual(["O'Brien", 'alphabet']);
    expect(await titles("Buddy/Title eq 'Bob Builder' and Age gt 20")).toEqual(["O'Brien"]);
    const me = await sp.web.currentUser();
    expect((await titles(`AuthorId eq ${me.Id}`)).length).toBe(5);
    expect(await titles("Author/EMail eq 'someone@else'")).toEqual([]);
    expect(await titles("Skills eq 'sql'")).toEqual(["O'Brien"]);
  });

  it('orders by several fields, ascending and descending', async () => {
    const rows = await list.items.select('Title').orderBy('City', true).orderBy('Age', false)();
    expect(rows.map((r: { Title: string }) => r.Title)).toEqual(['Beta', 'Alpha', 'alphabet', "O'Brien", 'Gamma']);
  });

  it('answers malformed filters with 400 and SharePoint\'s error shape', async () => {
    const e = await spErrorOf(list.items.filter("Title eq 'unterminated")());
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/Unterminated string/);
    const unknown = await spErrorOf(list.items.filter("Nope eq 1")());
    expect(unknown.status).toBe(400);
    expect(unknown.message).toBe("The field or property 'Nope' does not exist.");
    const typed = await spErrorOf(list.items.filter("Age eq 'old'")());
    expect(typed.status).toBe(400);
  });

  it('pages across three pages with $skiptoken, ordered and not, through PnPjs async iteration', async () => {
    await sp.web.lists.add('Pages');
    const pages = sp.web.lists.getByTitle('Pages');
    await pages.fields.addNumber('Rank', { Indexed: true });
    const [batched, execute] = sp.batched();
    const bl = batched.web.lists.getByTitle('Pages');
    for (let i = 1; i <= 25; i++) bl.items.add({ Title: `p${i}`, Rank: i % 5 });
    await execute();
    const seen: string[] = [];
    let pageCount = 0;
    for await (const page of pages.items.select('Title').top(10)) {
      pageCount++;
      seen.push(...page.map((r: { Title: string }) => r.Title));
    }
    expect(pageCount).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `p${i + 1}`));

    const ordered: { Title: string; Rank: number }[] = [];
    pageCount = 0;
    for await (const page of pages.items.select('Title', 'Rank').orderBy('Rank', false).top(10)) {
      pageCount++;
      ordered.push(...page);
    }
    expect(pageCount).toBe(3);
    expect(ordered).toHaveLength(25);
    expect(new Set(ordered.map(r => r.Title)).size).toBe(25);
    const ranks = ordered.map(r => r.Rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

    // The next link is SharePoint's: Paged=TRUE&p_ID=<last id> (+ p_<order field>).
    const res = await fetch(`${t.siteUrl}/_api/web/lists/getbytitle('Pages')/items?$select=Title&$orderby=Rank&$top=10`, { headers: { 'x-local-user': ADMIN, Accept: 'application/json;odata=nometadata' } });
    const body = await res.json();
    const next = new URL(body['odata.nextLink']);
    expect(next.searchParams.get('$skiptoken')).toMatch(/^Paged=TRUE&p_Rank=1&p_ID=21$/);
    expect(body.value[0]['odata.etag']).toBeUndefined();
  });
});
