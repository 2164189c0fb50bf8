/**
 * Spikes: a category or product relayed far more than its own recent baseline, per the policy's
 * SpikePolicy. Pure: "today" (a local day key of the policy's time zone) is passed in.
 *
 * - window: the `windowDays` days ending with `today` (inclusive); baseline: the `baselineDays`
 *   days just before the window. A day without statistics counts as 0 relays.
 * - the window's daily mean m is compared with the baseline's daily mean μ and (population)
 *   standard deviation σ, as the mean of `windowDays` days: z = (m − μ) / (σ' / √windowDays).
 * - zero or tiny variance: σ' = max(σ, √μ, 0.5). Relay counts are counts of independent events,
 *   roughly Poisson, whose variance equals the mean: a flat baseline (σ = 0) still varies by √μ;
 *   and a baseline of zeros (μ = 0) gets a floor of 0.5 relays a day, so a handful of relays on a
 *   quiet key is not an "infinite" z. `minimumCount` then keeps noise out.
 * - a spike needs both: window total ≥ minimumCount and z ≥ zScore.
 * - ratio = m / μ ("4.1× its usual level"); null when the baseline had no relay at all.
 */
import type { SpikePolicy } from '../policy/types';
import type { DayStats } from './model';
import { addDays, Dimension, isoWeekOf } from './trends';

/** Floor of the baseline's standard deviation, in relays a day (see above). */
export const SPIKE_SIGMA_FLOOR = 0.5;

export interface Spike {
  kind: Dimension;
  key: string;
  /** Relays in the window, and per day. */
  windowCount: number;
  windowMean: number;
  baselineMean: number;
  baselineStdDev: number;
  /** The standard deviation used (after the floor). */
  sigmaUsed: number;
  z: number;
  /** windowMean / baselineMean; null when the baseline is empty. */
  ratio: number | null;
  windowStart: string;
  windowEnd: string;
  /** ISO week of `today` (the banner's idempotency key uses it). */
  week: string;
}

/** The banner key of a spike: 'spike:<kind>:<key>:<ISO week>' (one banner per spike and week). */
export function spikeBannerKey(spike: Pick<Spike, 'kind' | 'key' | 'week'>): string {
  return `spike:${spike.kind}:${spike.key}:${spike.week}`;
}

function checkPolicy(p: SpikePolicy): void {
  const positiveInt = (v: number): boolean => Number.isInteger(v) && v > 0;
  if (!positiveInt(p.windowDays) || !positiveInt(p.baselineDays)) throw new RangeError('spikes: windowDays and baselineDays must be positive integers');
  if (!(Number.isFinite(p.zScore) && p.zScore >= 0)) throw new RangeError('spikes: zScore must be a number >= 0');
  if (!(Number.isFinite(p.minimumCount) && p.minimumCount >= 0)) throw new RangeError('spikes: minimumCount must be a number >= 0');
}

/** How many days of statistics detection needs, ending with today. */
export function spikeDaysNeeded(p: SpikePolicy): number {
  return p.windowDays + p.baselineDays;
}

/** Spikes among categories and products, highest z first. */
export function detectSpikes(days: readonly DayStats[], today: string, policy: SpikePolicy, kinds: readonly Dimension[] = ['category', 'product']): Spike[] {
  checkPolicy(policy);
  const windowStart = addDays(today, -(policy.windowDays - 1));
  const baselineStart = addDays(windowStart, -policy.baselineDays);
  const byDay = new Map<string, DayStats>();
  for (const d of days) byDay.set(d.day, d);
  const week = isoWeekOf(today);
  const spikes: Spike[] = [];
  for (const kind of kinds) {
    const keys = new Set<string>();
    for (let i = 0; i < policy.windowDays; i++) {
      const d = byDay.get(addDays(windowStart, i));
      if (d) for (const key of Object.keys(kind === 'category' ? d.relaysByCategory || {} : d.relaysByProduct || {})) keys.add(key);
    }
    for (const key of keys) {
      const countOn = (day: string): number => {
        const d = byDay.get(day);
        const n = d ? (kind === 'category' ? d.relaysByCategory : d.relaysByProduct)?.[key] : 0;
        return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
      };
      let windowCount = 0;
      for (let i = 0; i < policy.windowDays; i++) windowCount += countOn(addDays(windowStart, i));
      if (windowCount < policy.minimumCount || windowCount === 0) continue;
      const baseline: number[] = [];
      for (let i = 0; i < policy.baselineDays; i++) baseline.push(countOn(addDays(baselineStart, i)));
      const baselineMean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
      const baselineStdDev = Math.sqrt(baseline.reduce((a, b) => a + (b - baselineMean) ** 2, 0) / baseline.length);
      const sigmaUsed = Math.max(baselineStdDev, Math.sqrt(baselineMean), SPIKE_SIGMA_FLOOR);
      const windowMean = windowCount / policy.windowDays;
      const z = (windowMean - baselineMean) / (sigmaUsed / Math.sqrt(policy.windowDays));
      if (z < policy.zScore) continue;
      spikes.push({
        kind, key, windowCount, windowMean, baselineMean, baselineStdDev, sigmaUsed, z,
        ratio: baselineMean > 0 ? windowMean / baselineMean : null,
        windowStart, windowEnd: today, week
      });
    }
  }
  return spikes.sort((a, b) => b.z - a.z || (a.key < b.key ? -1 : 1));
}

/**
 * The banner text a spike prefills, in both languages of the suite (a banner is shown to everyone,
 * each in their language; the communications officer edits both before publishing). `label` is
 * the policy's label of the category or product.
 */
export function spikeBannerText(spike: Pick<Spike, 'windowCount'>, label: { en: string; fr: string }): { en: string; fr: string } {
  return {
    en: `${label.en}: we are hearing about this from many customers (${spike.windowCount} reports this week). Our teams are on it; thank you for relaying what customers tell you.`,
    fr: `${label.fr} : de nombreux clients nous en parlent (${spike.windowCount} signalements cette semaine). Nos équipes s'en occupent; merci de continuer à relayer ce que les clients vous disent.`
  };
}
