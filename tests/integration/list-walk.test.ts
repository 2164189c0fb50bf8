/**
 * services/listWalk.ts: every matching item of a large list, also when the filter's first clause
 * selects more than the list view threshold (the local tenant refuses such a query as SharePoint
 * does; the walk then reads windows of 5,000 ids).
 */
import { startSpTenant, spFor, spErrorOf, SpTestTenant } from '../support/sp-client';
import { bulkInsertItems, createListForSeed } from '../../workbench/tenant/sp/admin';
import { walkItems, isThresholdError } from '../../services/listWalk';
import type { SPFI } from '@pnp/sp';

let t: SpTestTenant;
let sp: SPFI;
const ADMIN = 'walk.admin@contoso.local';

describe('walkItems', () => {
  beforeAll(async () => {
    t = await startSpTenant();
    t.addUser(ADMIN, { admin: true });
    sp = spFor(t.siteUrl, ADMIN);
    createListForSeed(t.tenant.db, { Title: 'Walk' }, [
      { Title: 'State', FieldTypeKind: 2, Indexed: true },
      { Title: 'Rank', FieldTypeKind: 9 }
    ]);
    // 12,000 items: 9,000 'done' (more than the threshold), 3,000 'open'.
    const rows = Array.from({ length: 12000 }, (_, i) => ({ Title: `item ${i}`, State: i % 4 === 3 ? 'open' : 'done', Rank: i }));
    bulkInsertItems(t.tenant.db, 'Walk', rows, ADMIN);
  }, 60000);
  afterAll(() => t.close());

  const collect = async (filter: string): Promise<number[]> => {
    const ids: number[] = [];
    for await (const page of walkItems<{ Id: number; Rank: number }>(sp.web.lists.getByTitle('Walk'), { select: ['Id', 'Rank'], filter, pageSize: 2000 })) {
      ids.push(...page.map(i => i.Rank));
    }
    return ids;
  };

  it('reads a filter under the threshold directly, every item once, oldest first', async () => {
    const ranks = await collect("State eq 'open'");
    expect(ranks).toHaveLength(3000);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.every(r => r % 4 === 3)).toBe(true);
  });

  it('walks windows of ids when the filter alone selects more than the threshold', async () => {
    const refused = await spErrorOf(sp.web.lists.getByTitle('Walk').items.filter("State eq 'done'").top(2000)());
    expect(isThresholdError(refused) || /-2147024860/.test(refused.code)).toBe(true);
    const ranks = await collect("State eq 'done'");
    expect(ranks).toHaveLength(9000);
    expect(new Set(ranks).size).toBe(9000);
    expect(ranks.every(r => r % 4 !== 3)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('passes other errors on', async () => {
    const walk = walkItems(sp.web.lists.getByTitle('Missing'), { select: ['Id'], filter: "State eq 'done'", pageSize: 10 });
    await expect(walk.next()).rejects.toBeTruthy();
  });
});
