/**
 * Daily relay statistics (core/relay/model.ts DayStats): built from what the lists hold for one day
 * of the policy's time zone, and merged over several days for the dashboard. Pure; the relay job
 * (services/relay/job.ts) reads the sources and stores the result, one item per day.
 *
 * Rules:
 * - relays: every relay whose DayKey is the day, counted by category key, by product key and in
 *   total (an empty key counts under '' so the totals still add up);
 * - acknowledged: every insight whose AcknowledgedDay is the day and that has AcknowledgeHours,
 *   listed under its owning department ('' when none);
 * - closed: every insight whose ClosedDay is the day and that was resolved or declined (a merge into
 *   another insight is not an answer and is not counted); its ResolveHours is listed under its
 *   department, and its breach flags are counted;
 * - hours are kept with two decimals; lists of hours are sorted, so that the same sources always
 *   give the same document (a rerun stores exactly what is there).
 */
import type { DayStats } from './model';
import { emptyDayStats } from './model';

export interface DayRelay {
  category: string;
  product: string;
}

export interface DayAcknowledged {
  department: string;
  acknowledgeHours: number | null;
}

export interface DayClosed {
  department: string;
  status: string;
  resolveHours: number | null;
  acknowledgeBreached: boolean;
  resolveBreached: boolean;
}

export interface DaySources {
  relays: readonly DayRelay[];
  acknowledged: readonly DayAcknowledged[];
  closed: readonly DayClosed[];
}

/** Statuses that answer an insight when it is closed (counted in `closed`). */
export const ANSWERED_STATUSES: readonly string[] = ['resolved', 'declined'];

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

export function isDayKey(day: string): boolean {
  if (!DAY_KEY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] || 0) + by;
}

function push(map: Record<string, number[]>, key: string, value: number): void {
  (map[key] = map[key] || []).push(value);
}

function sortLists(map: Record<string, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key].slice().sort((a, b) => a - b);
  return out;
}

function sortCounts(map: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key];
  return out;
}

const usable = (h: number | null): h is number => typeof h === 'number' && Number.isFinite(h) && h >= 0;

/** The statistics of one day from its sources. */
export function buildDayStats(day: string, sources: DaySources): DayStats {
  if (!isDayKey(day)) throw new RangeError(`day statistics: '${day}' is not a date 'YYYY-MM-DD'`);
  const stats = emptyDayStats(day);
  for (const r of sources.relays) {
    bump(stats.relaysByCategory, r.category || '');
    bump(stats.relaysByProduct, r.product || '');
    stats.relays++;
  }
  for (const a of sources.acknowledged) {
    if (usable(a.acknowledgeHours)) push(stats.acknowledgeHoursByDepartment, a.department || '', round2(a.acknowledgeHours));
  }
  for (const c of sources.closed) {
    if (ANSWERED_STATUSES.indexOf(c.status) < 0) continue;
    stats.closed++;
    if (usable(c.resolveHours)) push(stats.resolveHoursByDepartment, c.department || '', round2(c.resolveHours));
    if (c.acknowledgeBreached) stats.acknowledgeBreaches++;
    if (c.resolveBreached) stats.resolveBreaches++;
  }
  return normalizeDayStats(stats);
}

/** The same statistics with keys and hour lists in a stable order (equal data, equal JSON). */
export function normalizeDayStats(stats: DayStats): DayStats {
  return {
    day: stats.day,
    relaysByCategory: sortCounts(stats.relaysByCategory),
    relaysByProduct: sortCounts(stats.relaysByProduct),
    relays: stats.relays,
    acknowledgeHoursByDepartment: sortLists(stats.acknowledgeHoursByDepartment),
    resolveHoursByDepartment: sortLists(stats.resolveHoursByDepartment),
    closed: stats.closed,
    acknowledgeBreaches: stats.acknowledgeBreaches,
    resolveBreaches: stats.resolveBreaches
  };
}

/**
 * Several days added up (counts summed, hour lists joined), e.g. a week for the dashboard. The
 * result's `day` is the first day given (the earliest, when `days` is sorted); `label` replaces it.
 */
export function mergeDayStats(days: readonly DayStats[], label?: string): DayStats {
  const out = emptyDayStats(label ?? (days.length ? days[0].day : ''));
  for (const d of days) {
    for (const [k, n] of Object.entries(d.relaysByCategory || {})) bump(out.relaysByCategory, k, n);
    for (const [k, n] of Object.entries(d.relaysByProduct || {})) bump(out.relaysByProduct, k, n);
    out.relays += d.relays || 0;
    for (const [k, hours] of Object.entries(d.acknowledgeHoursByDepartment || {})) for (const h of hours) push(out.acknowledgeHoursByDepartment, k, h);
    for (const [k, hours] of Object.entries(d.resolveHoursByDepartment || {})) for (const h of hours) push(out.resolveHoursByDepartment, k, h);
    out.closed += d.closed || 0;
    out.acknowledgeBreaches += d.acknowledgeBreaches || 0;
    out.resolveBreaches += d.resolveBreaches || 0;
  }
  return normalizeDayStats(out);
}

/** Parses a stored DayStats document; null when it is not one (a hand-edited item). */
export function parseDayStats(text: string): DayStats | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Partial<DayStats>;
  if (typeof r.day !== 'string' || !isDayKey(r.day) || typeof r.relays !== 'number') return null;
  const counts = (v: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (v && typeof v === 'object') for (const [k, n] of Object.entries(v as Record<string, unknown>)) if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
    return out;
  };
  const lists = (v: unknown): Record<string, number[]> => {
    const out: Record<string, number[]> = {};
    if (v && typeof v === 'object') {
      for (const [k, l] of Object.entries(v as Record<string, unknown>)) {
        if (Array.isArray(l)) out[k] = l.filter((n): n is number => typeof n === 'number' && Number.isFinite(n));
      }
    }
    return out;
  };
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return normalizeDayStats({
    day: r.day,
    relaysByCategory: counts(r.relaysByCategory),
    relaysByProduct: counts(r.relaysByProduct),
    relays: n(r.relays),
    acknowledgeHoursByDepartment: lists(r.acknowledgeHoursByDepartment),
    resolveHoursByDepartment: lists(r.resolveHoursByDepartment),
    closed: n(r.closed),
    acknowledgeBreaches: n(r.acknowledgeBreaches),
    resolveBreaches: n(r.resolveBreaches)
  });
}

/** The day before a day key ('2026-03-01' -> '2026-02-28'). */
export function previousDayKey(day: string): string {
  if (!isDayKey(day)) throw new RangeError(`'${day}' is not a date 'YYYY-MM-DD'`);
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
