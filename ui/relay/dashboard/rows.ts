/**
 * The dashboard's insight rows: each open insight with its silence clock and its cost of delay
 * (reach × severity weight × business hours open, core/relay/costOfDelay.ts), ordered by cost.
 */
import type { FeedbackPolicy, PolicyOption } from '../../../core/policy/types';
import type { Insight } from '../../../core/relay/model';
import { computeSilenceClock, SilenceClock, StatusEvent } from '../../../core/relay/clock';
import { compareByCostOfDelay, costOfDelayParts, CostOfDelayParts, openBusinessHoursOf } from '../../../core/relay/costOfDelay';

export interface InsightRow {
  insight: Insight;
  clock: SilenceClock | null;
  cost: CostOfDelayParts;
}

function eventsOf(insight: Insight): StatusEvent[] {
  const history = (insight.statusHistory || [])
    .map(e => ({ at: e.at instanceof Date ? e.at : new Date(e.at as unknown as string), status: e.status }))
    .filter(e => Number.isFinite(e.at.getTime()));
  if (history.length > 0) return history;
  const first = new Date(insight.firstSeen);
  return Number.isFinite(first.getTime()) ? [{ at: first, status: 'new' }] : [];
}

/** The insight's clocks at `now`, or null when its history cannot be read. */
export function clockOf(insight: Insight, policy: FeedbackPolicy, now: Date): SilenceClock | null {
  const severity = policy.severities.find(s => s.key === insight.severity) || policy.severities[0];
  const events = eventsOf(insight);
  if (!severity || events.length === 0) return null;
  // A view computes its rows at the instant it opened; an action taken since (acknowledged a
  // minute later) is after that instant and must count, or the row still says "overdue".
  const latest = events.reduce((t, e) => Math.max(t, e.at.getTime()), now.getTime());
  try {
    return computeSilenceClock({
      insightId: String(insight.id), events, severity, calendar: policy.calendar, pauseStates: policy.pauseStates, now: new Date(latest)
    });
  } catch {
    return null;
  }
}

export function rowOf(insight: Insight, policy: FeedbackPolicy, now: Date): InsightRow {
  const clock = clockOf(insight, policy, now);
  const severity = policy.severities.find(s => s.key === insight.severity);
  const cost = costOfDelayParts({
    reach: Math.max(0, insight.reach || 0),
    severityWeight: Math.max(0, severity ? severity.weight : 1),
    openBusinessHours: clock ? openBusinessHoursOf(clock) : 0
  });
  return { insight, clock, cost };
}

/** Rows by descending cost of delay; equal costs: the oldest first, then by id. */
export function rankInsights(insights: readonly Insight[], policy: FeedbackPolicy, now: Date): InsightRow[] {
  return insights
    .map(i => rowOf(i, policy, now))
    .sort((a, b) => compareByCostOfDelay(
      { cost: a.cost.cost, openedAt: new Date(a.insight.firstSeen), id: String(a.insight.id).padStart(12, '0') },
      { cost: b.cost.cost, openedAt: new Date(b.insight.firstSeen), id: String(b.insight.id).padStart(12, '0') }
    ));
}

/** The label of a policy option in the UI language (the key when the policy no longer has it). */
export function optionLabel(options: readonly PolicyOption[], key: string, locale: string): string {
  const o = options.find(x => x.key === key);
  if (!o) return key;
  return locale.toLowerCase().startsWith('fr') ? o.label.fr : o.label.en;
}
