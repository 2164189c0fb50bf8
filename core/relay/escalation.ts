/**
 * Which escalation notifications are due for an insight, given its silence clock, the policy's
 * escalation ladder and the keys of the notifications already sent. Pure: a job calls it on every
 * run, sends what it answers, and records each key once the send succeeded.
 *
 * Rules (docs/silence-clock.md):
 * - a step is due when its share of the target has been used on a clock that is still open
 *   (acknowledgement not yet given, insight not closed); the same ladder applies to both clocks;
 * - each step has one key, `${insightId}:${clock}:${share}` (e.g. 'I-42:resolve:0.8'); a key in
 *   `alreadySent` is never answered again. Elapsed business time never goes back (a pause freezes
 *   it, a reopen resumes it), so a step is crossed once in an insight's life: steps do not re-arm
 *   after a pause or a reopen, and steps not yet crossed fire when the resumed clock reaches them;
 * - steps with the same share form one notification with every recipient;
 * - several steps due in one run (the job was down) are all answered, lowest share first, so each
 *   rung of the ladder is told once; a sender may fold them into one message per recipient;
 * - a warning (a share below 1) is never due once its clock has reached the target: "close to the
 *   target, 175 % used" would go out with the breach. Elapsed time never goes back, so a warning
 *   skipped this way is never due later either.
 */
import type { EscalationStep } from '../policy/types';
import type { ClockKind, ClockMeasure, ClockState, SilenceClock } from './clock';

export type NotificationKind = 'warning' | 'breach' | 'escalation';

export interface DueNotification {
  /** Stable key: send once, record it, never send it again. */
  key: string;
  insightId: string;
  clock: ClockKind;
  atShareOfTarget: number;
  /** Below 1: warning before breach; 1: the breach; above 1: escalation up the ladder. */
  kind: NotificationKind;
  recipients: Array<EscalationStep['notify']>;
  /** The clock as it stands now (for the message: share used, due instant, state). */
  shareOfTarget: number;
  dueAt: Date;
  state: ClockState;
}

/** The key of one step of one clock of one insight. */
export function escalationKey(insightId: string, clock: ClockKind, atShareOfTarget: number): string {
  return `${insightId}:${clock}:${String(atShareOfTarget)}`;
}

export function notificationKind(atShareOfTarget: number): NotificationKind {
  return atShareOfTarget < 1 ? 'warning' : atShareOfTarget === 1 ? 'breach' : 'escalation';
}

/** Whether a clock has used `share` of its target (compared in whole milliseconds, no float drift). */
export function hasReachedShare(clock: Pick<ClockMeasure, 'elapsedMs' | 'targetMs'>, share: number): boolean {
  return clock.elapsedMs >= Math.round(share * clock.targetMs);
}

/** The notifications due now for one insight, lowest share first, acknowledgement before resolution. */
export function dueNotifications(
  clock: SilenceClock,
  steps: readonly EscalationStep[],
  alreadySent: readonly string[]
): DueNotification[] {
  for (const step of steps) {
    if (!(Number.isFinite(step.atShareOfTarget) && step.atShareOfTarget > 0)) {
      throw new RangeError(`escalation: atShareOfTarget must be a positive number, not ${step.atShareOfTarget}`);
    }
  }
  const sent = new Set(alreadySent);
  const byShare = new Map<number, Array<EscalationStep['notify']>>();
  for (const step of steps) {
    const recipients = byShare.get(step.atShareOfTarget) ?? [];
    recipients.push(step.notify);
    byShare.set(step.atShareOfTarget, recipients);
  }
  const shares = Array.from(byShare.keys()).sort((a, b) => a - b);

  const due: DueNotification[] = [];
  for (const measure of [clock.acknowledge, clock.resolve]) {
    if (!measure.open) continue;
    // Past the target a warning ("close to the target") is no longer true: the breach says it.
    const pastTarget = hasReachedShare(measure, 1);
    for (const share of shares) {
      if (!hasReachedShare(measure, share)) break;
      if (share < 1 && pastTarget) continue;
      const key = escalationKey(clock.insightId, measure.kind, share);
      if (sent.has(key)) continue;
      due.push({
        key,
        insightId: clock.insightId,
        clock: measure.kind,
        atShareOfTarget: share,
        kind: notificationKind(share),
        recipients: byShare.get(share) ?? [],
        shareOfTarget: measure.shareOfTarget,
        dueAt: measure.dueAt,
        state: measure.state
      });
    }
  }
  return due;
}
