/**
 * Small pieces shared by the dashboard's list and panel: status and owner texts, the clocks, and
 * the three factors of the cost of delay.
 */
import * as React from 'react';
import type { Insight } from '../../../core/relay/model';
import type { ClockMeasure } from '../../../core/relay/clock';
import { millisToHours } from '../../../core/relay/calendar';
import { format } from '../../../core/format';
import type { InsightRow } from './rows';

export function ownerText(s: IRelayDashboardStrings, insight: Insight): string {
  const o = insight.owner;
  if (o.upn && o.groupName) return format(s.OwnerPersonInGroup, o.upn, o.groupName);
  if (o.upn) return o.upn;
  if (o.groupName || o.groupId) return o.groupName || o.groupId || '';
  return s.OwnerNone;
}

export function hoursText(locale: string, hours: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
}

/** "Acknowledge: due in 3.5 business hours", "overdue by 2 h", "paused", "met"... */
export function clockText(s: IRelayDashboardStrings, m: ClockMeasure, locale: string): string {
  const left = hoursText(locale, Math.abs(millisToHours(m.remainingMs)));
  switch (m.state) {
    case 'breached': return m.open ? format(s.ClockOverdue, left) : s.ClockBreachedClosed;
    case 'paused': return format(s.ClockPaused, left);
    case 'met': return s.ClockMet;
    case 'stopped': return s.ClockStopped;
    default: return format(s.ClockDueIn, left);
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
      {format(s.CostFactors, c.reach, hoursText(locale, c.severityWeight), hoursText(locale, c.openBusinessHours), n.format(c.cost))}
    </span>
  );
};
