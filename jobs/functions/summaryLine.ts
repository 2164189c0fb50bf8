/**
 * The one line a run of the job writes to Application Insights: outcome, duration, each step with
 * its counts, the lease, the tokens asked for. Only step names (from the code's table), numbers,
 * booleans and error kinds reach it: a step that reports a person or a text in its summary (now or
 * added later) cannot leak it here, because strings other than those are never copied.
 */
import type { RelayJobSummary } from '../../services/relay/job';

export const RUN_EVENT = 'relayJob.run';

export interface StepLine {
  name: string;
  ok: boolean;
  ms: number;
  failed: number;
  error?: string;
  /** The step's report, numbers only: `{ sent: 2, 'sweep.removed': 1, days: 2 }` (a list counts its items). */
  counts: Record<string, number>;
}

export interface RunLine {
  event: typeof RUN_EVENT;
  outcome: 'ok' | 'skipped' | 'failed';
  /** Why the run did nothing (another run holds the lease, the lease list could not be read). */
  skipped: string | null;
  durationMs: number;
  failed: number;
  failedSteps: string[];
  steps: StepLine[];
  lease: { renewals: number; lost: boolean } | null;
  tokenRequests: number;
  pastDue?: boolean;
  /** A failure before or around the steps (settings, token, policy): what it was, never a request. */
  error?: string;
}

/** The report's numbers and booleans (as 0/1), two levels deep; lists count their items. */
export function countsOf(report: unknown, prefix = '', depth = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!report || typeof report !== 'object' || Array.isArray(report)) return counts;
  for (const [key, value] of Object.entries(report as Record<string, unknown>)) {
    const name = `${prefix}${key}`;
    if (typeof value === 'number' && Number.isFinite(value)) counts[name] = value;
    else if (typeof value === 'boolean') counts[name] = value ? 1 : 0;
    else if (Array.isArray(value)) counts[name] = value.length;
    else if (value && typeof value === 'object' && depth < 1) Object.assign(counts, countsOf(value, `${name}.`, depth + 1));
  }
  return counts;
}

/** A step's error as the runner records it ('HTTP 503' or an error's name), anything else dropped. */
const safeError = (error: string | undefined): string | undefined =>
  error && /^(HTTP \d{3}|[A-Za-z][A-Za-z0-9]*)$/.test(error) ? error : error ? 'Error' : undefined;

export function runLine(input: { summary: RelayJobSummary | null; durationMs: number; tokenRequests: number; pastDue?: boolean; error?: string }): RunLine {
  const s = input.summary;
  const steps: StepLine[] = s ? s.steps.map(step => ({
    name: step.name, ok: step.ok, ms: step.ms, failed: step.failed, ...(safeError(step.error) ? { error: safeError(step.error) } : {}),
    counts: countsOf(s[step.name])
  })) : [];
  const failed = s ? s.failed : 0;
  const outcome: RunLine['outcome'] = input.error || failed > 0 ? 'failed' : s && s.skipped ? 'skipped' : 'ok';
  return {
    event: RUN_EVENT,
    outcome,
    skipped: s ? s.skipped : null,
    durationMs: input.durationMs,
    failed: failed + (input.error ? 1 : 0),
    failedSteps: s ? [...s.failedSteps] : [],
    steps,
    lease: s ? { renewals: s.lease.renewals, lost: s.lease.lost } : null,
    tokenRequests: input.tokenRequests,
    ...(input.pastDue ? { pastDue: true } : {}),
    ...(input.error ? { error: input.error } : {})
  };
}
