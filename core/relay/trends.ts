/**
 * What the management dashboard's charts show, computed from the relay job's daily statistics
 * (core/relay/model.ts DayStats, one per local day of the policy's time zone). Pure: "today" is a
 * local day key ('YYYY-MM-DD') passed in by the caller.
 *
 * - relays per ISO week (Monday to Sunday) by category or product, over the last N weeks ending
 *   with the week that holds `today` (the current week is partial);
 * - top irritants: categories or products by relay count over a period, and open insights by reach;
 * - time to acknowledge and to resolve per owning department: median and 90th percentile of the
 *   business hours each insight took, over the insights acknowledged / closed in the period.
 *   Percentiles: core/stats.ts `percentile`, linear interpolation between closest ranks
 *   (rank = p/100 × (n − 1), the "R-7" / Excel PERCENTILE.INC method): with 10 values the 90th
 *   percentile lies between the 9th and the 10th smallest;
 * - breach rate: insights closed with a breached target / insights closed, overall and per week.
 */
import type { DayStats, Insight } from './model';
import { percentile } from '../stats';

const DAY_MS = 86_400_000;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(day: string): number {
  const m = DAY_KEY.exec(day);
  if (!m) throw new RangeError(`trends: '${day}' is not a day key (YYYY-MM-DD)`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dayKeyOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before when negative). */
export function addDays(day: string, n: number): string {
  return dayKeyOf(dayNumber(day) + n);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
function isoWeekday(day: string): number {
  const d = new Date(dayNumber(day) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the ISO week that holds `day`. */
export function isoWeekStart(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The ISO week of a day, e.g. '2026-W48' (the year is the ISO week-numbering year). */
export function isoWeekOf(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface WeekBucket {
  /** ISO week, e.g. '2026-W48'. */
  week: string;
  /** Monday and Sunday of the week. */
  start: string;
  end: string;
}

/** The `count` ISO weeks ending with the week that holds `today`, oldest first. */
export function lastWeeks(today: string, count = 12): WeekBucket[] {
  const lastMonday = isoWeekStart(today);
  const weeks: WeekBucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = addDays(lastMonday, -7 * i);
    weeks.push({ week: isoWeekOf(start), start, end: addDays(start, 6) });
  }
  return weeks;
}

/** The first day the dashboard needs statistics for: 12 weeks of charts, or the spike baseline, whichever reaches further. */
export function firstDayNeeded(today: string, weeks: number, spikeDays: number): string {
  const chartStart = lastWeeks(today, weeks)[0].start;
  const spikeStart = addDays(today, -(spikeDays - 1));
  return chartStart < spikeStart ? chartStart : spikeStart;
}

export type Dimension = 'category' | 'product';

const countsOf = (d: DayStats, by: Dimension): Record<string, number> =>
  (by === 'category' ? d.relaysByCategory : d.relaysByProduct) || {};

const inRange = (day: string, from: string, to: string): boolean => day >= from && day <= to;

export interface WeeklySeries {
  key: string;
  /** One count per week of `weeks`. */
  counts: number[];
  total: number;
}

export interface WeeklyCounts {
  weeks: WeekBucket[];
  /** One series per key with at least one relay in the period, largest total first (then by key). */
  series: WeeklySeries[];
  /** All keys together, per week. */
  totals: number[];
}

/** Relays per ISO week by category (or product) over the last `weeks` weeks. */
export function relaysPerWeek(days: readonly DayStats[], today: string, by: Dimension = 'category', weeks = 12): WeeklyCounts {
  const buckets = lastWeeks(today, weeks);
  const first = buckets[0].start;
  const last = buckets[buckets.length - 1].end;
  const byKey = new Map<string, number[]>();
  const totals = buckets.map(() => 0);
  for (const d of days) {
    if (!inRange(d.day, first, last)) continue;
    const index = Math.floor(daysBetween(first, d.day) / 7);
    for (const [key, n] of Object.entries(countsOf(d, by))) {
      if (!(n > 0)) continue;
      let counts = byKey.get(key);
      if (!counts) {
        counts = buckets.map(() => 0);
        byKey.set(key, counts);
      }
      counts[index] += n;
      totals[index] += n;
    }
  }
  const series = Array.from(byKey, ([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { weeks: buckets, series, totals };
}

export interface Irritant {
  key: string;
  count: number;
}

/** Categories (or products) by relay count from `from` to `to` (inclusive), largest first, at most `limit`. */
export function topIrritants(days: readonly DayStats[], from: string, to: string, by: Dimension = 'category', limit = 5): Irritant[] {
  const totals = new Map<string, number>();
  for (const d of days) {
    if (!inRange(d.day, from, to)) continue;
    for (const [key, n] of Object.entries(countsOf(d, by))) {
      if (n > 0) totals.set(key, (totals.get(key) || 0) + n);
    }
  }
  return Array.from(totals, ([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

/** Open insights by reach (most relays first; equal reach: the oldest first), at most `limit`. */
export function topInsightsByReach<T extends Pick<Insight, 'id' | 'reach' | 'firstSeen'>>(insights: readonly T[], limit = 5): T[] {
  return insights.slice()
    .sort((a, b) => b.reach - a.reach || (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id - b.id))
    .slice(0, limit);
}

export interface DurationSummary {
  /** How many insights the figures are computed from. */
  count: number;
  /** Business hours; null without data. */
  median: number | null;
  p90: number | null;
}

export interface DepartmentTimes {
  department: string;
  acknowledge: DurationSummary;
  resolve: DurationSummary;
}

function summarize(values: number[]): DurationSummary {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  return { count: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

/**
 * Time to acknowledge and to resolve per owning department, from the insights acknowledged and
 * closed from `from` to `to` (inclusive); departments sorted by name.
 */
export function responseTimesByDepartment(days: readonly DayStats[], from: string, to: string): DepartmentTimes[] {
  const ack = new Map<string, number[]>();
  const res = new Map<string, number[]>();
  const collect = (target: Map<string, number[]>, source: Record<string, number[]> | undefined): void => {
    for (const [dept, hours] of Object.entries(source || {})) {
      const finite = (hours || []).filter(h => typeof h === 'number' && Number.isFinite(h) && h >= 0);
      if (finite.length === 0) continue;
      target.set(dept, (target.get(dept) || []).concat(finite));
    }
  };
  for (const d of days) {
    if (!inRange(d.day, from, to)) continue;
    collect(ack, d.acknowledgeHoursByDepartment);
    collect(res, d.resolveHoursByDepartment);
  }
  const departments = Array.from(new Set([...ack.keys(), ...res.keys()])).sort((a, b) => a.localeCompare(b));
  return departments.map(department => ({
    department,
    acknowledge: summarize(ack.get(department) || []),
    resolve: summarize(res.get(department) || [])
  }));
}

export interface BreachRate {
  closed: number;
  acknowledgeBreaches: number;
  resolveBreaches: number;
  /** resolveBreaches / closed: the share of closed insights resolved after their target; null when nothing closed. */
  resolveRate: number | null;
  /** acknowledgeBreaches / closed; null when nothing closed. */
  acknowledgeRate: number | null;
}

function rateOf(closed: number, acknowledgeBreaches: number, resolveBreaches: number): BreachRate {
  return {
    closed,
    acknowledgeBreaches,
    resolveBreaches,
    resolveRate: closed > 0 ? resolveBreaches / closed : null,
    acknowledgeRate: closed > 0 ? acknowledgeBreaches / closed : null
  };
}

export interface BreachRates {
  overall: BreachRate;
  weeks: Array<BreachRate & { week: WeekBucket }>;
}

/** Breach rates of the insights closed in the last `weeks` ISO weeks, overall and per week. */
export function breachRates(days: readonly DayStats[], today: string, weeks = 12): BreachRates {
  const buckets = lastWeeks(today, weeks);
  const first = buckets[0].start;
  const sums = buckets.map(() => ({ closed: 0, ack: 0, res: 0 }));
  for (const d of days) {
    if (!inRange(d.day, first, buckets[buckets.length - 1].end)) continue;
    const s = sums[Math.floor(daysBetween(first, d.day) / 7)];
    s.closed += d.closed || 0;
    s.ack += d.acknowledgeBreaches || 0;
    s.res += d.resolveBreaches || 0;
  }
  const total = sums.reduce((a, s) => ({ closed: a.closed + s.closed, ack: a.ack + s.ack, res: a.res + s.res }), { closed: 0, ack: 0, res: 0 });
  return {
    overall: rateOf(total.closed, total.ack, total.res),
    weeks: buckets.map((week, i) => ({ week, ...rateOf(sums[i].closed, sums[i].ack, sums[i].res) }))
  };
}
