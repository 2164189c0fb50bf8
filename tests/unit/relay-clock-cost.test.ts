import type { BusinessCalendar } from '../../core/policy/types';
import { computeSilenceClock, StatusEvent } from '../../core/relay/clock';
import { compareByCostOfDelay, costOfDelay, costOfDelayParts, CostOfDelayRanked, openBusinessHoursOf } from '../../core/relay/costOfDelay';

const d = (iso: string): Date => new Date(iso);

const quebec: BusinessCalendar = {
  timeZone: 'America/Toronto',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:30', end: '17:00' },
  holidays: ['2026-06-24']
};

describe('cost of delay', () => {
  it('is reach × severity weight × business hours open, with its parts for the explanation', () => {
    expect(costOfDelay({ reach: 14, severityWeight: 3, openBusinessHours: 6.5 })).toBe(273);
    expect(costOfDelayParts({ reach: 14, severityWeight: 3, openBusinessHours: 6.5 })).toEqual({
      reach: 14,
      severityWeight: 3,
      openBusinessHours: 6.5,
      cost: 273
    });
    expect(costOfDelay({ reach: 3, severityWeight: 2, openBusinessHours: 0 })).toBe(0);
  });

  it('takes the time open from the resolution clock, pauses excluded, and grows while the insight waits', () => {
    const events: StatusEvent[] = [
      { at: d('2026-06-04T09:00:00-04:00'), status: 'new' },
      { at: d('2026-06-05T15:00:00-04:00'), status: 'waitingOnCustomer' },
      { at: d('2026-06-08T10:00:00-04:00'), status: 'inProgress' }
    ];
    const at = (now: string) =>
      computeSilenceClock({
        insightId: 'I-1',
        events,
        severity: { acknowledgeHours: 8, resolveHours: 24 },
        calendar: quebec,
        pauseStates: ['waitingOnCustomer'],
        now: d(now)
      });
    expect(openBusinessHoursOf(at('2026-06-08T12:00:00-04:00'))).toBe(16.5);
    // Frozen while paused, growing again afterwards.
    expect(openBusinessHoursOf(at('2026-06-05T16:00:00-04:00'))).toBe(14.5);
    expect(openBusinessHoursOf(at('2026-06-08T09:00:00-04:00'))).toBe(14.5);
    const monday = costOfDelay({ reach: 5, severityWeight: 2, openBusinessHours: openBusinessHoursOf(at('2026-06-08T12:00:00-04:00')) });
    const tuesday = costOfDelay({ reach: 5, severityWeight: 2, openBusinessHours: openBusinessHoursOf(at('2026-06-09T12:00:00-04:00')) });
    expect(tuesday).toBeGreaterThan(monday);
  });

  it('orders the dashboard by descending cost, then the oldest first, then by id', () => {
    const rows: CostOfDelayRanked[] = [
      { id: 'small-old', cost: 10, openedAt: d('2026-01-05T10:00:00Z') },
      { id: 'big', cost: 500, openedAt: d('2026-06-01T10:00:00Z') },
      { id: 'tie-new', cost: 120, openedAt: d('2026-06-03T10:00:00Z') },
      { id: 'tie-old', cost: 120, openedAt: d('2026-05-03T10:00:00Z') },
      { id: 'tie-old-b', cost: 120, openedAt: d('2026-05-03T10:00:00Z') },
      { id: 'zero', cost: 0, openedAt: d('2025-12-01T10:00:00Z') }
    ];
    const sorted = rows.slice().sort(compareByCostOfDelay).map(r => r.id);
    expect(sorted).toEqual(['big', 'tie-old', 'tie-old-b', 'tie-new', 'small-old', 'zero']);
    // The order does not depend on the input order.
    expect(rows.slice().reverse().sort(compareByCostOfDelay).map(r => r.id)).toEqual(sorted);
  });

  it('ranks a widely relayed minor issue above a lone severe one once it costs more', () => {
    const minorButWide = costOfDelay({ reach: 40, severityWeight: 1, openBusinessHours: 10 });
    const severeButLone = costOfDelay({ reach: 1, severityWeight: 8, openBusinessHours: 20 });
    const rows = [
      { id: 'severe', cost: severeButLone, openedAt: d('2026-06-01T10:00:00Z') },
      { id: 'minor', cost: minorButWide, openedAt: d('2026-06-02T10:00:00Z') }
    ];
    expect(rows.sort(compareByCostOfDelay).map(r => r.id)).toEqual(['minor', 'severe']);
  });

  it('refuses negative or non-finite factors', () => {
    expect(() => costOfDelay({ reach: -1, severityWeight: 1, openBusinessHours: 1 })).toThrow(RangeError);
    expect(() => costOfDelay({ reach: 1, severityWeight: NaN, openBusinessHours: 1 })).toThrow(RangeError);
    expect(() => costOfDelay({ reach: 1, severityWeight: 1, openBusinessHours: Infinity })).toThrow(RangeError);
  });
});
