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
import { startRelayTenant, RelayTenant, clientId } from './relay-setup';
import { bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { RelayService } from '../../services/relay/relays';
import { InsightService } from '../../services/relay/insights';
import { BannerService } from '../../services/relay/banners';
import { StatsService } from '../../services/relay/stats';
import { ingestPendingRelays } from '../../services/relay/ingest';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import {
  BANNERS_LIST_TITLE, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHTS_LIST_TITLE, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, INSIGHT_FIELDS, RELAY_FIELDS
} from '../../services/provisioning/relayLists';

const RELAYS = 100000;
const INSIGHTS = 20000;
const OPEN = 3000;
const PENDING = 150;
const AGENT_RELAYS = 1000;
/** Everyone else's relays (a demo persona: the local tenant knows its users). */
const SEED_AUTHOR = PERSONAS_UPN.ceo.toLowerCase();

let r: RelayTenant;
const timings: Record<string, number> = {};
let seedMs = 0;

const CATEGORIES = ['delivery', 'call-centre', 'billing', 'refunds', 'phishing-fraud', 'tickets', 'loyalty', 'store-service', 'service-quality', 'website', 'product-quality', 'other'];
const PRODUCTS = ['home-delivery', 'online-store', 'mobile-app', 'in-store', 'loyalty-card', 'customer-account', 'gift-cards', 'tickets'];
const WORDS = ['parcel', 'late', 'refund', 'invoice', 'twice', 'card', 'points', 'store', 'closed', 'app', 'crash', 'login', 'password', 'ticket', 'name',
  'wrong', 'delivery', 'saturday', 'notice', 'phone', 'wait', 'hour', 'agent', 'rude', 'price', 'promo', 'broken', 'missing', 'email', 'phishing', 'locker', 'code'];
const textOf = (i: number, n = 9): string => Array.from({ length: n }, (_x, k) => WORDS[(i * 7 + k * 13 + (i >> k)) % WORDS.length]).join(' ');
const iso = (ms: number): string => new Date(ms).toISOString();
const BASE = Date.parse('2026-01-01T12:00:00Z');

beforeAll(async () => {
  r = await startRelayTenant();
  const db = r.t.tenant.db;
  const started = Date.now();
  // Insights: the first OPEN are open, the rest closed.
  bulkInsertItems(db, INSIGHTS_LIST_TITLE, Array.from({ length: INSIGHTS }, (_x, i) => {
    const open = i < OPEN;
    const seen = iso(BASE + i * 60000);
    return {
      Title: textOf(i, 5), [INSIGHT_FIELDS.key]: `seed:${i}`, [INSIGHT_FIELDS.summary]: textOf(i), [INSIGHT_FIELDS.category]: CATEGORIES[i % CATEGORIES.length],
      [INSIGHT_FIELDS.product]: PRODUCTS[i % PRODUCTS.length], [INSIGHT_FIELDS.severity]: 'normal', [INSIGHT_FIELDS.reach]: 5,
      [INSIGHT_FIELDS.firstSeen]: seen, [INSIGHT_FIELDS.lastSeen]: seen,
      [INSIGHT_FIELDS.ownerGroupId]: i % 3 === 0 ? DEMO_GROUPS.billing.id : DEMO_GROUPS.customerService.id,
      [INSIGHT_FIELDS.ownerUpn]: i % 10 === 0 ? PERSONAS_UPN.manager.toLowerCase() : null,
      [INSIGHT_FIELDS.status]: open ? 'acknowledged' : 'resolved', [INSIGHT_FIELDS.isOpen]: open,
      [INSIGHT_FIELDS.statusHistory]: JSON.stringify([{ at: seen, status: 'new' }])
    };
  }), PERSONAS_UPN.admin);
  // Relays: 5 per insight; the agent's own; the last PENDING waiting for ingestion.
  const relayRow = (i: number): Record<string, unknown> => ({
    Title: textOf(i, 5), [RELAY_FIELDS.clientId]: clientId(), [RELAY_FIELDS.relayerUpn]: i < AGENT_RELAYS ? PERSONAS_UPN.agent.toLowerCase() : SEED_AUTHOR,
    [RELAY_FIELDS.channel]: 'phone', [RELAY_FIELDS.category]: CATEGORIES[i % CATEGORIES.length], [RELAY_FIELDS.product]: PRODUCTS[i % PRODUCTS.length],
    [RELAY_FIELDS.severity]: 'normal', [RELAY_FIELDS.customerWords]: textOf(i), [RELAY_FIELDS.language]: 'en', Created: iso(BASE + i * 1000),
    ...(i >= RELAYS - PENDING
      ? { [RELAY_FIELDS.ingestState]: 'pending' }
      : { [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.insightId]: (i % INSIGHTS) + 1, [RELAY_FIELDS.dayKey]: iso(BASE + i * 1000).slice(0, 10) })
  });
  bulkInsertItems(db, RELAYS_LIST_TITLE, Array.from({ length: AGENT_RELAYS }, (_x, i) => relayRow(i)), PERSONAS_UPN.agent);
  bulkInsertItems(db, RELAYS_LIST_TITLE, Array.from({ length: RELAYS - AGENT_RELAYS }, (_x, k) => relayRow(k + AGENT_RELAYS)), SEED_AUTHOR);
  // Timeline: 5 entries per insight.
  bulkInsertItems(db, INSIGHT_ACTIVITY_LIST_TITLE, Array.from({ length: INSIGHTS * 5 }, (_x, i) => ({
    Title: 'relay', ActivityKey: `seed:${i}`, InsightId: (i % INSIGHTS) + 1, Kind: 'relay', At: iso(BASE + i * 1000), DataJson: '{}'
  })), PERSONAS_UPN.admin);
  bulkInsertItems(db, RELAY_STATS_LIST_TITLE, Array.from({ length: 400 }, (_x, i) => {
    const day = iso(BASE + i * 86400000).slice(0, 10);
    return { Title: day, DayKey: day, DataJson: JSON.stringify({ day, relays: i, relaysByCategory: { delivery: i } }) };
  }), PERSONAS_UPN.admin);
  bulkInsertItems(db, BANNERS_LIST_TITLE, Array.from({ length: 30 }, (_x, i) => ({
    Title: `banner ${i}`, BannerKey: `seed:${i}`, Message: `Banner ${i}`, Level: 'info', StartsAt: iso(BASE + i * 86400000 * 10), EndsAt: iso(BASE + (i * 10 + 5) * 86400000)
  })), PERSONAS_UPN.comms);
  seedMs = Date.now() - started;
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
});
