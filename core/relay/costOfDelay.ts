/**
 * Cost of delay: how much an open insight costs the company for every business hour it stays
 * unanswered, so the dashboard orders waiting work by cost, not by arrival (architecture
 * principle 1). Pure.
 *
 *   cost = reach × severity weight × business hours open
 *
 * - reach: how many relays the insight gathers (how many customers, through how many employees);
 * - severity weight: the policy's weight of the insight's severity;
 * - business hours open: the resolution clock's elapsed business time (pauses excluded: while the
 *   insight waits on the customer or a third party the delay is not the owner's to reduce).
 *
 * The number has no unit of money; it only orders. costOfDelayParts() returns the factors for the
 * UI's explanation ("14 relays × weight 3 × 6.5 h = 273").
 */
import type { SilenceClock } from './clock';
import { millisToHours } from './calendar';

export interface CostOfDelayInput {
  reach: number;
  severityWeight: number;
  openBusinessHours: number;
}

export interface CostOfDelayParts extends CostOfDelayInput {
  cost: number;
}

function factor(value: number, name: string): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`cost of delay: ${name} must be a finite number >= 0, not ${value}`);
  return value;
}

/** The factors and their product, for display. */
export function costOfDelayParts(input: CostOfDelayInput): CostOfDelayParts {
  const reach = factor(input.reach, 'reach');
  const severityWeight = factor(input.severityWeight, 'severityWeight');
  const openBusinessHours = factor(input.openBusinessHours, 'openBusinessHours');
  return { reach, severityWeight, openBusinessHours, cost: reach * severityWeight * openBusinessHours };
}

/** reach × severity weight × business hours open. */
export function costOfDelay(input: CostOfDelayInput): number {
  return costOfDelayParts(input).cost;
}

/** The business hours an insight has been open, for the cost: its resolution clock's elapsed time. */
export function openBusinessHoursOf(clock: Pick<SilenceClock, 'resolve'>): number {
  return millisToHours(clock.resolve.elapsedMs);
}

/** What the dashboard sorts. `id` breaks the last ties so the order is stable across renders. */
export interface CostOfDelayRanked {
  cost: number;
  openedAt: Date;
  id?: string;
}

/** Descending cost; equal costs: the oldest first; then by id. */
export function compareByCostOfDelay(a: CostOfDelayRanked, b: CostOfDelayRanked): number {
  if (a.cost !== b.cost) return b.cost - a.cost;
  const age = a.openedAt.getTime() - b.openedAt.getTime();
  if (age !== 0) return age;
  const x = a.id ?? '';
  const y = b.id ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
