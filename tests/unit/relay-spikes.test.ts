import { detectSpikes, spikeBannerKey, SPIKE_SIGMA_FLOOR } from '../../core/relay/spikes';
import { addDays } from '../../core/relay/trends';
import { emptyDayStats } from '../../core/relay/model';
import type { DayStats } from '../../core/relay/model';
import type { SpikePolicy } from '../../core/policy/types';

const policy: SpikePolicy = { zScore: 3, minimumCount: 5, baselineDays: 28, windowDays: 7 };
const TODAY = '2026-11-23';
const WINDOW_START = '2026-11-17';

/** Days with `delivery` counts: baseline (28 days before the window) and window (7 days to today). */
function series(baseline: (i: number) => number, window: (i: number) => number, kind: 'category' | 'product' = 'category'): DayStats[] {
  const days: DayStats[] = [];
  for (let i = 0; i < 28; i++) {
    const d = emptyDayStats(addDays(WINDOW_START, -28 + i));
    const n = baseline(i);
    if (kind === 'category') d.relaysByCategory = { delivery: n }; else d.relaysByProduct = { delivery: n };
    days.push(d);
  }
  for (let i = 0; i < 7; i++) {
    const d = emptyDayStats(addDays(WINDOW_START, i));
    const n = window(i);
    if (kind === 'category') d.relaysByCategory = { delivery: n }; else d.relaysByProduct = { delivery: n };
    days.push(d);
  }
  return days;
}

describe('relay spikes', () => {
  test('a key far above its baseline: z and ratio by hand', () => {
    // Baseline 1,0,1,0…: μ = 0.5, σ = 0.5, √μ = 0.7071 (the Poisson floor wins).
    // Window: 14 relays in 7 days: m = 2. z = (2 − 0.5) / (0.7071 / √7) = 1.5 / 0.26726 = 5.6125. Ratio 4.
    const spikes = detectSpikes(series(i => (i % 2 === 0 ? 1 : 0), () => 2), TODAY, policy);
    expect(spikes).toHaveLength(1);
    const s = spikes[0];
    expect(s.kind).toBe('category');
    expect(s.key).toBe('delivery');
    expect(s.windowCount).toBe(14);
    expect(s.baselineMean).toBeCloseTo(0.5, 10);
    expect(s.baselineStdDev).toBeCloseTo(0.5, 10);
    expect(s.sigmaUsed).toBeCloseTo(Math.SQRT1_2, 10);
    expect(s.z).toBeCloseTo(5.6125, 3);
    expect(s.ratio).toBeCloseTo(4, 10);
    expect(s.windowStart).toBe(WINDOW_START);
    expect(s.week).toBe('2026-W48');
    expect(spikeBannerKey(s)).toBe('spike:category:delivery:2026-W48');
  });

  test('a noisy baseline raises the bar: same window, no spike', () => {
    // Baseline 0,0,0,4 repeated: μ = 1, σ = √3 = 1.732. m = 2: z = 1 / (1.732 / 2.6458) = 1.53 < 3.
    expect(detectSpikes(series(i => (i % 4 === 3 ? 4 : 0), () => 2), TODAY, policy)).toEqual([]);
  });

  test('zero variance: a flat baseline uses √μ, an empty one the floor', () => {
    // Flat baseline of 1 a day: σ = 0, σ' = √1 = 1. Window 21 (m = 3): z = 2 / (1 / 2.6458) = 5.29.
    const flat = detectSpikes(series(() => 1, () => 3), TODAY, policy);
    expect(flat[0].baselineStdDev).toBe(0);
    expect(flat[0].z).toBeCloseTo(5.2915, 3);
    // Empty baseline: σ' = 0.5. 5 relays (m = 0.714): z = 0.714 / (0.5 / 2.6458) = 3.78 → spike, ratio unknown.
    const fresh = detectSpikes(series(() => 0, i => (i < 5 ? 1 : 0)), TODAY, policy);
    expect(fresh[0].sigmaUsed).toBe(SPIKE_SIGMA_FLOOR);
    expect(fresh[0].z).toBeCloseTo(3.7796, 3);
    expect(fresh[0].ratio).toBeNull();
  });

  test('below the minimum count: no spike however high z is', () => {
    expect(detectSpikes(series(() => 0, i => (i < 4 ? 1 : 0)), TODAY, policy)).toEqual([]);
  });

  test('products too, and missing days count as zero', () => {
    const days = series(() => 0, () => 3, 'product').filter(d => d.day >= WINDOW_START);
    const spikes = detectSpikes(days, TODAY, policy);
    expect(spikes.map(s => [s.kind, s.key, s.windowCount])).toEqual([['product', 'delivery', 21]]);
    expect(spikes[0].baselineMean).toBe(0);
  });

  test('refuses a nonsensical policy', () => {
    expect(() => detectSpikes([], TODAY, { ...policy, windowDays: 0 })).toThrow(RangeError);
  });
});
