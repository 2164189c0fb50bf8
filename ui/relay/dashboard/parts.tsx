/**
 * Small pieces shared by the dashboard's list and panel: status and owner texts, the clocks, and
 * the three factors of the cost of delay.
 */
import * as React from 'react';
import type { Insight } from '../../../core/relay/model';
import type { ClockMeasure } from '../../../core/relay/clock';
import { millisToHours } from '../../../core/relay/calendar';
import { format } from '../../../core/format';
import { plural } from '../../../core/plural';
import type { InsightRow } from './rows';

/** A person's display name from their UPN; the UPN itself while (or when) no name is known. */
export type NameOf = (upn: string) => string;
const asIs: NameOf = upn => upn;

export function ownerText(s: IRelayDashboardStrings, insight: Insight, nameOf: NameOf = asIs): string {
  const o = insight.owner;
  if (o.upn && o.groupName) return format(s.OwnerPersonInGroup, nameOf(o.upn), o.groupName);
  if (o.upn) return nameOf(o.upn);
  if (o.groupName || o.groupId) return o.groupName || o.groupId || '';
  return s.OwnerNone;
}

export function hoursText(locale: string, hours: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
}

/** "Acknowledge: due in 3.5 business hours", "overdue by 2 h", "paused", "met"... */
export function clockText(s: IRelayDashboardStrings, m: ClockMeasure, locale: string): string {
  // Rounded as shown, so that "1 business hour" is said of what reads 1.
  const left = Math.round(Math.abs(millisToHours(m.remainingMs)) * 10) / 10;
  switch (m.state) {
    case 'breached': return m.open ? plural(locale, s.ClockOverdue, left) : s.ClockBreachedClosed;
    case 'paused': return plural(locale, s.ClockPaused, left);
    case 'met': return s.ClockMet;
    case 'stopped': return s.ClockStopped;
    default: return plural(locale, s.ClockDueIn, left);
  }
}

export const ClockSummary: React.FC<{ strings: IRelayDashboardStrings; row: InsightRow; locale: string }> = ({ strings: s, row, locale }) => {
  if (!row.clock) return <span>{s.ClockUnknown}</span>;
  return (
    <span data-testid="insight-clocks">
      <span data-clock="acknowledge" data-state={row.clock.acknowledge.state}>{s.ClockAcknowledge}: {clockText(s, row.clock.acknowledge, locale)}</span>
      {' · '}
      <span data-clock="resolve" data-state={row.clock.resolve.state}>{s.ClockResolve}: {clockText(s, row.clock.resolve, locale)}</span>
    </span>
  );
};

/** "14 relays × weight 3 × 6.5 business hours = 273". */
export const CostFactors: React.FC<{ strings: IRelayDashboardStrings; row: InsightRow; locale: string }> = ({ strings: s, row, locale }) => {
  const c = row.cost;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (
    <span data-testid="insight-cost" data-cost={c.cost}>
      {format(s.CostFactors, plural(locale, s.ReachValue, c.reach), hoursText(locale, c.severityWeight),
        plural(locale, s.BusinessHours, Math.round(c.openBusinessHours * 10) / 10), n.format(c.cost))}
    </span>
  );
};
