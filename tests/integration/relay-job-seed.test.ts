/**
 * The demo relay history (services/relay/demoSeed.ts) as the workbench writes it at start: twelve
 * weeks of relays in both languages, insights in every status, a spike of delivery complaints in
 * the last seven days, daily statistics that add up to the relays; a second run writes nothing and
 * leaves the same data.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, PERSONAS_UPN, SeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { seedLocalRelays } from '../../workbench/server/seeding';
import { planDemoRelays } from '../../services/relay/demoSeed';
import type { SeedDemoRelaysReport } from '../../services/relay/demoSeed';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, STATS_FIELDS
} from '../../services/provisioning/relayLists';
import { defaultPolicy } from '../../core/policy';
import { localDateKey } from '../../core/relay/calendar';
import { mergeDayStats, parseDayStats, previousDayKey } from '../../core/relay/dayStats';
import type { DayStats } from '../../core/relay/model';

let t: SeededTenant;
let admin: SPFI;
let first: SeedDemoRelaysReport;
let second: SeedDemoRelaysReport;
let before: Snapshot;
let after: Snapshot;
const policy = defaultPolicy().feedback;
const tz = policy.calendar.timeZone;

interface Snapshot {
  insights: Record<string, unknown>[];
  relays: Record<string, unknown>[];
  activity: string[];
  stats: DayStats[];
}

async function all(list: string, fields: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of admin.web.lists.getByTitle(list).items.select(...fields).top(500)) out.push(...(page as Record<string, unknown>[]));
  return out;
}

async function snapshot(): Promise<Snapshot> {
  const insightFields = Object.values(INSIGHT_FIELDS);
  const relayFields = Object.values(RELAY_FIELDS);
  return {
    insights: (await all(INSIGHTS_LIST_TITLE, ['Id', 'Title', ...insightFields])).sort((a, b) => String(a[INSIGHT_FIELDS.key]).localeCompare(String(b[INSIGHT_FIELDS.key]))),
    relays: (await all(RELAYS_LIST_TITLE, relayFields)).sort((a, b) => String(a[RELAY_FIELDS.clientId]).localeCompare(String(b[RELAY_FIELDS.clientId]))),
    activity: (await all(INSIGHT_ACTIVITY_LIST_TITLE, [ACTIVITY_FIELDS.key])).map(a => String(a[ACTIVITY_FIELDS.key])).sort(),
    stats: (await all(RELAY_STATS_LIST_TITLE, [STATS_FIELDS.data])).map(s => parseDayStats(String(s[STATS_FIELDS.data]))!).sort((a, b) => a.day.localeCompare(b.day))
  };
}

beforeAll(async () => {
  t = await startSeededTenant();
  const roles: ProvisionRoles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`]
  };
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, { roles, lists: SUITE_LISTS, initialPolicyJson: JSON.stringify(defaultPolicy()) });
  const started = Date.now();
  first = await seedLocalRelays(t.tenant.db, t.siteUrl, t.graphBaseUrl, TEST_REFERENCE_DATE);
  // eslint-disable-next-line no-console
  console.log(`demo relay seed: ${JSON.stringify(first)} in ${Date.now() - started} ms`);
  before = await snapshot();
  second = await seedLocalRelays(t.tenant.db, t.siteUrl, t.graphBaseUrl, TEST_REFERENCE_DATE);
  after = await snapshot();
}, 120000);
afterAll(() => t.close());

describe('the demo relay history', () => {
  it('is planned the same way every time', () => {
    const relayers = [{ upn: 'a@x.example', language: 'fr-CA' }, { upn: 'b@x.example', language: 'en-CA' }];
    const plan = (): unknown => JSON.stringify(planDemoRelays({ now: TEST_REFERENCE_DATE, policy, relayers }));
    expect(plan()).toBe(plan());
    expect(JSON.stringify(planDemoRelays({ now: TEST_REFERENCE_DATE, policy, relayers, seed: 'other' }))).not.toBe(plan());
  });

  it('holds insights in every status, with histories, owners and, when closed, a response and a customer reply', () => {
    expect(first.insights).toBeGreaterThanOrEqual(12);
    const statuses = new Set(before.insights.map(i => i[INSIGHT_FIELDS.status]));
    for (const s of ['new', 'acknowledged', 'inProgress', 'waitingOnCustomer', 'waitingOnThirdParty', 'resolved', 'declined', 'duplicate']) expect(statuses).toContain(s);
    for (const i of before.insights) {
      expect(JSON.parse(String(i[INSIGHT_FIELDS.statusHistory])).length).toBeGreaterThanOrEqual(1);
      expect(i[INSIGHT_FIELDS.ownerUpn] || i[INSIGHT_FIELDS.ownerGroupId]).toBeTruthy();
      if (i[INSIGHT_FIELDS.status] === 'resolved' || i[INSIGHT_FIELDS.status] === 'declined') {
        expect(i[INSIGHT_FIELDS.isOpen]).toBe(false);
        expect(String(i[INSIGHT_FIELDS.customerReply])).not.toBe('');
        expect(String(i[INSIGHT_FIELDS.closedDay])).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    // Routing: delivery goes to Delivery & Logistics, staff courtesy to the relaying employee's manager.
    const byKey = new Map(before.insights.map(i => [String(i[INSIGHT_FIELDS.key]), i]));
    expect(byKey.get('demo:delivery-window-missed')![INSIGHT_FIELDS.ownerGroupName]).toBe('Dept – Delivery & Logistics');
    expect(byKey.get('demo:rude-agent')![INSIGHT_FIELDS.ownerUpn]).toBeTruthy();
    expect(byKey.get('demo:delivery-moved-without-notice')![INSIGHT_FIELDS.mergedInto]).toBe(byKey.get('demo:delivery-window-missed')!.Id);
  });

  it('has relays in both languages, redacted, over twelve weeks, with a spike of delivery complaints this week', () => {
    const langs = new Set(before.relays.map(r => r[RELAY_FIELDS.language]));
    expect(langs).toEqual(new Set(['en', 'fr']));
    expect(before.relays.some(r => /\[(phone|email|card)\]/.test(String(r[RELAY_FIELDS.customerWords])))).toBe(true);
    expect(before.relays.every(r => r[RELAY_FIELDS.ingestState] === 'clustered' && Number(r[RELAY_FIELDS.insightId]) > 0)).toBe(true);
    const today = localDateKey(TEST_REFERENCE_DATE, tz);
    let weekStart = today;
    for (let i = 0; i < 6; i++) weekStart = previousDayKey(weekStart);
    const days = before.relays.map(r => String(r[RELAY_FIELDS.dayKey])).sort();
    const spanDays = (Date.parse(`${today}T12:00:00Z`) - Date.parse(`${days[0]}T12:00:00Z`)) / 86_400_000;
    expect(spanDays).toBeGreaterThanOrEqual(70);
    expect(spanDays).toBeLessThanOrEqual(84);
    const delivery = before.relays.filter(r => r[RELAY_FIELDS.category] === 'delivery');
    const thisWeek = delivery.filter(r => String(r[RELAY_FIELDS.dayKey]) >= weekStart).length;
    const earlier = delivery.length - thisWeek;
    expect(thisWeek).toBeGreaterThanOrEqual(10);
    expect(thisWeek).toBeGreaterThan(3 * (earlier / 11));
  });

  it('stores daily statistics that add up to the relays', () => {
    expect(first.statsDays).toBeGreaterThanOrEqual(80);
    const total = mergeDayStats(before.stats);
    expect(total.relays).toBe(before.relays.length);
    const closed = before.insights.filter(i => i[INSIGHT_FIELDS.status] === 'resolved' || i[INSIGHT_FIELDS.status] === 'declined').length;
    expect(total.closed).toBe(closed);
  });

  it('a second run writes nothing and leaves the same data', () => {
    expect(second).toMatchObject({ insights: 0, relays: 0, activity: 0 });
    expect(after).toEqual(before);
  });
});
