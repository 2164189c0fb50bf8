/**
 * The 5,000-item list view threshold and `$batch`, through PnPjs v4.
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant } from '../support/sp-client';
import { bulkInsertItems, createListForSeed } from '../../workbench/tenant/sp/admin';
import type { SPFI } from '@pnp/sp';

describe('SharePoint list view threshold', () => {
  let t: SpTestTenant;
  let sp: SPFI;
  const ADMIN = 'big.admin@contoso.local';
  const THROTTLED = '-2147024860, Microsoft.SharePoint.SPQueryThrottledException';

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true });
    sp = spFor(t.siteUrl, ADMIN);
    createListForSeed(t.tenant.db, { Title: 'Big' }, [
      { Title: 'Region', FieldTypeKind: 2, Indexed: true },
      { Title: 'Score', FieldTypeKind: 9 },
      { Title: 'Bucket', FieldTypeKind: 9, Indexed: true }
    ]);
    const rows = Array.from({ length: 5001 }, (_, i) => ({ Title: `item ${i}`, Region: i % 2 ? 'north' : `r${i}`, Score: i, Bucket: i % 2 }));
    const { firstId, lastId } = bulkInsertItems(t.tenant.db, 'Big', rows, ADMIN);
    expect(lastId - firstId).toBe(5000);
  });
  afterAll(() => t.close());

  it('refuses a filter on a non-indexed column over 5,001 items', async () => {
    const e = await spErrorOf(sp.web.lists.getByTitle('Big').items.filter('Score eq 42')());
    expect(e.status).toBe(500);
    expect(e.code).toBe(THROTTLED);
    expect(e.message).toBe('The attempted operation is prohibited because it exceeds the list view threshold.');
  });

  it('answers a filter whose first clause is on an indexed column and narrows below the threshold', async () => {
    const rows = await sp.web.lists.getByTitle('Big').items.select('Title', 'Score').filter("Region eq 'r42' and Score eq 42")();
    expect(rows).toEqual([expect.objectContaining({ Title: 'item 42', Score: 42 })]);
    // Starting with the unindexed clause fails: SharePoint looks at the first clause.
    const e = await spErrorOf(sp.web.lists.getByTitle('Big').items.filter("Score eq 42 and Region eq 'r42'")());
    expect(e.code).toBe(THROTTLED);
  });

  it('refuses an indexed clause that still matches more than 5,000 items, and unindexed ordering', async () => {
    const wide = await spErrorOf(sp.web.lists.getByTitle('Big').items.filter('Bucket ge 0')());
    expect(wide.code).toBe(THROTTLED);
    const ok = await sp.web.lists.getByTitle('Big').items.select('Id').filter('Bucket eq 1').top(5)();
    expect(ok).toHaveLength(5);
    const order = await spErrorOf(sp.web.lists.getByTitle('Big').items.orderBy('Score')());
    expect(order.code).toBe(THROTTLED);
    const ne = await spErrorOf(sp.web.lists.getByTitle('Big').items.filter("Region ne 'north'")());
    expect(ne.code).toBe(THROTTLED);
  });

  it('still pages a large list by ID without a filter', async () => {
    const page = await sp.web.lists.getByTitle('Big').items.select('Id').top(100)();
    expect(page).toHaveLength(100);
    const big = await spErrorOf(sp.web.lists.getByTitle('Big').items.top(5001)());
    expect(big.code).toBe(THROTTLED);
  });

  it('answers the same indexed query in a few milliseconds', async () => {
    const list = sp.web.lists.getByTitle('Big');
    await list.items.select('Id').filter("Region eq 'north'").orderBy('Region').top(50)();
    const started = Date.now();
    for (let i = 0; i < 5; i++) await list.items.select('Id', 'Title').filter("Region eq 'north'").top(50)();
    expect((Date.now() - started) / 5).toBeLessThan(250);
  });
});

describe('SharePoint $batch', () => {
  let t: SpTestTenant;
  let sp: SPFI;
  const ADMIN = 'batch.admin@contoso.local';

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true });
    sp = spFor(t.siteUrl, ADMIN);
    createListForSeed(t.tenant.db, { Title: 'Tasks' }, [{ Title: 'Rank', FieldTypeKind: 9 }]);
    bulkInsertItems(t.tenant.db, 'Tasks', Array.from({ length: 30 }, (_, i) => ({ Title: `task ${i + 1}`, Rank: i + 1 })), ADMIN);
  });
  afterAll(() => t.close());

  it('answers a batch of 30 reads in request order', async () => {
    const [batched, execute] = sp.batched();
    const list = batched.web.lists.getByTitle('Tasks');
    const results: Promise<{ Title: string; Rank: number }>[] = [];
    for (let id = 1; id <= 30; id++) results.push(list.items.getById(id).select('Title', 'Rank')());
    await execute();
    const rows = await Promise.all(results);
    expect(rows.map(r => r.Rank)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(rows[29].Title).toBe('task 30');
  });

  it('runs changesets of writes, with per-request errors and ETags', async () => {
    const [batched, execute] = sp.batched();
    const list = batched.web.lists.getByTitle('Tasks');
    const add = list.items.add({ Title: 'from batch', Rank: 99 });
    const upd = list.items.getById(1).update({ Title: 'renamed in batch' });
    const stale = list.items.getById(2).update({ Title: 'stale' }, '"7"');
    const missing = list.items.getById(9999)();
    const read = batched.web.lists.getByTitle('Tasks').items.select('Title').filter("Title eq 'renamed in batch'")();
    await execute();
    expect((await add).Title).toBe('from batch');
    expect((await upd).etag).toBe('"2"');
    await expect(stale).rejects.toMatchObject({ status: 412 });
    await expect(missing).rejects.toMatchObject({ status: 404 });
    expect((await read).map((r: { Title: string }) => r.Title)).toEqual(['renamed in batch']);
    const check = await sp.web.lists.getByTitle('Tasks').items.getById(2).select('Title')();
    expect(check.Title).toBe('task 2');
  });
});

describe('SharePoint lookup column threshold and Note fields', () => {
  let t: SpTestTenant;
  let sp: SPFI;
  const ADMIN = 'lookup.admin@contoso.local';

  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true });
    sp = spFor(t.siteUrl, ADMIN);
    // Author and Editor plus 11 person fields: 13 lookup columns.
    createListForSeed(t.tenant.db, { Title: 'Wide' }, [
      ...Array.from({ length: 11 }, (_, i) => ({ Title: `Person${i}`, FieldTypeKind: 20 })),
      { Title: 'Notes', FieldTypeKind: 3 }
    ]);
    bulkInsertItems(t.tenant.db, 'Wide', [{ Title: 'one', Notes: 'long text' }], ADMIN);
  });
  afterAll(() => t.close());

  it('refuses a query touching more than 12 lookup columns, and accepts one with a narrow $select', async () => {
    const e = await spErrorOf(sp.web.lists.getByTitle('Wide').items());
    expect(e.status).toBe(500);
    expect(e.code).toBe('-2147024860, Microsoft.SharePoint.SPQueryThrottledException');
    expect(e.message).toMatch(/lookup column threshold/);
    const rows = await sp.web.lists.getByTitle('Wide').items.select('Title', 'Person0Id', 'Author/Title').expand('Author')();
    expect(rows[0]).toMatchObject({ Title: 'one', Person0Id: null, Author: { Title: expect.any(String) } });
  });

  it('refuses multiple lines of text in $filter', async () => {
    const e = await spErrorOf(sp.web.lists.getByTitle('Wide').items.select('Title').filter("Notes eq 'long text'")());
    expect(e.status).toBe(400);
    expect(e.message).toBe("The field 'Notes' of type 'Note' cannot be used in the query filter expression.");
  });
});
