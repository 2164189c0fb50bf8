/** Fixtures of the dashboard's component tests: three insights with hand-computed costs, statistics with a spike, a fake API. */
import * as React from 'react';
import { render } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { DashboardView } from '../../ui/relay/dashboard/DashboardView';
import type { DashboardApi } from '../../ui/relay/dashboardApi';
import type { SuiteContext } from '../../services/context';
import { InsightConflictError, RelayError } from '../../services/relay/api';
import type { BannerApi, InsightActionResult, InsightApi, InsightChange } from '../../services/relay/api';
import type { ActivityEntry, Banner, DayStats, Insight, Relay } from '../../core/relay/model';
import { emptyDayStats } from '../../core/relay/model';
import { addDays } from '../../core/relay/trends';
import type { InsightStatus } from '../../core/relay/clock';
import { defaultPolicy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import dashEn from '../../ui/relay/dashboard/loc/en-us.js';
import dashFr from '../../ui/relay/dashboard/loc/fr-fr.js';

export const ME = 'marc-andre.gagnon@northwind-retail.example';
/** The other manager, whose change gets there first in the conflict tests. */
export const OTHER = { upn: 'catherine.oneill@northwind-retail.example', name: 'Catherine O\'Neill' };
/** When the other manager's change was stored: 09:42 in Toronto, 18 minutes before NOW. */
export const THEIR_CHANGE_AT = '2026-11-23T14:42:00Z';
/** Monday 23 November 2026, 10:00 in Toronto (UTC-5): 1.5 business hours into the day (opens 08:30). */
export const NOW = new Date('2026-11-23T15:00:00Z');
/** When an in-place acknowledgement is stored: two minutes after the view opened. */
export const ACKNOWLEDGED_AT = new Date('2026-11-23T15:02:00Z');
/** The directory's names of the people the fixtures name. */
export const NAMES: Record<string, string> = {
  'marc-andre.gagnon@northwind-retail.example': 'Marc-André Gagnon',
  'emilie.tremblay@northwind-retail.example': 'Émilie Tremblay',
  'olivia.smith@northwind-retail.example': 'Olivia Smith'
};

export function insight(id: number, title: string, severity: string, reach: number, firstSeen: string, extra: Partial<Insight> = {}): Insight {
  const status: InsightStatus = extra.status || 'new';
  return {
    id, key: `relay:${id}`, title, summary: `${title} (summary)`, category: 'delivery', product: 'home-delivery', severity, reach,
    firstSeen, lastSeen: firstSeen,
    owner: { upn: ME, groupId: null, groupName: null, source: 'rule:chain', department: 'Customer Service' },
    status, statusHistory: [{ at: new Date(firstSeen), status: 'new' }, ...(status !== 'new' ? [{ at: new Date(firstSeen), status }] : [])],
    closureReason: '', response: '', customerReply: '', respondedBy: '', acknowledgedAt: null, acknowledgedDay: '', closedAt: null, closedDay: '',
    acknowledgeHours: null, resolveHours: null, acknowledgeBreached: false, resolveBreached: false, mergedInto: null,
    isOpen: true, etag: '"1"', ...extra
  };
}

/*
 * Costs at NOW (reach × weight × business hours open; the day opens at 08:30):
 * - late parcels: reach 2, normal (2), since Friday 09:00 → 8 h Friday + 1.5 h Monday = 9.5 h → 38;
 * - card refused: reach 5, urgent (8), since Monday 09:00 → 1 h → 40;
 * - rude courier: reach 10, low (1), since Monday 08:30 → 1.5 h → 15.
 */
export const INSIGHTS = (): Insight[] => [
  insight(1, 'Late parcels', 'normal', 2, '2026-11-20T14:00:00Z'),
  insight(2, 'Card refused at checkout', 'urgent', 5, '2026-11-23T14:00:00Z', { category: 'billing' }),
  insight(3, 'Rude courier', 'low', 10, '2026-11-23T13:30:00Z', { category: 'service-quality' })
];

/** 28 baseline days of delivery alternating 1, 0 (mean 0.5), then 2 a day for the 7-day window: 14, 4× the usual. */
export function statsDays(today = '2026-11-23'): DayStats[] {
  const days: DayStats[] = [];
  const windowStart = addDays(today, -6);
  for (let i = 0; i < 35; i++) {
    const day = addDays(windowStart, -28 + i);
    const d = emptyDayStats(day);
    const n = i >= 28 ? 2 : i % 2 === 0 ? 1 : 0;
    d.relaysByCategory = { delivery: n, billing: i === 34 ? 1 : 0 };
    d.relaysByProduct = { 'home-delivery': n };
    d.relays = n;
    days.push(d);
  }
  const last = days[days.length - 1];
  last.acknowledgeHoursByDepartment = { 'Customer Service': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
  last.resolveHoursByDepartment = { 'Customer Service': [20] };
  last.closed = 4;
  last.resolveBreaches = 1;
  return days;
}

export interface Fake {
  api: DashboardApi;
  calls: Array<[string, ...unknown[]]>;
  published: Array<Omit<Banner, 'id'>>;
}

/**
 * conflictOnce: the named action meets a 412 once: the other manager changed the insight first (the
 * owner for 'acknowledge', the status otherwise), and the fake answers InsightConflictError.
 * alreadySoOnce: the named action finds the insight already so, done by the other manager.
 */
export function fakeApi(options: {
  management?: boolean; communications?: boolean; insights?: Insight[]; days?: DayStats[]; conflictOnce?: string; alreadySoOnce?: string;
  /** Insights `get` finds that are not in the open list (closed ones). */
  elsewhere?: Insight[];
  /** Whether the API offers people's names (the directory). */
  names?: boolean;
} = {}): Fake {
  const calls: Array<[string, ...unknown[]]> = [];
  const published: Array<Omit<Banner, 'id'>> = [];
  let store = options.insights || INSIGHTS();
  let conflict = options.conflictOnce || null;
  let alreadySo = options.alreadySoOnce || null;
  const updated = (i: Insight, patch: Partial<Insight>): Insight => {
    const etag = `"${Number(i.etag.replace(/\D/g, '')) + 1}"`;
    const next = { ...i, ...patch, etag };
    store = store.map(x => (x.id === i.id ? next : x));
    return next;
  };
  const update = (i: Insight, patch: Partial<Insight>): InsightActionResult => ({ outcome: 'applied', insight: updated(i, patch) });
  /** Someone else's change stored first: the insight at ETag "9", and what they changed. */
  const theirs = (name: string, i: Insight, patch: Partial<Insight>): InsightChange => {
    const stored = store.find(x => x.id === i.id)!;
    store = store.map(x => (x.id === i.id ? { ...x, ...patch, etag: '"9"' } : x));
    return name === 'acknowledge'
      ? { field: 'owner', from: stored.owner.upn === ME ? 'Marc-André Gagnon' : stored.owner.upn || '', to: OTHER.name, by: OTHER, at: THEIR_CHANGE_AT }
      : { field: 'status', from: stored.status, to: String(patch.status), by: OTHER, at: THEIR_CHANGE_AT };
  };
  const guard = (name: string, i: Insight, mine: Partial<Insight>): InsightActionResult | null => {
    if (conflict === name) {
      conflict = null;
      const change = name === 'acknowledge'
        ? theirs(name, i, { owner: { upn: OTHER.upn, groupId: null, groupName: null, source: 'manual', department: 'Customer Service' } })
        : theirs(name, i, { status: 'waitingOnCustomer' });
      throw new InsightConflictError('changed', { current: store.find(x => x.id === i.id)!, changes: [change] });
    }
    if (alreadySo === name) {
      alreadySo = null;
      const change = theirs(name, i, mine);
      return { outcome: 'alreadySo', insight: store.find(x => x.id === i.id)!, changes: [change] };
    }
    return null;
  };
  const insights: InsightApi = {
    async openInsights(q) { calls.push(['openInsights', q]); return store.filter(i => i.isOpen); },
    async get(id) {
      calls.push(['get', id]);
      const found = store.find(i => i.id === id) || (options.elsewhere || []).find(i => i.id === id);
      if (!found) throw new RelayError('notFound', 'No such insight.', [], 404);
      return found;
    },
    async timeline(id) {
      calls.push(['timeline', id]);
      return [
        { id: 1, key: 'relay:a', insightId: id, kind: 'relay', actorUpn: 'emilie.tremblay@northwind-retail.example', text: '', data: {}, at: '2026-11-20T14:00:00Z' },
        { id: 2, key: 'comment:1', insightId: id, kind: 'comment', actorUpn: ME, text: 'Checking with the carrier', data: {}, at: '2026-11-20T15:00:00Z' }
      ] as ActivityEntry[];
    },
    async relaysOf(id) {
      calls.push(['relaysOf', id]);
      const base = { channel: 'phone', segment: '', product: 'home-delivery', category: 'delivery', severity: 'normal', observation: '', promiseText: '', promiseDue: '', joinInsightId: null, redactions: {}, language: 'en', insightId: id, ingestState: 'clustered' as const, dayKey: '2026-11-20', created: '2026-11-20T14:00:00Z' };
      return [
        { ...base, id: 10, clientId: 'a', relayerUpn: 'emilie.tremblay@northwind-retail.example', anonymous: false, customerWords: 'My parcel is a week late' },
        { ...base, id: 11, clientId: 'b', relayerUpn: 'olivia.smith@northwind-retail.example', anonymous: true, customerWords: 'Still no parcel' }
      ] as Relay[];
    },
    // As the service does: the acknowledgement enters the history when it is made, after the view opened.
    async acknowledge(i) {
      calls.push(['acknowledge', i]);
      return guard('acknowledge', i, { status: 'acknowledged' })
        || update(i, { status: 'acknowledged', statusHistory: [...i.statusHistory, { at: ACKNOWLEDGED_AT, status: 'acknowledged' }] });
    },
    async setStatus(i, status) { calls.push(['setStatus', i, status]); return guard('setStatus', i, { status }) || update(i, { status }); },
    async assign(i, owner) { calls.push(['assign', i, owner]); return update(i, { owner: { ...owner, source: 'manual' } }); },
    async comment(i, text) { calls.push(['comment', i, text]); return { id: 3, key: 'c', insightId: i.id, kind: 'comment', actorUpn: ME, text, data: {}, at: NOW.toISOString() }; },
    async respond(i, response, customerReply) { calls.push(['respond', i, response, customerReply]); return guard('respond', i, { response, customerReply }) || update(i, { response, customerReply }); },
    async close(i, status, closureReason, response, customerReply) {
      calls.push(['close', i, status, closureReason, response, customerReply]);
      return guard('close', i, { status, closureReason, response, customerReply, isOpen: false }) || update(i, { status, closureReason, response, customerReply, isOpen: false });
    },
    async merge(source, target) { calls.push(['merge', source, target]); updated(source, { status: 'duplicate', isOpen: false, mergedInto: target.id }); return updated(target, { reach: target.reach + source.reach }); }
  };
  const banners: BannerApi = {
    async active() { return []; },
    async publish(b) { calls.push(['publish', b]); published.push(b); return { ...b, id: 1 }; },
    async end() { /* not used */ }
  };
  const policy = defaultPolicy();
  const api: DashboardApi = {
    me: ME,
    insights,
    banners,
    people: options.names === false ? undefined : {
      async displayNames(upns) {
        calls.push(['displayNames', upns]);
        return new Map(upns.filter(u => NAMES[u]).map(u => [u, NAMES[u]]));
      }
    },
    stats: { async days(from) { calls.push(['days', from]); return (options.days || statsDays()).filter(d => d.day >= from); } },
    async access() {
      calls.push(['access']);
      return { policy, management: options.management !== false, communications: options.communications === true };
    }
  };
  return { api, calls, published };
}

export function renderDashboard(fake: Fake, locale = 'en-US', initialInsightId: number | null = null): ReturnType<typeof render> {
  const french = locale.startsWith('fr');
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={(french ? suiteFr : suiteEn) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <DashboardView api={fake.api} strings={(french ? dashFr : dashEn) as IRelayDashboardStrings} now={() => NOW} initialInsightId={initialInsightId} />
    </SuiteRoot>
  );
}


/** The dashboard as a shell renders it: no initial insight given, so the page address decides. */
export function renderDashboardFromAddress(fake: Fake): ReturnType<typeof render> {
  const context = { graph: {}, sp: {}, siteUrl: 'http://localhost/sites/intranet', locale: 'en-US' } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={suiteEn as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <DashboardView api={fake.api} strings={dashEn as IRelayDashboardStrings} now={() => NOW} />
    </SuiteRoot>
  );
}
