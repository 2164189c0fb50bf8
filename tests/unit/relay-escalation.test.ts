import type { BusinessCalendar, EscalationStep } from '../../core/policy/types';
import { computeSilenceClock, InsightStatus, StatusEvent } from '../../core/relay/clock';
import { dueNotifications, escalationKey, hasReachedShare } from '../../core/relay/escalation';

const H = 3_600_000;
const MIN = 60_000;
const d = (iso: string): Date => new Date(iso);
const ev = (at: string, status: InsightStatus): StatusEvent => ({ at: d(at), status });

const quebec: BusinessCalendar = {
  timeZone: 'America/Toronto',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:30', end: '17:00' },
  holidays: ['2026-06-24', '2026-07-01', '2026-12-25']
};
const pauseStates = ['waitingOnCustomer', 'waitingOnThirdParty'];
const normal = { acknowledgeHours: 8, resolveHours: 24 };
const ladder: EscalationStep[] = [
  { atShareOfTarget: 0.8, notify: 'owner' },
  { atShareOfTarget: 1, notify: 'owner' },
  { atShareOfTarget: 1, notify: 'ownerManager' },
  { atShareOfTarget: 1.5, notify: 'ownerManagersManager' }
];

function clockAt(events: StatusEvent[], now: Date, id = 'I-42') {
  return computeSilenceClock({ insightId: id, events, severity: normal, calendar: quebec, pauseStates, now });
}

/**
 * Monday 06-08 09:00 relayed; acknowledged Tuesday 13:00 (late); waiting on the customer from
 * Wednesday 10:00 to the next Monday 10:00; resolved Monday 15:00 within the target; reopened
 * Tuesday 06-16 09:00 and left open.
 */
const history = [
  ev('2026-06-08T09:00:00-04:00', 'new'),
  ev('2026-06-09T13:00:00-04:00', 'acknowledged'),
  ev('2026-06-10T10:00:00-04:00', 'waitingOnCustomer'),
  ev('2026-06-15T10:00:00-04:00', 'inProgress'),
  ev('2026-06-15T15:00:00-04:00', 'resolved'),
  ev('2026-06-16T09:00:00-04:00', 'inProgress')
];

describe('escalation: due notifications', () => {
  it('emits each step once across a job running every 15 minutes, through a pause, a close and a reopen', () => {
    const sent = new Map<string, Date>();
    const start = Date.parse('2026-06-08T09:00:00-04:00');
    const end = Date.parse('2026-06-19T17:00:00-04:00');
    for (let t = start; t <= end; t += 15 * MIN) {
      const now = new Date(t);
      const due = dueNotifications(clockAt(history, now), ladder, Array.from(sent.keys()));
      for (const n of due) {
        expect(sent.has(n.key)).toBe(false);
        sent.set(n.key, now);
      }
      // The same run repeated (a retry, a second timer) finds nothing new.
      expect(dueNotifications(clockAt(history, now), ladder, Array.from(sent.keys()))).toEqual([]);
    }
    const firstSent = Object.fromEntries(Array.from(sent.entries()).map(([k, v]) => [k, v.toISOString()]));
    expect(firstSent).toEqual({
      // Acknowledgement (8 h): 6.4 h at Monday 15:24, 8 h at 17:00, 12 h at Tuesday 12:30.
      'I-42:acknowledge:0.8': d('2026-06-08T15:30:00-04:00').toISOString(),
      'I-42:acknowledge:1': d('2026-06-08T17:00:00-04:00').toISOString(),
      'I-42:acknowledge:1.5': d('2026-06-09T12:30:00-04:00').toISOString(),
      // Resolution (24 h): 18 h when the pause starts on Wednesday 10:00; nothing while paused;
      // 19.2 h on Monday 06-15 at 11:12; resolved at 23 h; reopened Tuesday 09:00, 24 h at 10:00;
      // 31 h at Tuesday 17:00, 36 h on Wednesday 06-17 at 13:30.
      'I-42:resolve:0.8': d('2026-06-15T11:15:00-04:00').toISOString(),
      'I-42:resolve:1': d('2026-06-16T10:00:00-04:00').toISOString(),
      'I-42:resolve:1.5': d('2026-06-17T13:30:00-04:00').toISOString()
    });
  });

  it('describes each notification: kind, recipients grouped by share, the clock as it stands', () => {
    const warning = dueNotifications(clockAt(history, d('2026-06-08T15:30:00-04:00')), ladder, []);
    expect(warning.map(n => [n.key, n.kind, n.recipients])).toEqual([['I-42:acknowledge:0.8', 'warning', ['owner']]]);
    const due = dueNotifications(clockAt(history, d('2026-06-08T17:00:00-04:00')), ladder, warning.map(n => n.key));
    expect(due.map(n => [n.key, n.kind, n.recipients])).toEqual([
      ['I-42:acknowledge:1', 'breach', ['owner', 'ownerManager']]
    ]);
    expect(due[0]).toMatchObject({ insightId: 'I-42', clock: 'acknowledge', atShareOfTarget: 1, shareOfTarget: 1, state: 'breached' });
    expect(due[0].dueAt).toEqual(d('2026-06-08T17:00:00-04:00'));
    const escalation = dueNotifications(clockAt(history, d('2026-06-09T12:30:00-04:00')), ladder, [...warning, ...due].map(n => n.key));
    expect(escalation.map(n => [n.key, n.kind, n.recipients])).toEqual([['I-42:acknowledge:1.5', 'escalation', ['ownerManagersManager']]]);
  });

  it('answers every step crossed while the job was down, lowest share first; a warning past the target is not sent', () => {
    const due = dueNotifications(clockAt(history, d('2026-06-09T12:45:00-04:00')), ladder, []);
    // "Close to the target, 175 % used" would contradict the breach sent with it.
    expect(due.map(n => n.key)).toEqual(['I-42:acknowledge:1', 'I-42:acknowledge:1.5']);
    expect(due.some(n => n.kind === 'warning')).toBe(false);
    // Before the target the warning is due as usual.
    expect(dueNotifications(clockAt(history, d('2026-06-08T16:00:00-04:00')), ladder, []).map(n => n.kind)).toEqual(['warning']);
    // Resolution is at 12.25 h of 24 (0.51): nothing due on it yet.
    expect(due.some(n => n.clock === 'resolve')).toBe(false);
  });

  it('keeps a step crossed before a pause due during the pause if it was not sent yet', () => {
    // Resolution reached 18 h (0.75) at the pause: not yet 0.8. Use a ladder step at 0.7.
    const due = dueNotifications(clockAt(history, d('2026-06-12T12:00:00-04:00')), [{ atShareOfTarget: 0.7, notify: 'owner' }], []);
    expect(due.map(n => [n.key, n.state])).toEqual([['I-42:resolve:0.7', 'paused']]);
  });

  it('sends nothing for a closed insight, however far its clock went', () => {
    const closed = clockAt(
      [ev('2026-06-08T09:00:00-04:00', 'new'), ev('2026-06-12T16:00:00-04:00', 'resolved')],
      d('2026-06-15T09:00:00-04:00')
    );
    expect(closed.acknowledge.state).toBe('breached');
    expect(closed.resolve.state).toBe('breached');
    expect(dueNotifications(closed, ladder, [])).toEqual([]);
  });

  it('does not re-arm steps after a reopen: the resumed clock only crosses the steps it had not reached', () => {
    const beforeClose = dueNotifications(clockAt(history, d('2026-06-15T14:00:00-04:00')), ladder, []);
    const sent = beforeClose.map(n => n.key);
    expect(sent).toContain('I-42:resolve:0.8');
    const afterReopen = dueNotifications(clockAt(history, d('2026-06-16T09:30:00-04:00')), ladder, sent);
    expect(afterReopen).toEqual([]);
  });

  it('keys are stable and distinct per insight, clock and share', () => {
    expect(escalationKey('I-42', 'resolve', 0.8)).toBe('I-42:resolve:0.8');
    expect(escalationKey('I-42', 'acknowledge', 1)).toBe('I-42:acknowledge:1');
    const other = dueNotifications(clockAt(history, d('2026-06-08T15:30:00-04:00'), 'I-43'), ladder, ['I-42:acknowledge:0.8']);
    expect(other.map(n => n.key)).toEqual(['I-43:acknowledge:0.8']);
  });

  it('compares shares in whole milliseconds (no floating-point miss at an exact share)', () => {
    expect(hasReachedShare({ elapsedMs: 6.4 * H, targetMs: 8 * H }, 0.8)).toBe(true);
    expect(hasReachedShare({ elapsedMs: 6.4 * H - 1, targetMs: 8 * H }, 0.8)).toBe(false);
    // 1.1 × 8 h is 31680000.000000004 in floating point; 31,680,000 ms is exactly 110 %.
    expect(hasReachedShare({ elapsedMs: 31_680_000, targetMs: 8 * H }, 1.1)).toBe(true);
  });

  it('refuses a step without a positive share', () => {
    expect(() => dueNotifications(clockAt(history, d('2026-06-08T17:00:00-04:00')), [{ atShareOfTarget: 0, notify: 'owner' }], [])).toThrow(RangeError);
  });
});
