import type { BusinessCalendar } from '../../core/policy/types';
import { computeSilenceClock, InsightStatus, SilenceClockInput, StatusEvent } from '../../core/relay/clock';

const H = 3_600_000;
const d = (iso: string): Date => new Date(iso);
const ev = (at: string, status: InsightStatus): StatusEvent => ({ at: d(at), status });

const quebec: BusinessCalendar = {
  timeZone: 'America/Toronto',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:30', end: '17:00' },
  holidays: ['2026-06-24', '2026-07-01', '2026-12-25', '2027-01-01']
};
const high = { acknowledgeHours: 4, resolveHours: 8 };
const normal = { acknowledgeHours: 8, resolveHours: 24 };
const pauseStates = ['waitingOnCustomer', 'waitingOnThirdParty'];

function clock(events: StatusEvent[], now: string, severity = normal, extra: Partial<SilenceClockInput> = {}) {
  return computeSilenceClock({ insightId: 'I-1', events, severity, calendar: quebec, pauseStates, now: d(now), ...extra });
}

describe('silence clock: when it counts', () => {
  it('starts at the next opening for an insight created before working hours', () => {
    const c = clock([ev('2026-03-09T07:00:00-04:00', 'new')], '2026-03-09T10:30:00-04:00', high);
    expect(c.countingFrom).toEqual(d('2026-03-09T08:30:00-04:00'));
    expect(c.acknowledge).toMatchObject({ state: 'running', open: true, elapsedMs: 2 * H, remainingMs: 2 * H, shareOfTarget: 0.5 });
    expect(c.acknowledge.dueAt).toEqual(d('2026-03-09T12:30:00-04:00'));
    expect(c.resolve.dueAt).toEqual(d('2026-03-09T16:30:00-04:00'));
  });

  it('counts the last second of the day for an insight relayed at 16:59:59, and nothing for one at 17:00:00', () => {
    const late = clock([ev('2026-06-08T16:59:59-04:00', 'new')], '2026-06-09T08:30:00-04:00', high);
    expect(late.acknowledge.elapsedMs).toBe(1000);
    expect(late.acknowledge.dueAt).toEqual(d('2026-06-09T12:29:59-04:00'));
    const closing = clock([ev('2026-06-08T17:00:00-04:00', 'new')], '2026-06-09T08:30:00-04:00', high);
    expect(closing.acknowledge.elapsedMs).toBe(0);
    expect(closing.countingFrom).toEqual(d('2026-06-09T08:30:00-04:00'));
    expect(closing.acknowledge.dueAt).toEqual(d('2026-06-09T12:30:00-04:00'));
  });

  it('counts nothing for activity that happens only over a weekend', () => {
    const c = clock(
      [ev('2026-06-06T10:00:00-04:00', 'new'), ev('2026-06-06T11:00:00-04:00', 'acknowledged'), ev('2026-06-07T15:00:00-04:00', 'resolved')],
      '2026-06-08T12:00:00-04:00'
    );
    expect(c.countingFrom).toEqual(d('2026-06-08T08:30:00-04:00'));
    expect(c.acknowledge).toMatchObject({ state: 'met', open: false, elapsedMs: 0, shareOfTarget: 0 });
    expect(c.resolve).toMatchObject({ state: 'met', open: false, elapsedMs: 0 });
    expect(c.resolve.stoppedAt).toEqual(d('2026-06-07T15:00:00-04:00'));
  });

  it('crosses the spring-forward weekend: Friday 15:00 EST to Monday EDT', () => {
    const events = [ev('2026-03-06T15:00:00-05:00', 'new')];
    const monday = clock(events, '2026-03-09T10:00:00-04:00', high);
    expect(monday.acknowledge).toMatchObject({ state: 'running', elapsedMs: 3.5 * H, remainingMs: 0.5 * H });
    expect(monday.acknowledge.dueAt).toEqual(d('2026-03-09T10:30:00-04:00'));
    expect(monday.resolve.dueAt).toEqual(d('2026-03-09T14:30:00-04:00'));
    const later = clock(events, '2026-03-09T11:00:00-04:00', high);
    expect(later.acknowledge).toMatchObject({ state: 'breached', open: true, elapsedMs: 4.5 * H, remainingMs: -0.5 * H, shareOfTarget: 1.125 });
    expect(later.acknowledge.breachedAt).toEqual(d('2026-03-09T10:30:00-04:00'));
    expect(later.acknowledge.dueAt).toEqual(d('2026-03-09T10:30:00-04:00'));
  });

  it('crosses the fall-back weekend: acknowledged on Monday EST within the target', () => {
    const c = clock(
      [ev('2026-10-30T15:00:00-04:00', 'new'), ev('2026-11-02T10:00:00-05:00', 'acknowledged')],
      '2026-11-02T16:00:00-05:00',
      high
    );
    expect(c.acknowledge).toMatchObject({ state: 'met', open: false, elapsedMs: 3.5 * H });
    expect(c.acknowledge.stoppedAt).toEqual(d('2026-11-02T10:00:00-05:00'));
    expect(c.acknowledge.dueAt).toEqual(d('2026-11-02T10:30:00-05:00'));
    // Resolution: Friday 2 h + Monday 08:30-16:00 EST 7.5 h = 9.5 h > 8 h, breached at Monday 14:30 EST.
    expect(c.resolve).toMatchObject({ state: 'breached', open: true, elapsedMs: 9.5 * H });
    expect(c.resolve.breachedAt).toEqual(d('2026-11-02T14:30:00-05:00'));
  });

  it('skips the Fête nationale and Canada Day', () => {
    const c = clock([ev('2026-06-23T16:00:00-04:00', 'new')], '2026-06-25T09:30:00-04:00', high);
    expect(c.acknowledge.elapsedMs).toBe(2 * H);
    const canada = clock([ev('2026-06-30T13:00:00-04:00', 'new')], '2026-06-30T14:00:00-04:00', normal);
    // 8 h: 4 h on Tuesday, Canada Day off, 4 h on Thursday.
    expect(canada.acknowledge.dueAt).toEqual(d('2026-07-02T12:30:00-04:00'));
  });

  it('ignores events after now and sorts the history', () => {
    const c = clock(
      [ev('2026-06-08T11:00:00-04:00', 'acknowledged'), ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-08T15:00:00-04:00', 'resolved')],
      '2026-06-08T12:00:00-04:00'
    );
    expect(c.createdAt).toEqual(d('2026-06-08T09:00:00-04:00'));
    expect(c.status).toBe('acknowledged');
    expect(c.acknowledge).toMatchObject({ state: 'met', elapsedMs: 2 * H });
    expect(c.resolve).toMatchObject({ state: 'running', open: true, elapsedMs: 3 * H });
  });
});

describe('silence clock: pauses', () => {
  // Thursday 09:00 created, acknowledged at 10:00, waiting on the customer from Friday 15:00 to Monday 10:00.
  const events = [
    ev('2026-06-04T09:00:00-04:00', 'new'),
    ev('2026-06-04T10:00:00-04:00', 'acknowledged'),
    ev('2026-06-05T15:00:00-04:00', 'waitingOnCustomer'),
    ev('2026-06-08T10:00:00-04:00', 'inProgress')
  ];

  it('stops the resolution clock while waiting on the customer over a weekend (elapsed = elapsed - stopped)', () => {
    const c = clock(events, '2026-06-08T12:00:00-04:00');
    // Running: Thursday 8 h + Friday 6.5 h + Monday 2 h; paused: Friday 2 h + Monday 1.5 h.
    expect(c.resolve).toMatchObject({ state: 'running', paused: false, elapsedMs: 16.5 * H, pausedMs: 3.5 * H, remainingMs: 7.5 * H });
    expect(c.resolve.shareOfTarget).toBeCloseTo(16.5 / 24, 12);
  });

  it('moves the due instant forward by the business length of the pause', () => {
    const unpaused = clock(events.slice(0, 2), '2026-06-04T12:00:00-04:00');
    // Without the pause: Thursday 8 h + Friday 8.5 h + Monday 7.5 h -> Monday 16:00.
    expect(unpaused.resolve.dueAt).toEqual(d('2026-06-08T16:00:00-04:00'));
    const resumed = clock(events, '2026-06-08T12:00:00-04:00');
    // The 3.5 h pause moves it to Tuesday 11:00.
    expect(resumed.resolve.dueAt).toEqual(d('2026-06-09T11:00:00-04:00'));
  });

  it('is paused during the pause, and its due instant moves with it', () => {
    const saturday = clock(events.slice(0, 3), '2026-06-06T12:00:00-04:00');
    expect(saturday.status).toBe('waitingOnCustomer');
    expect(saturday.resolve).toMatchObject({ state: 'paused', paused: true, open: true, elapsedMs: 14.5 * H, pausedMs: 2 * H });
    expect(saturday.resolve.dueAt).toEqual(d('2026-06-09T09:30:00-04:00'));
    const mondayStillWaiting = clock(events.slice(0, 3), '2026-06-08T12:00:00-04:00');
    expect(mondayStillWaiting.resolve.elapsedMs).toBe(14.5 * H);
    // 9.5 h left from Monday 12:00: 5 h on Monday, 4.5 h on Tuesday.
    expect(mondayStillWaiting.resolve.dueAt).toEqual(d('2026-06-09T13:00:00-04:00'));
  });

  it('does not pause the acknowledgement: asking the customer is an answer', () => {
    const c = clock([ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-08T10:00:00-04:00', 'waitingOnThirdParty')], '2026-06-10T10:00:00-04:00');
    expect(c.acknowledge).toMatchObject({ state: 'met', elapsedMs: 1 * H });
    expect(c.resolve).toMatchObject({ state: 'paused', elapsedMs: 1 * H });
  });

  it('stays breached when paused after the breach', () => {
    const c = clock(
      [ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-08T09:30:00-04:00', 'acknowledged'), ev('2026-06-09T16:00:00-04:00', 'waitingOnThirdParty')],
      '2026-06-11T10:00:00-04:00',
      high
    );
    expect(c.resolve).toMatchObject({ state: 'breached', open: true, paused: true });
    expect(c.resolve.breachedAt).toEqual(d('2026-06-08T17:00:00-04:00'));
  });
});

describe('silence clock: closing and reopening', () => {
  const events = [
    ev('2026-06-08T09:00:00-04:00', 'new'),
    ev('2026-06-08T09:30:00-04:00', 'acknowledged'),
    ev('2026-06-09T12:00:00-04:00', 'resolved'),
    ev('2026-06-11T09:00:00-04:00', 'inProgress')
  ];

  it('is met when resolved within the target', () => {
    const c = clock(events.slice(0, 3), '2026-06-10T12:00:00-04:00');
    expect(c.resolve).toMatchObject({ state: 'met', open: false, elapsedMs: 11.5 * H, breachedAt: null });
    expect(c.resolve.stoppedAt).toEqual(d('2026-06-09T12:00:00-04:00'));
  });

  it('resumes the resolution clock from where it stopped on a reopen (the closed span is not counted)', () => {
    const c = clock(events, '2026-06-11T12:00:00-04:00');
    expect(c.reopenCount).toBe(1);
    expect(c.lastReopenedAt).toEqual(d('2026-06-11T09:00:00-04:00'));
    expect(c.status).toBe('inProgress');
    expect(c.resolve).toMatchObject({ state: 'running', open: true, stoppedAt: null, elapsedMs: 14.5 * H, pausedMs: 0 });
    expect(c.acknowledge).toMatchObject({ state: 'met', elapsedMs: 0.5 * H });
  });

  it('breaches after a reopen once the resumed clock uses the target, and keeps the breach when resolved', () => {
    const c = clock([...events, ev('2026-06-12T17:00:00-04:00', 'resolved')], '2026-06-15T09:00:00-04:00');
    // 14.5 h at Thursday 12:00, 19.5 h at 17:00, 24 h on Friday at 13:00; resolved with 28 h.
    expect(c.resolve).toMatchObject({ state: 'breached', open: false, elapsedMs: 28 * H, remainingMs: -4 * H });
    expect(c.resolve.breachedAt).toEqual(d('2026-06-12T13:00:00-04:00'));
    expect(c.resolve.stoppedAt).toEqual(d('2026-06-12T17:00:00-04:00'));
  });

  it('treats declined as an answer and duplicate as a stop without outcome', () => {
    const declined = clock([ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-08T10:00:00-04:00', 'declined')], '2026-06-09T10:00:00-04:00');
    expect(declined.acknowledge.state).toBe('met');
    expect(declined.resolve.state).toBe('met');
    const duplicate = clock([ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-08T10:00:00-04:00', 'duplicate')], '2026-06-09T10:00:00-04:00');
    expect(duplicate.acknowledge).toMatchObject({ state: 'stopped', open: false });
    expect(duplicate.resolve).toMatchObject({ state: 'stopped', open: false });
    const lateDuplicate = clock([ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-09T16:00:00-04:00', 'duplicate')], '2026-06-10T10:00:00-04:00', high);
    expect(lateDuplicate.acknowledge.state).toBe('breached');
  });

  it('refuses an insight without history or with a non-positive target', () => {
    expect(() => clock([], '2026-06-08T09:00:00-04:00')).toThrow(RangeError);
    expect(() => clock([ev('2026-06-08T09:00:00-04:00', 'new')], '2026-06-08T10:00:00-04:00', { acknowledgeHours: 0, resolveHours: 8 })).toThrow(RangeError);
  });
});
