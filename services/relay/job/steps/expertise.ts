/**
 * e. The expertise lists' clean-up (services/expertise/sweep.ts): squatted profiles and forged
 * endorsements removed with the job's identity. Readers already ignore them; removing them keeps
 * the lists honest for people who read them in SharePoint and lets a person use their normal key.
 *
 * The sweep walks both lists whole, so it does not run every minute: at most once per
 * `EXPERTISE_SWEEP_INTERVAL_MS`. The cadence is a second lease ("expertise-sweep") taken and never
 * released: it can only be taken again once it has lapsed, whichever host runs the job, and a
 * crashed sweep is simply tried again at the next interval.
 */
import { sweepExpertiseForgeries, ExpertiseSweepSummary } from '../../../expertise/sweep';
import { JobLease } from '../lease';
import type { JobStep } from '../types';

export const EXPERTISE_SWEEP_LEASE_KEY = 'expertise-sweep';
export const EXPERTISE_SWEEP_INTERVAL_MS = 60 * 60_000;

export interface ExpertiseStepReport {
  /** false: the last sweep is more recent than the interval (nothing was read). */
  ran: boolean;
  sweep: ExpertiseSweepSummary | null;
}

export const expertiseStep: JobStep<ExpertiseStepReport> = {
  name: 'expertise',
  idle: () => ({ ran: false, sweep: null }),
  async run(ctx, partial) {
    const due = new JobLease(ctx.sp, {
      key: EXPERTISE_SWEEP_LEASE_KEY, holder: ctx.holder, runId: ctx.runId, ttlMs: EXPERTISE_SWEEP_INTERVAL_MS, clock: ctx.clock
    });
    if (!(await due.take())) return { report: partial, failed: 0 };
    // The job's log is one line per problem: the counts are in the summary, a line only when something was found.
    const sweep = await sweepExpertiseForgeries({ sp: ctx.sp });
    const found = sweep.profiles.forged + sweep.profiles.duplicates + sweep.endorsements.forged + sweep.endorsements.duplicates;
    const failed = sweep.profiles.failed + sweep.endorsements.failed;
    if (found > 0 || failed > 0) {
      ctx.log(`relay job: expertise sweep removed ${sweep.profiles.removed + sweep.endorsements.removed} of ${found} items (${failed} failed)`);
    }
    return { report: { ran: true, sweep }, failed };
  }
};
