/**
 * 0. Relays their author changed after the job dealt with them (services/relay/recheck.ts): their
 * text trusted again and the job's decisions restored, or sent back to ingestion. It runs first, so
 * that a relay sent back is ingested in the same run.
 *
 * The look walks every relay written since the last look, so it runs at most once per
 * `RECHECK_INTERVAL_MS`, on a cadence lease ("relay-recheck") taken and never released. "Since the
 * last look" is that lease item's previous Modified (SharePoint's clock, the same as the relays'),
 * less a margin for writes that landed while the previous look was running.
 */
import { recheckAuthorEdits, RecheckResult } from '../../recheck';
import { JobLease } from '../lease';
import type { JobStep } from '../types';

export const RECHECK_LEASE_KEY = 'relay-recheck';
export const RECHECK_INTERVAL_MS = 10 * 60_000;
const MARGIN_MS = 5 * 60_000;

export interface RecheckReport extends RecheckResult {
  /** false: the last look is more recent than the interval. */
  ran: boolean;
  /** The instant looked from (ISO), null for a first look at every relay. */
  since: string | null;
}

const idle = (): RecheckReport => ({ ran: false, since: null, read: 0, rechecked: 0, restored: 0, requeued: 0, rewritten: 0, failed: 0 });

export const recheckStep: JobStep<RecheckReport> = {
  name: 'recheck',
  idle,
  async run(ctx, partial) {
    const due = new JobLease(ctx.sp, { key: RECHECK_LEASE_KEY, holder: ctx.holder, runId: ctx.runId, ttlMs: RECHECK_INTERVAL_MS, clock: ctx.clock });
    if (!(await due.take())) return { report: partial, failed: 0 };
    const previous = Date.parse(due.previousModified);
    const since = Number.isFinite(previous) ? new Date(previous - MARGIN_MS).toISOString() : null;
    const result = await recheckAuthorEdits(ctx.sp, { policy: ctx.settings.policy.feedback, since });
    return { report: { ...result, ran: true, since }, failed: result.failed };
  }
};
