/**
 * Shared set-up of the relay integration tests: a seeded local tenant with the suite provisioned
 * (roles bound to the demo's Entra groups), PnPjs per persona, and relay submissions to send.
 */
import type { SPFI } from '@pnp/sp';
import { randomBytes } from 'crypto';
import { graphFor, startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { managerChain } from '../../services/people';
import type { IngestOptions } from '../../services/relay/ingest';
import { spFor } from '../support/sp-client';
import { bulkInsertItems, setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { DEMO_GROUPS } from '../../core/policy/defaults';
import {
  BANNERS_LIST_TITLE, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE
} from '../../services/provisioning/relayLists';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
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

/** Ingestion's manager chains, read from Graph as the job's identity (the admin here). */
export function graphManagerChain(r: RelayTenant): IngestOptions['managerChainOf'] {
  const graph = graphFor(r.t.graphBaseUrl, PERSONAS_UPN.admin);
  return async upn => (await managerChain(graph, upn)).map(p => ({ upn: p.userPrincipalName, displayName: p.displayName, department: p.department || '' }));
}

export const clientId = (): string => newClientId(n => new Uint8Array(randomBytes(n)));

export function submission(overrides: Partial<RelayDraft> & { clientId?: string; language?: string } = {}): RelaySubmission {
  const draft = emptyDraft({
    channel: 'phone', product: 'home-delivery', category: 'delivery', severity: 'normal',
    customerWords: 'My delivery was rescheduled to Saturday without any notice.', ...overrides
  });
  return { ...draft, clientId: overrides.clientId || clientId(), redactions: {}, language: overrides.language || 'en' };
}

// ------------------------------------------------------------------ seeding at scale

/** The scale test's and the relay bench's sizes. */
export const RELAY_SCALE = { RELAYS: 100000, INSIGHTS: 20000, OPEN: 3000, PENDING: 150, AGENT_RELAYS: 1000 } as const;

export const SCALE_CATEGORIES = ['delivery', 'call-centre', 'billing', 'refunds', 'phishing-fraud', 'tickets', 'loyalty', 'store-service', 'service-quality', 'website', 'product-quality', 'other'];
export const SCALE_PRODUCTS = ['home-delivery', 'online-store', 'mobile-app', 'in-store', 'loyalty-card', 'customer-account', 'gift-cards', 'tickets'];
const WORDS = ['parcel', 'late', 'refund', 'invoice', 'twice', 'card', 'points', 'store', 'closed', 'app', 'crash', 'login', 'password', 'ticket', 'name',
  'wrong', 'delivery', 'saturday', 'notice', 'phone', 'wait', 'hour', 'agent', 'rude', 'price', 'promo', 'broken', 'missing', 'email', 'phishing', 'locker', 'code'];
/** A deterministic text of `n` words for item `i` (the seeded relay i and insight i share it). */
export const scaleText = (i: number, n = 9): string => Array.from({ length: n }, (_x, k) => WORDS[(i * 7 + k * 13 + (i >> k)) % WORDS.length]).join(' ');
const iso = (ms: number): string => new Date(ms).toISOString();
const BASE = Date.parse('2026-01-01T12:00:00Z');

/**
 * Seeds the relay lists straight into the local tenant's tables (seconds, not hours): INSIGHTS
 * insights (the first OPEN open; owned by Billing when i % 3 = 0, by the manager when i % 10 = 0),
 * RELAYS relays (5 per insight; the first AGENT_RELAYS by the agent, the rest by the CEO persona;
 * the last PENDING waiting for ingestion), 5 timeline entries per insight, 400 days of statistics
 * from 2026-01-01, 30 banners. Returns the time it took in milliseconds.
 */
export function seedRelaysAtScale(r: RelayTenant, sizes: typeof RELAY_SCALE = RELAY_SCALE): number {
  const { RELAYS, INSIGHTS, OPEN, PENDING, AGENT_RELAYS } = sizes;
  const db = r.t.tenant.db;
  const others = PERSONAS_UPN.ceo.toLowerCase();
  const started = Date.now();
  bulkInsertItems(db, INSIGHTS_LIST_TITLE, Array.from({ length: INSIGHTS }, (_x, i) => {
    const open = i < OPEN;
    const seen = iso(BASE + i * 60000);
    return {
      Title: scaleText(i, 5), [INSIGHT_FIELDS.key]: `seed:${i}`, [INSIGHT_FIELDS.summary]: scaleText(i), [INSIGHT_FIELDS.category]: SCALE_CATEGORIES[i % SCALE_CATEGORIES.length],
      [INSIGHT_FIELDS.product]: SCALE_PRODUCTS[i % SCALE_PRODUCTS.length], [INSIGHT_FIELDS.severity]: 'normal', [INSIGHT_FIELDS.reach]: 5,
      [INSIGHT_FIELDS.firstSeen]: seen, [INSIGHT_FIELDS.lastSeen]: seen,
      [INSIGHT_FIELDS.ownerGroupId]: i % 3 === 0 ? DEMO_GROUPS.billing.id : DEMO_GROUPS.customerService.id,
      [INSIGHT_FIELDS.ownerUpn]: i % 10 === 0 ? PERSONAS_UPN.manager.toLowerCase() : null,
      [INSIGHT_FIELDS.status]: open ? 'acknowledged' : 'resolved', [INSIGHT_FIELDS.isOpen]: open,
      [INSIGHT_FIELDS.statusHistory]: JSON.stringify([{ at: seen, status: 'new' }])
    };
  }), PERSONAS_UPN.admin);
  const relayRow = (i: number): Record<string, unknown> => ({
    Title: scaleText(i, 5), [RELAY_FIELDS.clientId]: clientId(), [RELAY_FIELDS.relayerUpn]: i < AGENT_RELAYS ? PERSONAS_UPN.agent.toLowerCase() : others,
    [RELAY_FIELDS.channel]: 'phone', [RELAY_FIELDS.category]: SCALE_CATEGORIES[i % SCALE_CATEGORIES.length], [RELAY_FIELDS.product]: SCALE_PRODUCTS[i % SCALE_PRODUCTS.length],
    [RELAY_FIELDS.severity]: 'normal', [RELAY_FIELDS.customerWords]: scaleText(i), [RELAY_FIELDS.language]: 'en', Created: iso(BASE + i * 1000),
    ...(i >= RELAYS - PENDING
      ? { [RELAY_FIELDS.ingestState]: 'pending' }
      : { [RELAY_FIELDS.ingestState]: 'clustered', [RELAY_FIELDS.insightId]: (i % INSIGHTS) + 1, [RELAY_FIELDS.dayKey]: iso(BASE + i * 1000).slice(0, 10) })
  });
  // Last written by the job (the admin here), as ingestion leaves them: the author's own writes to
  // the job's columns are not believed (services/relay/trust.ts).
  bulkInsertItems(db, RELAYS_LIST_TITLE, Array.from({ length: AGENT_RELAYS }, (_x, i) => relayRow(i)), PERSONAS_UPN.agent, undefined, PERSONAS_UPN.admin);
  bulkInsertItems(db, RELAYS_LIST_TITLE, Array.from({ length: RELAYS - AGENT_RELAYS }, (_x, k) => relayRow(k + AGENT_RELAYS)), others, undefined, PERSONAS_UPN.admin);
  bulkInsertItems(db, INSIGHT_ACTIVITY_LIST_TITLE, Array.from({ length: INSIGHTS * 5 }, (_x, i) => ({
    Title: 'relay', ActivityKey: `seed:${i}`, InsightId: (i % INSIGHTS) + 1, Kind: 'relay', At: iso(BASE + i * 1000), DataJson: '{}'
  })), PERSONAS_UPN.admin);
  bulkInsertItems(db, RELAY_STATS_LIST_TITLE, Array.from({ length: 400 }, (_x, i) => {
    const day = iso(BASE + i * 86400000).slice(0, 10);
    return { Title: day, DayKey: day, DataJson: JSON.stringify({ day, relays: i, relaysByCategory: { delivery: i } }) };
  }), PERSONAS_UPN.admin);
  bulkInsertItems(db, BANNERS_LIST_TITLE, Array.from({ length: 30 }, (_x, i) => ({
    Title: `banner ${i}`, BannerKey: `seed:${i}`, Message: `Banner ${i}`, Level: 'info', StartsAt: iso(BASE + i * 86400000 * 10), EndsAt: iso(BASE + (i * 10 + 5) * 86400000)
  })), PERSONAS_UPN.comms);
  return Date.now() - started;
}
