/**
 * The silence clock of an insight as the relaying employee reads it: "acknowledged in 3 h",
 * "waiting 5 h, target 8 h", "clock paused"... Business time, from the insight's status history,
 * the severity's targets and the policy's calendar and pause states (core/relay/clock.ts).
 */
import type { FeedbackPolicy } from '../../../core/policy/types';
import type { Insight } from '../../../core/relay/model';
import { computeSilenceClock, InsightStatus, SilenceClock, StatusEvent } from '../../../core/relay/clock';
import { format } from '../../../core/format';

const HOUR = 3600000;

export function durationText(s: IRelayCaptureStrings, ms: number, locale: string): string {
  const abs = Math.max(0, ms);
  if (abs < HOUR) return format(s.DurationMinutes, Math.round(abs / 60000));
  const hours = abs / HOUR;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: hours < 10 ? 1 : 0 }).format(hours);
  return format(s.DurationHours, n);
}

/** The insight's clock at `now`, or null when it cannot be computed (no severity, no history). */
export function clockOf(insight: Insight, policy: FeedbackPolicy, now: Date): SilenceClock | null {
  const severity = policy.severities.find(x => x.key === insight.severity);
  if (!severity) return null;
  const history: StatusEvent[] = (insight.statusHistory || []).map(e => ({ at: new Date(e.at), status: e.status }));
  const events = history.length > 0 ? history : [{ at: new Date(insight.firstSeen), status: 'new' as InsightStatus }];
  try {
    return computeSilenceClock({
      insightId: String(insight.id), events, severity, calendar: policy.calendar, pauseStates: policy.pauseStates, now
    });
  } catch {
    return null;
  }
}

/** The lines shown under the status: the acknowledgement, then (once acknowledged) the resolution. */
export function clockLines(s: IRelayCaptureStrings, clock: SilenceClock, locale: string): string[] {
  const d = (ms: number): string => durationText(s, ms, locale);
  const lines: string[] = [];
  const ack = clock.acknowledge;
  if (ack.open) {
    lines.push(ack.state === 'breached'
      ? format(s.ClockOverdue, d(ack.elapsedMs), d(-ack.remainingMs))
      : format(s.ClockWaiting, d(ack.elapsedMs), d(ack.targetMs)));
    return lines;
  }
  if (ack.state !== 'stopped') lines.push(format(s.ClockAcknowledgedIn, d(ack.elapsedMs)));
  const res = clock.resolve;
  if (!res.open) {
    if (res.state !== 'stopped') lines.push(format(s.ClockClosedIn, d(res.elapsedMs), d(res.targetMs)));
  } else if (res.paused) {
    lines.push(format(s.ClockPaused, d(res.elapsedMs), d(res.targetMs)));
  } else {
    lines.push(format(s.ClockInProgress, d(res.elapsedMs), d(res.targetMs)));
  }
  return lines;
}
