/**
 * f. The prebuilt expertise index (services/expertise/indexBuild.ts): the job writes the index every
 * employee's Find an expert reads, from the directory, the expertise lists and outcome evidence,
 * with its identity (it reads every list item and the whole directory, which no browser should).
 * Every run updates it from what changed since the last run (nothing changed: nothing written),
 * so a saved record or a new endorsement is in everyone's search after the next run; a full
 * build runs when due (no index yet, a new taxonomy, every few hours).
 */
import { buildExpertiseIndex, IndexBuildReport } from '../../../expertise/indexBuild';
import { createOutcomeSource } from '../../../expertise/outcomes';
import type { JobStep } from '../types';

export const expertiseIndexStep: JobStep<IndexBuildReport | null> = {
  name: 'expertiseIndex',
  idle: () => null,
  async run(ctx) {
    const { policy } = ctx.settings;
    const report = await buildExpertiseIndex({ sp: ctx.sp, graph: ctx.graph }, {
      taxonomy: policy.skills,
      outcomes: createOutcomeSource({ sp: ctx.sp }, { skills: policy.skills, feedback: policy.feedback }),
      now: ctx.clock(),
      clock: ctx.clock,
      keepLease: () => ctx.keepLease()
    });
    return { report, failed: 0 };
  }
};
