/**
 * Daily relay statistics: counts from a day's relays, hours and breaches from the insights
 * acknowledged and closed that day, stable output, merging days, and reading a stored document.
 */
import { buildDayStats, mergeDayStats, parseDayStats, previousDayKey, isDayKey } from '../../core/relay/dayStats';

const closed = (department: string, status: string, resolveHours: number | null, ackBreached = false, resBreached = false) =>
  ({ department, status, resolveHours, acknowledgeBreached: ackBreached, resolveBreached: resBreached });

describe('buildDayStats', () => {
  const stats = buildDayStats('2026-11-20', {
    relays: [
      { category: 'delivery', product: 'home-delivery' },
      { category: 'delivery', product: 'online-store' },
      { category: 'billing', product: 'customer-account' },
      { category: '', product: '' }
    ],
    acknowledged: [
      { department: 'Dept – Billing', acknowledgeHours: 3.456 },
      { department: 'Dept – Billing', acknowledgeHours: 1 },
      { department: 'Dept – IT', acknowledgeHours: null },
      { department: '', acknowledgeHours: 2 }
    ],
    closed: [
      closed('Dept – Billing', 'resolved', 20, false, true),
      closed('Dept – IT', 'declined', 5, true, false),
      closed('Dept – IT', 'duplicate', 1, true, true),
      closed('Dept – Stores', 'resolved', null)
    ]
  });

  it('counts the relays by category, by product and in total', () => {
    expect(stats.relays).toBe(4);
    expect(stats.relaysByCategory).toEqual({ '': 1, billing: 1, delivery: 2 });
    expect(stats.relaysByProduct).toEqual({ '': 1, 'customer-account': 1, 'home-delivery': 1, 'online-store': 1 });
  });

  it('lists the hours to acknowledge per department, sorted, with two decimals, skipping unknown hours', () => {
    expect(stats.acknowledgeHoursByDepartment).toEqual({ '': [2], 'Dept – Billing': [1, 3.46] });
  });

  it('counts only resolved and declined insights as closed, with their breaches', () => {
    expect(stats.closed).toBe(3);
    expect(stats.resolveHoursByDepartment).toEqual({ 'Dept – Billing': [20], 'Dept – IT': [5] });
    expect(stats.acknowledgeBreaches).toBe(1);
    expect(stats.resolveBreaches).toBe(1);
  });

  it('gives the same JSON whatever the order of its sources', () => {
    const a = buildDayStats('2026-11-20', { relays: [{ category: 'b', product: 'x' }, { category: 'a', product: 'y' }], acknowledged: [{ department: 'D', acknowledgeHours: 2 }, { department: 'D', acknowledgeHours: 1 }], closed: [] });
    const b = buildDayStats('2026-11-20', { relays: [{ category: 'a', product: 'y' }, { category: 'b', product: 'x' }], acknowledged: [{ department: 'D', acknowledgeHours: 1 }, { department: 'D', acknowledgeHours: 2 }], closed: [] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('refuses a day that is not a date', () => {
    expect(() => buildDayStats('2026-02-30', { relays: [], acknowledged: [], closed: [] })).toThrow(RangeError);
    expect(isDayKey('2026-11-20')).toBe(true);
    expect(isDayKey('20261120')).toBe(false);
  });
});

describe('mergeDayStats', () => {
  it('adds counts and joins hours over several days', () => {
    const d1 = buildDayStats('2026-11-19', { relays: [{ category: 'delivery', product: 'p' }], acknowledged: [{ department: 'D', acknowledgeHours: 4 }], closed: [closed('D', 'resolved', 8, true)] });
    const d2 = buildDayStats('2026-11-20', { relays: [{ category: 'delivery', product: 'p' }, { category: 'billing', product: 'q' }], acknowledged: [{ department: 'D', acknowledgeHours: 1 }], closed: [closed('E', 'declined', 2, false, true)] });
    const week = mergeDayStats([d1, d2], 'week');
    expect(week).toEqual({
      day: 'week',
      relaysByCategory: { billing: 1, delivery: 2 },
      relaysByProduct: { p: 2, q: 1 },
      relays: 3,
      acknowledgeHoursByDepartment: { D: [1, 4] },
      resolveHoursByDepartment: { D: [8], E: [2] },
      closed: 2,
      acknowledgeBreaches: 1,
      resolveBreaches: 1
    });
    expect(mergeDayStats([]).relays).toBe(0);
  });
});

describe('parseDayStats', () => {
  it('reads back what was stored and refuses what is not a day document', () => {
    const d = buildDayStats('2026-11-20', { relays: [{ category: 'delivery', product: 'p' }], acknowledged: [], closed: [closed('D', 'resolved', 8)] });
    expect(parseDayStats(JSON.stringify(d))).toEqual(d);
    expect(parseDayStats('not json')).toBeNull();
    expect(parseDayStats(JSON.stringify({ day: 'x', relays: 1 }))).toBeNull();
    expect(parseDayStats(JSON.stringify({ day: '2026-11-20', relays: 2, relaysByCategory: { a: 'two', b: 2 } }))?.relaysByCategory).toEqual({ b: 2 });
  });

  it('previousDayKey crosses months and leap days', () => {
    expect(previousDayKey('2026-03-01')).toBe('2026-02-28');
    expect(previousDayKey('2028-03-01')).toBe('2028-02-29');
    expect(previousDayKey('2027-01-01')).toBe('2026-12-31');
  });
});
