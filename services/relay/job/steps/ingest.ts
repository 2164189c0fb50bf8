/**
 * a. Ingestion: pending relays clustered into insights and routed (services/relay/ingest.ts).
 * Its relays that fail stay pending for the next run and are counted in the summary's `failed`.
 */
import { ingestPendingRelays, IngestResult } from '../../ingest';
import type { JobStep } from '../types';

export const ingestStep: JobStep<IngestResult | null> = {
  name: 'ingest',
  idle: () => null,
  async run(ctx) {
    const { settings, directory } = ctx;
    const report = await ingestPendingRelays({ sp: ctx.sp }, {
      policy: settings.policy.feedback,
      now: settings.now,
      matchThreshold: settings.matchThreshold,
      managerChainOf: async upn => (await directory.managerChain(upn)).map(m => ({ upn: m.upn, displayName: m.displayName, department: m.department }))
    });
    return { report, failed: report.failed };
  }
};
