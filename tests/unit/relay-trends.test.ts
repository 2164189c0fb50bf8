import { addDays, breachRates, firstDayNeeded, isoWeekOf, isoWeekStart, lastWeeks, relaysPerWeek, responseTimesByDepartment, topInsightsByReach, topIrritants } from '../../core/relay/trends';
import { emptyDayStats } from '../../core/relay/model';
import type { DayStats } from '../../core/relay/model';

function day(key: string, patch: Partial<DayStats>): DayStats {
  return { ...emptyDayStats(key), ...patch };
}

describe('relay trends: calendar of weeks', () => {
  test('ISO weeks, including the year boundary', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-29')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
    // 1 January 2026 is a Thursday: it belongs to week 1 of 2026, and so does Monday 29 December 2025.
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026 (W53).
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekStart('2026-11-26')).toBe('2026-11-23');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  test('the last 12 weeks end with the week of today', () => {
    const weeks = lastWeeks('2026-11-25', 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toEqual({ week: '2026-W48', start: '2026-11-23', end: '2026-11-29' });
    expect(weeks[0]).toEqual({ week: '2026-W37', start: '2026-09-07', end: '2026-09-13' });
    // Spike baseline of 35 days reaches less far than 12 weeks of charts.
    expect(firstDayNeeded('2026-11-25', 12, 35)).toBe('2026-09-07');
    expect(firstDayNeeded('2026-11-25', 1, 35)).toBe('2026-10-22');
  });
});

describe('relay trends: figures', () => {
  const days: DayStats[] = [
    day('2026-09-06', { relaysByCategory: { delivery: 50 } }), // before the 12 weeks: ignored
    day('2026-09-07', { relaysByCategory: { delivery: 2, billing: 1 }, relaysByProduct: { app: 3 } }),
    day('2026-09-13', { relaysByCategory: { delivery: 1 }, relaysByProduct: { app: 1 } }),
    day('2026-11-23', { relaysByCategory: { billing: 4, delivery: 3 }, relaysByProduct: { store: 7 } }),
    day('2026-11-24', { relaysByCategory: { billing: 2 }, relaysByProduct: { store: 2 } })
  ];

  test('relays per week by category: stacked per week, keys by total', () => {
    const r = relaysPerWeek(days, '2026-11-24', 'category', 12);
    expect(r.series.map(s => [s.key, s.total])).toEqual([['billing', 7], ['delivery', 6]]);
    expect(r.series[1].counts[0]).toBe(3);
    expect(r.series[1].counts[11]).toBe(3);
    expect(r.series[0].counts[11]).toBe(6);
    expect(r.totals[0]).toBe(4);
    expect(r.totals[11]).toBe(9);
    expect(r.totals.slice(1, 11).every(n => n === 0)).toBe(true);
    expect(relaysPerWeek(days, '2026-11-24', 'product').series.map(s => s.key)).toEqual(['store', 'app']);
  });

  test('top irritants over a period', () => {
    expect(topIrritants(days, '2026-11-01', '2026-11-30', 'category')).toEqual([{ key: 'billing', count: 6 }, { key: 'delivery', count: 3 }]);
    expect(topIrritants(days, '2026-09-01', '2026-11-30', 'category', 1)).toEqual([{ key: 'delivery', count: 56 }]);
  });

  test('open insights by reach, then the oldest', () => {
    const insights = [
      { id: 1, reach: 3, firstSeen: '2026-11-02T00:00:00Z' },
      { id: 2, reach: 9, firstSeen: '2026-11-03T00:00:00Z' },
      { id: 3, reach: 3, firstSeen: '2026-11-01T00:00:00Z' }
    ];
    expect(topInsightsByReach(insights, 2).map(i => i.id)).toEqual([2, 3]);
  });

  test('median and 90th percentile per department (linear interpolation between closest ranks)', () => {
    const times = responseTimesByDepartment([
      day('2026-11-20', { acknowledgeHoursByDepartment: { 'Customer Service': [1, 2, 3, 4, 5] }, resolveHoursByDepartment: { Logistics: [10] } }),
      day('2026-11-21', { acknowledgeHoursByDepartment: { 'Customer Service': [6, 7, 8, 9, 10] } }),
      day('2026-10-01', { acknowledgeHoursByDepartment: { 'Customer Service': [1000] } })
    ], '2026-11-01', '2026-11-30');
    // 1..10: median = 5.5; p90 rank = 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9) = 9.1.
    expect(times).toEqual([
      { department: 'Customer Service', acknowledge: { count: 10, median: 5.5, p90: expect.closeTo(9.1, 10) }, resolve: { count: 0, median: null, p90: null } },
      { department: 'Logistics', acknowledge: { count: 0, median: null, p90: null }, resolve: { count: 1, median: 10, p90: 10 } }
    ]);
  });

  test('breach rate: breaches / closed, overall and per week; no rate without closed insights', () => {
    const r = breachRates([
      day('2026-11-23', { closed: 3, resolveBreaches: 1, acknowledgeBreaches: 0 }),
      day('2026-11-25', { closed: 1, resolveBreaches: 1, acknowledgeBreaches: 1 }),
      day('2026-11-16', { closed: 4, resolveBreaches: 0 })
    ], '2026-11-25', 12);
    expect(r.overall).toEqual({ closed: 8, acknowledgeBreaches: 1, resolveBreaches: 2, resolveRate: 0.25, acknowledgeRate: 0.125 });
    expect(r.weeks[11].resolveRate).toBe(0.5);
    expect(r.weeks[10].resolveRate).toBe(0);
    expect(r.weeks[9].resolveRate).toBeNull();
  });
});
