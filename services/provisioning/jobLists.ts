/**
 * The lists of the suite's unattended jobs, declared once for SUITE_LISTS (./suiteLists.ts).
 *
 * "Job leases": one item per job (unique LeaseKey), the lease that lets one run of that job work at a
 * time whatever the number of hosts that start it (the relay job's timer trigger, `npm run
 * job:relay`, the workbench's timer). A run takes the item (creates it, or updates it with its ETag
 * once ExpiresAt has passed), renews ExpiresAt while it works and sets it to the present when it ends
 * (docs/relay-job.md, "One run at a time"). Nobody but the job identity (full control of the site)
 * and tenant admins has any business reading or writing it: a person able to write it could stop
 * the job (hold the lease) or let two runs overlap (clear it).
 */
import type { ListItemOf, ListSchema } from './schema';

export const JOB_LEASES_LIST_TITLE = 'Job leases';

export const LEASE_FIELDS = {
  /** Which job the lease is for ('relay-job'): unique, so two hosts creating it at once make one item. */
  leaseKey: 'LeaseKey',
  /** Who holds it (host and process), for people reading the list. */
  holder: 'Holder',
  /** When it lapses unless renewed: a crashed holder's lease is taken over after this. */
  expiresAt: 'ExpiresAt',
  /** The run holding it (one id per run): a renewal or a release checks it is still its own. */
  runId: 'RunId'
} as const;

export const JOB_LEASES_LIST = {
  title: JOB_LEASES_LIST_TITLE,
  description: 'Social intranet suite: the leases that let one run of each unattended job work at a time. Written by the jobs only.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  // Nothing in it is secret, but nobody needs to find it: kept out of search like the relay's private lists.
  excludedFromSearch: true,
  fields: [
    { internalName: LEASE_FIELDS.leaseKey, title: 'Lease key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 64 },
    { internalName: LEASE_FIELDS.holder, title: 'Holder', type: 'Text', maxLength: 255 },
    { internalName: LEASE_FIELDS.expiresAt, title: 'Expires', type: 'DateTime', required: true },
    { internalName: LEASE_FIELDS.runId, title: 'Run', type: 'Text', maxLength: 64 }
  ],
  permissions: {
    breakInheritance: true,
    grants: [{ role: 'tenantAdmins', level: 'Full Control' }]
  }
} as const satisfies ListSchema;

export type JobLeaseItem = ListItemOf<typeof JOB_LEASES_LIST>;

/** The jobs' lists, in provisioning order. */
export const JOB_LISTS: readonly ListSchema[] = [JOB_LEASES_LIST];
