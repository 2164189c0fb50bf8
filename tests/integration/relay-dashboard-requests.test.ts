/**
 * The dashboard's first render, against a local tenant holding many insights and 120 days of
 * statistics: the feature gate's check and exactly what the view's first render asks for
 * (ui/relay/dashboard/DashboardView.tsx firstLoadOf: policy and roles, the open insights of the
 * initial scope, the statistics from the first day the charts and the spike baseline need), through
 * the services the web part builds (ui/relay/dashboardApi.ts). At most 5 HTTP requests, and none
 * per insight.
 */
import '@pnp/sp/batching';
import { createContextFromBaseUrl } from '../../services/connect';
import { clearSettingsPageCache, SettingsService } from '../../services/settings';
import { createDashboardApi } from '../../ui/relay/dashboardApi';
import { firstLoadOf } from '../../ui/relay/dashboard/DashboardView';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_STATS_LIST_TITLE, STATS_FIELDS } from '../../services/provisioning/relayLists';
import { emptyDayStats } from '../../core/relay/model';
import { addDays } from '../../core/relay/trends';
import { detectSpikes } from '../../core/relay/spikes';
import { PERSONAS_UPN } from '../support/graph-client';
import { RelayTenant, startRelayTenant } from './relay-setup';

const OPEN = 400;
const CLOSED = 100;
const DAYS = 120;
/** Monday 23 November 2026, 10:00 in Toronto. */
const NOW = new Date('2026-11-23T15:00:00Z');
const TODAY = '2026-11-23';

let r: RelayTenant;

beforeAll(async () => {
  r = await startRelayTenant();
  const adds: Array<{ list: string; values: Record<string, unknown> }> = [];
  for (let i = 0; i < OPEN + CLOSED; i++) {
    const at = new Date(NOW.getTime() - (i + 1) * 3600_000).toISOString();
    const open = i < OPEN;
    adds.push({
      list: INSIGHTS_LIST_TITLE,
      values: {
        Title: `Insight ${i}`,
        [INSIGHT_FIELDS.key]: `relay:seed-${i}`,
        [INSIGHT_FIELDS.category]: i % 3 === 0 ? 'billing' : 'delivery',
        [INSIGHT_FIELDS.product]: 'home-delivery',
        [INSIGHT_FIELDS.severity]: i % 2 ? 'high' : 'normal',
        [INSIGHT_FIELDS.reach]: 1 + (i % 7),
        [INSIGHT_FIELDS.firstSeen]: at,
        [INSIGHT_FIELDS.lastSeen]: at,
        [INSIGHT_FIELDS.ownerUpn]: i % 2 ? PERSONAS_UPN.manager : PERSONAS_UPN.director,
        [INSIGHT_FIELDS.department]: 'Customer Service',
        [INSIGHT_FIELDS.status]: open ? 'new' : 'resolved',
        [INSIGHT_FIELDS.statusHistory]: JSON.stringify(open ? [{ at, status: 'new' }] : [{ at, status: 'new' }, { at, status: 'resolved' }]),
        [INSIGHT_FIELDS.isOpen]: open
      }
    });
  }
  for (let i = 0; i < DAYS; i++) {
    const day = addDays(TODAY, -i);
    const d = emptyDayStats(day);
    // A delivery spike over the last 7 days: 9 a day against 1 a day before.
    const n = i < 7 ? 9 : 1;
    d.relaysByCategory = { delivery: n, billing: 1 };
    d.relaysByProduct = { 'home-delivery': n };
    d.relays = n + 1;
    d.acknowledgeHoursByDepartment = { 'Customer Service': [i % 5 + 1] };
    d.closed = 1;
    adds.push({ list: RELAY_STATS_LIST_TITLE, values: { Title: day, [STATS_FIELDS.dayKey]: day, [STATS_FIELDS.data]: JSON.stringify(d) } });
  }
  for (let start = 0; start < adds.length; start += 100) {
    const [batched, execute] = r.admin.batched();
    const pending = adds.slice(start, start + 100).map(a => batched.web.lists.getByTitle(a.list).items.add(a.values));
    await execute();
    await Promise.all(pending);
  }
}, 300000);

afterAll(async () => {
  await r.t.close();
});

test(`first render with ${OPEN} open and ${CLOSED} closed insights: at most 5 requests, none per insight`, async () => {
  clearSettingsPageCache();
  const ctx = createContextFromBaseUrl({
    siteUrl: r.t.siteUrl, graphBaseUrl: r.t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': PERSONAS_UPN.manager }
  });
  const before = r.t.requests.length;
  const api = createDashboardApi(ctx, PERSONAS_UPN.manager);
  // The web part's FeatureGate and the view's loaders, as they start on first render.
  const gate = new SettingsService(ctx).featureState('feedbackRelay');
  const access = await api.access();
  const first = firstLoadOf(access, NOW);
  const [feature, insights, days] = await Promise.all([gate, api.insights.openInsights(first.insights!), api.stats.days(first.fromDay)]);
  const requests = r.t.requests.slice(before).map(q => `${q.method} ${decodeURIComponent(q.url.replace(/\+/g, " "))}`);

  expect(feature.state.allowed).toBe(true);
  expect(access.management).toBe(true);
  expect(insights).toHaveLength(OPEN);
  expect(days.map(d => d.day)[0]).toBe(first.fromDay);
  expect(first.fromDay).toBe('2026-09-07');
  expect(detectSpikes(days, first.today, access.policy.spikes).map(s => `${s.kind}:${s.key}`)).toEqual(['category:delivery', 'product:home-delivery']);

  expect(requests.length).toBeLessThanOrEqual(5);
  // Policy, the user's site groups and Entra groups (membership: roles), open insights, statistics.
  expect(requests.map(q => q.replace(/\?.*$/, '')).sort()).toEqual([
    "GET /sites/intranet/_api/web/lists/getByTitle('Suite settings')/items",
    'GET /sites/intranet/_api/web/currentUser/groups',
    'POST /graph/v1.0/me/checkMemberGroups',
    `GET /sites/intranet/_api/web/lists/getByTitle('${INSIGHTS_LIST_TITLE}')/items`,
    `GET /sites/intranet/_api/web/lists/getByTitle('${RELAY_STATS_LIST_TITLE}')/items`
  ].sort());
  // One read of the open insights, filtered first on the indexed IsOpen column; one of the statistics.
  const insightReads = requests.filter(q => q.includes(`/lists/getByTitle('${INSIGHTS_LIST_TITLE}')`));
  expect(insightReads).toHaveLength(1);
  expect(insightReads[0]).toMatch(new RegExp(`\\$filter=${INSIGHT_FIELDS.isOpen} eq 1`));
  const statsReads = requests.filter(q => q.includes(`/lists/getByTitle('${RELAY_STATS_LIST_TITLE}')`));
  expect(statsReads).toHaveLength(1);
  expect(statsReads[0]).toContain(`$filter=${STATS_FIELDS.dayKey} ge '2026-09-07'`);
  // Nothing per insight: no item read by id, no timeline, no relays.
  expect(requests.filter(q => /\/items\(\d+\)/.test(q) || q.includes('Insight activity') || q.includes('Customer feedback'))).toEqual([]);
});
