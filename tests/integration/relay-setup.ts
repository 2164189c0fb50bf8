/**
 * Shared set-up of the relay integration tests: a seeded local tenant with the suite provisioned
 * (roles bound to the demo's Entra groups), PnPjs per persona, and relay submissions to send.
 */
import type { SPFI } from '@pnp/sp';
import { randomBytes } from 'crypto';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/schema';
import { defaultPolicy } from '../../core/policy';
import type { FeedbackPolicy } from '../../core/policy/types';
import { emptyDraft, RelayDraft, RelaySubmission } from '../../core/relay/model';
import { newClientId } from '../../core/relay/submission';

export interface RelayTenant {
  t: SeededTenant;
  /** The tenant admin (Full Control on the relay lists): the relay job's identity here. */
  admin: SPFI;
  roles: ProvisionRoles;
  policy: FeedbackPolicy;
  sp(upn: string): SPFI;
}

export async function startRelayTenant(): Promise<RelayTenant> {
  const t = await startSeededTenant();
  // Site collection admins bypass every permission: the admin acts through the tenantAdmins role only.
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  const roles: ProvisionRoles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`],
    communications: [`c:0t.c|tenant|${t.seed.groups['communications-team']}`],
    communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`]
  };
  const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, { roles, lists: SUITE_LISTS, initialPolicyJson: JSON.stringify(defaultPolicy()) });
  return { t, admin, roles, policy: defaultPolicy().feedback, sp: upn => spFor(t.siteUrl, upn) };
}

export const clientId = (): string => newClientId(n => new Uint8Array(randomBytes(n)));

export function submission(overrides: Partial<RelayDraft> & { clientId?: string; language?: string } = {}): RelaySubmission {
  const draft = emptyDraft({
    channel: 'phone', product: 'home-delivery', category: 'delivery', severity: 'normal',
    customerWords: 'My delivery was rescheduled to Saturday without any notice.', ...overrides
  });
  return { ...draft, clientId: overrides.clientId || clientId(), redactions: {}, language: overrides.language || 'en' };
}
