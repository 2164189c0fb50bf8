/**
 * The relay job's steps, in the order they run. A new step is one module with a `JobStep`
 * (../types.ts) and one line here; the runner (../runner.ts) gives each the same context and the
 * same failure policy, and its report appears in the summary under its name.
 */
import type { JobStep } from '../types';
import { recheckStep } from './recheck';
import { ingestStep } from './ingest';
import { clockStep } from './clock';
import { outcomesStep } from './outcomes';
import { statsStep } from './stats';
import { expertiseStep } from './expertise';
import { expertiseIndexStep } from './expertiseIndex';
import { communitiesStep } from './communities';

export const RELAY_JOB_STEPS: ReadonlyArray<JobStep<unknown>> = [
  recheckStep as JobStep<unknown>,
  ingestStep as JobStep<unknown>,
  clockStep as JobStep<unknown>,
  outcomesStep as JobStep<unknown>,
  statsStep as JobStep<unknown>,
  expertiseStep as JobStep<unknown>,
  expertiseIndexStep as JobStep<unknown>,
  communitiesStep as JobStep<unknown>
];
