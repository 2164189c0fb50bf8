/**
 * The relay job (docs/relay-job.md): a runner (./runner.ts) over a table of steps (./steps/), one
 * run at a time under a lease (./lease.ts), notifications claimed, sent and recorded at least once
 * (./claims.ts).
 */
export { runRelayJob } from './runner';
export { recomputeDayStats } from './steps/stats';
export { RELAY_JOB_STEPS } from './steps';
export { DEFAULT_LEASE_TTL_MS, LeaseLostError, RELAY_JOB_LEASE_KEY } from './lease';
export type {
  JobStep, LeaseReport, NotificationCounts, RelayJobOptions, RelayJobStep, RelayJobSummary, StepContext, StepResult, StepRun
} from './types';
