/**
 * Shared set-up of the relay job's lease, crash and scale tests: a seeded local tenant (on a clock
 * the test moves), the suite provisioned, the job's service account, and helpers to add insights
 * and relays and to read what the job sent.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { listOutbox } from '../../workbench/tenant/graph/outbox';
import { ensureRelayJobAccount } from '../../workbench/tenant/seed/service';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { createContextFromBaseUrl } from '../../services/connect';
import type { SuiteContext } from '../../services/context';
import { relayValues, serializeStatusHistory, safeJson } from '../../services/relay/items';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { defaultPolicy } from '../../core/policy';
import type { Policy } from '../../core/policy/types';
import type { InsightStatus } from '../../core/relay/clock';
import { emptyDraft } from '../../core/relay/model';
import type { OutboxMessage } from '../../workbench/tenant/types';

/** Monday 23 November 2026, 09:00 in Toronto (the policy's zone). */
export const T0 = new Date('2026-11-23T14:00:00Z');
export const at = (hoursAfterT0: number): Date => new Date(T0.getTime() + hoursAfterT0 * 3_600_000);

export interface JobTenant {
  t: SeededTenant;
  admin: SPFI;
  jobUpn: string;
  policy: Policy;
  /** The tenant's clock (dates items); the tests set it. */
  setTenantNow(d: Date): void;
  jobCtx(): SuiteContext;
  /** The outbox's message ids now, and the messages sent since. */
  mark(): Set<string>;
  since(before: Set<string>): OutboxMessage[];
}

export async function startJobTenant(): Promise<JobTenant> {
  let clock = T0;
  const t = await startSeededTenant({ now: () => clock });
  const jobUpn = ensureRelayJobAccount(t.tenant.db);
  const roles: ProvisionRoles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`],
    communications: [`c:0t.c|tenant|${t.seed.groups['communications-team']}`],
    communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`]
  };
  const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  const policy = defaultPolicy();
  await provisionSuite(admin, { roles, lists: SUITE_LISTS, initialPolicyJson: JSON.stringify(policy) });
  return {
    t, admin, jobUpn, policy,
    setTenantNow: d => {
      clock = d;
    },
    jobCtx: () => createContextFromBaseUrl({ siteUrl: t.siteUrl, graphBaseUrl: t.graphBaseUrl, locale: 'en-US', headers: { 'x-local-user': jobUpn } }),
    mark: () => new Set(listOutbox(t.tenant.db).map(m => m.id)),
    since: before => listOutbox(t.tenant.db).filter(m => !before.has(m.id))
  };
}

let keySeq = 0;
export const nextClientId = (): string => `00000000-0000-4000-8000-${String(++keySeq).padStart(12, '0')}`;

/** A closed (resolved) insight whose relayers are due the outcome. */
export async function addClosedInsight(j: JobTenant, title: string, closedAt: Date): Promise<number> {
  const item = await j.admin.web.lists.getByTitle(INSIGHTS_LIST_TITLE).items.add({
    Title: title,
    [INSIGHT_FIELDS.key]: `test:${nextClientId()}`,
    [INSIGHT_FIELDS.summary]: title,
    [INSIGHT_FIELDS.category]: 'delivery',
    [INSIGHT_FIELDS.product]: 'home-delivery',
    [INSIGHT_FIELDS.severity]: 'normal',
    [INSIGHT_FIELDS.reach]: 1,
    [INSIGHT_FIELDS.firstSeen]: T0.toISOString(),
    [INSIGHT_FIELDS.lastSeen]: T0.toISOString(),
    [INSIGHT_FIELDS.ownerUpn]: PERSONAS_UPN.manager,
    [INSIGHT_FIELDS.department]: 'Customer Service',
    [INSIGHT_FIELDS.status]: 'resolved',
    [INSIGHT_FIELDS.statusHistory]: serializeStatusHistory([{ at: T0, status: 'new' as InsightStatus }, { at: closedAt, status: 'resolved' as InsightStatus }]),
    [INSIGHT_FIELDS.isOpen]: false,
    [INSIGHT_FIELDS.response]: 'Fixed for every customer.',
    [INSIGHT_FIELDS.customerReply]: 'Thank you: it is fixed.',
    [INSIGHT_FIELDS.closedAt]: closedAt.toISOString(),
    [INSIGHT_FIELDS.closedDay]: closedAt.toISOString().slice(0, 10)
  });
  return (item as { Id: number }).Id;
}

/** A relay written by `upn` through REST: attached to `insightId`, or pending ingestion (null). */
export async function addRelay(j: JobTenant, upn: string, insightId: number | null, words: string, language = 'en'): Promise<string> {
  const clientId = nextClientId();
  const values = relayValues({
    ...emptyDraft({ channel: 'phone', product: 'home-delivery', category: 'delivery', severity: 'normal', customerWords: words }),
    clientId, redactions: {}, language
  }, upn);
  const added = (await spFor(j.t.siteUrl, upn).web.lists.getByTitle(RELAYS_LIST_TITLE).items.add(values)) as { Id: number };
  if (insightId !== null) {
    // Attached as ingestion attaches it: written by the job, not by the author (whose writes to the
    // job's columns the job does not believe: services/relay/trust.ts).
    await j.admin.web.lists.getByTitle(RELAYS_LIST_TITLE).items.getById(added.Id).update({
      [RELAY_FIELDS.insightId]: insightId, [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.dayKey]: T0.toISOString().slice(0, 10)
    });
  }
  return clientId;
}

export async function notificationClaims(j: JobTenant, insightId: number): Promise<Array<{ key: string; data: Record<string, unknown> }>> {
  const items: Record<string, unknown>[] = await j.admin.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
    // A range on the unique key first: an insight may have more than 5,000 entries.
    .select(ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.data)
    .filter(`${ACTIVITY_FIELDS.key} ge 'notify:' and ${ACTIVITY_FIELDS.key} lt 'notify;' and ${ACTIVITY_FIELDS.insightId} eq ${insightId}`)();
  return items.map(i => ({ key: String(i[ACTIVITY_FIELDS.key]), data: safeJson<Record<string, unknown>>(i[ACTIVITY_FIELDS.data], {}) }));
}

/** A clock the test moves by hand (the lease's real elapsed time). */
export function manualClock(start = Date.parse('2030-01-01T00:00:00Z')): { now: () => Date; advance(ms: number): void } {
  let ms = start;
  return {
    now: () => new Date(ms),
    advance: (by: number) => {
      ms += by;
    }
  };
}
