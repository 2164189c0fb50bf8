/**
 * The silence clock of an insight: how long, in business time, the relaying employees (and their
 * customers) have waited for an acknowledgement and for a resolution, against the severity's
 * targets. Computed from the insight's status history alone; pure, `now` is passed in.
 *
 * Rules (docs/silence-clock.md gives the reasons and the sources):
 * - both clocks start at the first event (the creation); they count business time only, so an
 *   insight created at night starts counting at the next opening;
 * - acknowledgement: runs while the insight is 'new'; the first change to any other status meets it
 *   (asking the customer a question, declining or resolving are all answers). Pause states do not
 *   apply to it. Marked 'duplicate' straight from 'new': the clock is stopped without an outcome;
 * - resolution: runs in the open statuses, is paused in the policy's pause states (actual elapsed =
 *   elapsed - paused), and stops on resolved, declined (met or breached) or duplicate (stopped);
 * - a pause moves the due instant forward by its business length;
 * - a reopen (a closed status followed by an open one) resumes the resolution clock with the
 *   elapsed time it had when it stopped: the closed span is not counted, and nothing is reset;
 * - a breach, once it happened, is never erased (not by a pause, a close or a reopen);
 * - events after `now` are ignored; events at the same instant keep their given order.
 */
import type { BusinessCalendar, Severity } from '../policy/types';
import { addBusinessMillis, businessMillisBetween, hoursToMillis, nextBusinessInstant } from './calendar';

export type InsightStatus =
  | 'new'
  | 'acknowledged'
  | 'inProgress'
  | 'waitingOnCustomer'
  | 'waitingOnThirdParty'
  | 'resolved'
  | 'declined'
  | 'duplicate';

/** Statuses that close an insight (its resolution clock stops). */
export const CLOSED_STATUSES: readonly InsightStatus[] = ['resolved', 'declined', 'duplicate'];

export interface StatusEvent {
  at: Date;
  status: InsightStatus;
}

export type ClockKind = 'acknowledge' | 'resolve';

/**
 * - running: counting (or waiting for the next working window), target not yet used up;
 * - paused: in a pause state, target not yet used up;
 * - met: stopped by an answer within the target;
 * - breached: the target is used up, whether the clock is still open or was stopped late;
 * - stopped: stopped without an outcome (marked duplicate before the target was used up).
 */
export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface ClockMeasure {
  kind: ClockKind;
  state: ClockState;
  /** True while the clock can still move (not acknowledged / not closed): escalation applies. */
  open: boolean;
  /** True while the insight sits in a pause state (resolution clock only). */
  paused: boolean;
  targetMs: number;
  /** Business milliseconds counted, pauses and closed spans excluded. */
  elapsedMs: number;
  /** Business milliseconds spent in pause states. */
  pausedMs: number;
  /** target - elapsed; negative once breached (how far over). */
  remainingMs: number;
  /** elapsed / target: 0.8 = 80 % of the target used. */
  shareOfTarget: number;
  /**
   * When the target is (or was) used up. Breached: the instant it happened. Open and within target:
   * the projection if the clock runs from `now` on (a pause pushes it forward). Met or stopped: the
   * due instant it had when it stopped.
   */
  dueAt: Date;
  /** When the clock stopped for good (acknowledged, closed), else null. */
  stoppedAt: Date | null;
  /** The instant the target was used up, when the clock is breached; else null. */
  breachedAt: Date | null;
}

export interface SilenceClockInput {
  insightId: string;
  /** The insight's status history; the first event is its creation. */
  events: readonly StatusEvent[];
  severity: Pick<Severity, 'acknowledgeHours' | 'resolveHours'>;
  calendar: BusinessCalendar;
  /** Statuses that pause the resolution clock (the policy's feedback.pauseStates). */
  pauseStates: readonly string[];
  now: Date;
}

export interface SilenceClock {
  insightId: string;
  now: Date;
  createdAt: Date;
  /** The first business instant at or after the creation, where counting begins. */
  countingFrom: Date;
  /** The status in force at `now`. */
  status: InsightStatus;
  acknowledge: ClockMeasure;
  resolve: ClockMeasure;
  /** How many times the insight went from a closed status back to an open one. */
  reopenCount: number;
  lastReopenedAt: Date | null;
}

interface Tracker {
  targetMs: number;
  elapsedMs: number;
  pausedMs: number;
  breachedAt: number | null;
}

function isClosed(status: string): boolean {
  return (CLOSED_STATUSES as readonly string[]).indexOf(status) >= 0;
}

function targetOf(hours: number, name: string): number {
  if (!(Number.isFinite(hours) && hours > 0)) throw new RangeError(`silence clock: ${name} must be a positive number of hours`);
  return hoursToMillis(hours);
}

/** Counts [from, to) as running time, noting the instant the target is used up. */
function run(cal: BusinessCalendar, t: Tracker, from: number, to: number): void {
  if (to <= from) return;
  const business = businessMillisBetween(cal, new Date(from), new Date(to));
  if (t.breachedAt === null && t.elapsedMs + business >= t.targetMs) {
    t.breachedAt = addBusinessMillis(cal, new Date(from), Math.max(0, t.targetMs - t.elapsedMs)).getTime();
  }
  t.elapsedMs += business;
}

function measure(
  cal: BusinessCalendar,
  kind: ClockKind,
  t: Tracker,
  end: { stoppedAt: number | null; outcome: 'answered' | 'noOutcome' | null; paused: boolean },
  nowMs: number
): ClockMeasure {
  const open = end.stoppedAt === null;
  const remainingMs = t.targetMs - t.elapsedMs;
  let state: ClockState;
  if (open) state = t.elapsedMs >= t.targetMs ? 'breached' : end.paused ? 'paused' : 'running';
  else if (t.elapsedMs > t.targetMs) state = 'breached';
  else state = end.outcome === 'answered' ? 'met' : 'stopped';
  const breachedAt = state === 'breached' ? t.breachedAt : null;
  const dueAt =
    breachedAt !== null
      ? breachedAt
      : addBusinessMillis(cal, new Date(open ? nowMs : (end.stoppedAt as number)), Math.max(0, remainingMs)).getTime();
  return {
    kind,
    state,
    open,
    paused: open && end.paused,
    targetMs: t.targetMs,
    elapsedMs: t.elapsedMs,
    pausedMs: t.pausedMs,
    remainingMs,
    shareOfTarget: t.elapsedMs / t.targetMs,
    dueAt: new Date(dueAt),
    stoppedAt: end.stoppedAt === null ? null : new Date(end.stoppedAt),
    breachedAt: breachedAt === null ? null : new Date(breachedAt)
  };
}

/** The silence clock of one insight at `now`. */
export function computeSilenceClock(input: SilenceClockInput): SilenceClock {
  const { calendar: cal } = input;
  const nowMs = input.now instanceof Date ? input.now.getTime() : NaN;
  if (!Number.isFinite(nowMs)) throw new RangeError('silence clock: now must be a valid Date');
  if (input.events.length === 0) throw new RangeError(`silence clock: insight ${input.insightId} has no events`);
  for (const e of input.events) {
    if (!(e.at instanceof Date) || !Number.isFinite(e.at.getTime())) {
      throw new RangeError(`silence clock: insight ${input.insightId} has an event without a valid date`);
    }
  }
  const pauses = new Set(input.pauseStates);
  // Stable sort by time: events at the same instant keep their given order.
  const sorted = input.events
    .map((e, i) => ({ at: e.at.getTime(), status: e.status, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const createdMs = sorted[0].at;
  const events = sorted.filter(e => e.at <= nowMs);

  const ack: Tracker = { targetMs: targetOf(input.severity.acknowledgeHours, 'acknowledgeHours'), elapsedMs: 0, pausedMs: 0, breachedAt: null };
  const res: Tracker = { targetMs: targetOf(input.severity.resolveHours, 'resolveHours'), elapsedMs: 0, pausedMs: 0, breachedAt: null };

  let ackStoppedAt: number | null = null;
  let ackOutcome: 'answered' | 'noOutcome' | null = null;
  let resStoppedAt: number | null = null;
  let resOutcome: 'answered' | 'noOutcome' | null = null;
  let reopenCount = 0;
  let lastReopenedAt: number | null = null;
  let previousClosed = false;

  for (let i = 0; i < events.length; i++) {
    const { at, status } = events[i];
    const until = i + 1 < events.length ? events[i + 1].at : nowMs;
    const closed = isClosed(status);

    if (ackStoppedAt === null && status !== 'new') {
      ackStoppedAt = at;
      ackOutcome = status === 'duplicate' ? 'noOutcome' : 'answered';
    }
    if (ackStoppedAt === null) run(cal, ack, at, until);

    if (closed) {
      if (!previousClosed) resStoppedAt = at;
      resOutcome = status === 'duplicate' ? 'noOutcome' : 'answered';
    } else {
      if (previousClosed) {
        reopenCount++;
        lastReopenedAt = at;
      }
      resStoppedAt = null;
      resOutcome = null;
      if (pauses.has(status)) res.pausedMs += businessMillisBetween(cal, new Date(at), new Date(Math.max(at, until)));
      else run(cal, res, at, until);
    }
    previousClosed = closed;
  }

  const current = events.length > 0 ? events[events.length - 1].status : sorted[0].status;
  const anchor = Math.max(nowMs, createdMs);
  return {
    insightId: input.insightId,
    now: new Date(nowMs),
    createdAt: new Date(createdMs),
    countingFrom: nextBusinessInstant(cal, new Date(createdMs)),
    status: current,
    acknowledge: measure(cal, 'acknowledge', ack, { stoppedAt: ackStoppedAt, outcome: ackOutcome, paused: false }, anchor),
    resolve: measure(
      cal,
      'resolve',
      res,
      { stoppedAt: resStoppedAt, outcome: resOutcome, paused: resStoppedAt === null && pauses.has(current) },
      anchor
    ),
    reopenCount,
    lastReopenedAt: lastReopenedAt === null ? null : new Date(lastReopenedAt)
  };
}
