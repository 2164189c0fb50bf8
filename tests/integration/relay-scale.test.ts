/**
 * Every query the suite makes on the relay lists, at scale: 100,000 relays, 20,000 insights (3,000
 * open), 100,000 timeline entries, 400 days of statistics, seeded once straight into the local
 * tenant, which enforces SharePoint's 5,000-item list view threshold (the first clause of a filter
 * must use an indexed column and narrow the result to at most 5,000 items). None may be refused.
 * Set RELAY_SCALE_REPORT=1 to print how long each query took.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { PERSONAS_UPN } from '../support/graph-client';
import { spErrorOf } from '../support/sp-client';
import { startRelayTenant, RelayTenant, clientId, seedRelaysAtScale, RELAY_SCALE, SCALE_CATEGORIES as CATEGORIES, SCALE_PRODUCTS as PRODUCTS, scaleText as textOf } from './relay-setup';
import { RelayService } from '../../services/relay/relays';
import { InsightService } from '../../services/relay/insights';
import { BannerService } from '../../services/relay/banners';
import { StatsService } from '../../services/relay/stats';
import { ingestPendingRelays } from '../../services/relay/ingest';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { INSIGHTS_LIST_TITLE, RELAYS_LIST_TITLE, INSIGHT_FIELDS, RELAY_FIELDS } from '../../services/provisioning/relayLists';

const { OPEN, PENDING } = RELAY_SCALE;

let r: RelayTenant;
const timings: Record<string, number> = {};
let seedMs = 0;

beforeAll(async () => {
  r = await startRelayTenant();
  seedMs = seedRelaysAtScale(r);
}, 180000);
afterAll(async () => {
  if (process.env.RELAY_SCALE_REPORT) {
    // eslint-disable-next-line no-console
    console.log(`seed ${seedMs} ms\n${Object.entries(timings).map(([k, v]) => `${k}: ${v} ms`).join('\n')}`);
  }
  await r.t.close();
});

async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const out = await f();
  timings[name] = Date.now() - started;
  return out;
}

const insightsAs = (upn: string, groups: string[]): InsightService =>
  new InsightService({ sp: r.sp(upn) }, { me: upn, policy: r.policy, groupIds: async () => groups, now: () => new Date('2026-11-02T15:00:00Z') });

describe('at scale, no query of the suite is refused by the list view threshold', () => {
  it('the lists are above the threshold, and a query without an indexed first clause is refused', async () => {
    const e = await spErrorOf(r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.filter(`${RELAY_FIELDS.severity} eq 'normal'`).top(10)());
    expect(e.code).toMatch(/SPQueryThrottledException/);
    const e2 = await spErrorOf(r.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.filter(`${INSIGHT_FIELDS.reach} eq 5`).top(10)());
    expect(e2.code).toMatch(/SPQueryThrottledException/);
  });

  it('triage (open insights of a category or product, most recent first)', async () => {
    const service = new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy });
    const found = await timed('triage', () => service.triage({ text: textOf(42), category: CATEGORIES[42 % CATEGORIES.length], product: PRODUCTS[42 % PRODUCTS.length] }));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].insight.id).toBe(43);
  });

  it('my relays, first and second page', async () => {
    const service = new RelayService({ sp: r.sp(PERSONAS_UPN.agent) }, { me: PERSONAS_UPN.agent, policy: r.policy });
    const first = await timed('myRelays page 1', () => service.myRelays());
    expect(first.items).toHaveLength(20);
    expect(first.items.every(x => x.insight !== null)).toBe(true);
    const second = await timed('myRelays page 2', () => service.myRelays(first.next));
    expect(second.items[0].relay.id).toBe(first.items[19].relay.id - 1);
  });

  it('open insights, all and mine', async () => {
    const all = await timed('openInsights all', () => insightsAs(PERSONAS_UPN.manager, []).openInsights({ scope: 'all' }));
    expect(all).toHaveLength(2000);
    expect(all.every(i => i.isOpen)).toBe(true);
    const mine = await timed('openInsights mine', () => insightsAs(PERSONAS_UPN.manager, [DEMO_GROUPS.billing.id]).openInsights({ scope: 'mine' }, 5000));
    // Open insights 0..2999 owned by Billing (i % 3 === 0) or by the manager (i % 10 === 0).
    expect(mine).toHaveLength(Array.from({ length: OPEN }, (_x, i) => i).filter(i => i % 3 === 0 || i % 10 === 0).length);
    const filtered = await timed('openInsights category', () => insightsAs(PERSONAS_UPN.manager, []).openInsights({ scope: 'all', category: 'billing' }));
    expect(filtered.length).toBe(OPEN / CATEGORIES.length);
  });

  it('timeline and relays of an insight', async () => {
    const service = insightsAs(PERSONAS_UPN.manager, []);
    expect(await timed('timeline', () => service.timeline(1234))).toHaveLength(5);
    expect(await timed('relaysOf', () => service.relaysOf(1234))).toHaveLength(5);
  });

  it('statistics and banners', async () => {
    expect(await timed('stats days', () => new StatsService({ sp: r.sp(PERSONAS_UPN.manager) }).days('2026-06-01'))).toHaveLength(400 - 151);
    const banners = await timed('banners active', () => new BannerService({ sp: r.sp(PERSONAS_UPN.employee) }, { now: () => new Date('2026-06-01T00:00:00Z') }).active());
    expect(banners.map(b => b.key)).toEqual(['seed:15']);
  });

  it('ingestion: the pending read and the open-insights read, then every pending relay clustered', async () => {
    const result = await timed(`ingest ${PENDING} pending`, () => ingestPendingRelays({ sp: r.admin }, {
      policy: r.policy, now: new Date('2026-11-02T15:00:00Z'), managerChainOf: async () => []
    }));
    expect(result.failed).toBe(0);
    expect(result.processed).toBe(PENDING);
    const left = await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.select('Id').filter(`${RELAY_FIELDS.ingestState} eq 'pending'`).top(10)();
    expect(left).toEqual([]);
  });

  it('nothing was refused along the way', () => {
    const refused = r.t.requests.filter(q => q.status === 500 && /\/_api\//.test(q.url));
    // Only the two deliberately unindexed queries of the first test.
    expect(refused).toHaveLength(2);
  });

  it('ingestion with more than 5,000 relays pending walks the list by Id windows, oldest first', async () => {
    const { firstId } = bulkInsertItems(r.t.tenant.db, RELAYS_LIST_TITLE, Array.from({ length: 5100 }, (_x, i) => ({
      Title: 'backlog', [RELAY_FIELDS.clientId]: clientId(), [RELAY_FIELDS.relayerUpn]: PERSONAS_UPN.agent.toLowerCase(), [RELAY_FIELDS.channel]: 'phone',
      [RELAY_FIELDS.category]: 'delivery', [RELAY_FIELDS.product]: 'home-delivery', [RELAY_FIELDS.severity]: 'normal',
      [RELAY_FIELDS.customerWords]: textOf(i), [RELAY_FIELDS.ingestState]: 'pending'
    })), PERSONAS_UPN.agent);
    // The plain pending query is now refused by SharePoint...
    const e = await spErrorOf(r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.filter(`${RELAY_FIELDS.ingestState} eq 'pending'`).top(10)());
    expect(e.code).toMatch(/SPQueryThrottledException/);
    // ...and ingestion still makes progress, a bounded number per run.
    const result = await timed('ingest 30 of a 5,100 backlog', () => ingestPendingRelays({ sp: r.admin }, {
      policy: r.policy, now: new Date('2026-11-02T15:00:00Z'), managerChainOf: async () => [], maxRelays: 30
    }));
    expect(result).toMatchObject({ processed: 30, failed: 0 });
    const first = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(firstId + 29)()) as Record<string, unknown>;
    const next = (await r.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(firstId + 30)()) as Record<string, unknown>;
    expect([first[RELAY_FIELDS.ingestState], next[RELAY_FIELDS.ingestState]]).toEqual(['clustered', 'pending']);
  });
});
