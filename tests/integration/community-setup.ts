/**
 * Shared set-up of the community integration tests: the seeded local tenant with the suite
 * provisioned (./relay-setup.ts), the job's service account, a DOM for DOMPurify, and services
 * per persona.
 */
import type { SPFI } from '@pnp/sp';
import { randomUUID } from 'crypto';
import { JSDOM } from 'jsdom';
import { startRelayTenant, RelayTenant } from './relay-setup';
import { spFor } from '../support/sp-client';
import { ensureRelayJobAccount } from '../../workbench/tenant/seed/service';
import { CommunityService } from '../../services/community/service';
import { createSanitizer } from '../../services/community/richText';
import type { SpaceContext } from '../../services/community/trusted/spaces';

export interface CommunityTenant extends RelayTenant {
  /** The job's identity (site collection admin, as the app with Sites.Selected full control). */
  job: SPFI;
  jobUpn: string;
  service(upn: string): CommunityService;
  space(now?: Date): SpaceContext;
}

export const sanitize = createSanitizer(new JSDOM('').window as unknown as Parameters<typeof createSanitizer>[0]);

export async function startCommunityTenant(): Promise<CommunityTenant> {
  const r = await startRelayTenant();
  const jobUpn = ensureRelayJobAccount(r.t.tenant.db);
  const job = spFor(r.t.siteUrl, jobUpn);
  return {
    ...r, job, jobUpn,
    service: upn => new CommunityService({ sp: r.sp(upn) }, { me: upn, sanitize, newId: () => randomUUID() }),
    space: (now = new Date('2026-11-02T12:00:00Z')) => ({ sp: job, now, log: () => undefined, nameOf: async upn => upn })
  };
}
