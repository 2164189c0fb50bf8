/**
 * Mapping between the relay lists' items (services/provisioning/relayLists.ts) and the domain model
 * (core/relay/model.ts), and the error mapping every relay service shares. No request is made here.
 * Nothing here logs an item or an error's content: relays hold customer words.
 */
import type { SPFI } from '@pnp/sp';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { ActivityEntry, ActivityKind, Banner, IngestState, Insight, InsightOwner, Relay, RelayRejection, RelaySubmission } from '../../core/relay/model';
import type { InsightStatus, StatusEvent } from '../../core/relay/clock';
import { ACTIVITY_FIELDS, BANNER_FIELDS, INSIGHT_FIELDS, INSIGHT_STATUS_CHOICES, RELAY_FIELDS } from '../provisioning/relayLists';
import { toSuiteError } from '../errors';
import { walkItems } from '../listWalk';
import { etagOf } from '../sp/etag';
import { AUTHOR_SELECT, authorUpnOf, normalizeUpn, PersonValue } from '../sp/identity';
import { RelayError } from './api';
import { addRedactionCounts } from '../../core/relay/submission';

/** Page size of list reads (paged with $skiptoken by PnPjs async iteration). */
export const PAGE_SIZE = 500;

/** A raw item as PnPjs returns it (verbose or minimal metadata). */
export interface StoredItem {
  Id: number;
  Title?: string | null;
  Created?: string;
  Modified?: string;
  'odata.etag'?: string;
  __metadata?: { etag?: string };
  [field: string]: unknown;
}

export type ListHandle = ReturnType<SPFI['web']['lists']['getByTitle']>;

export { etagOf } from '../sp/etag';
export { normalizeUpn } from '../sp/identity';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true';

/** Parses JSON without throwing (a hand-edited item must not break a view). */
export function safeJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text.trim() === '') return fallback;
  try {
    const v = JSON.parse(text) as unknown;
    return v === null || v === undefined ? fallback : (v as T);
  } catch {
    return fallback;
  }
}

const isStatus = (s: unknown): s is InsightStatus => typeof s === 'string' && (INSIGHT_STATUS_CHOICES as readonly string[]).indexOf(s) >= 0;

/** A short title for a relay or an insight: the start of the (redacted) customer words, cut at a word. */
export function summaryTitle(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}

// ------------------------------------------------------------------ relays

/**
 * What every relay read selects. It holds the Author's fields: a query with it must add
 * `.expand('Author')` (services/sp/identity.ts), or the relayer is unknown ('').
 */
export const RELAY_SELECT = ['Id', 'Title', 'Created', ...Object.values(RELAY_FIELDS), ...AUTHOR_SELECT];

const INGEST_STATE_VALUES: readonly IngestState[] = ['pending', 'clustered', 'rejected'];

/** 'tooLong:customerWords,observation' ⇄ { reason, fields }. */
export const rejectReasonValue = (r: RelayRejection): string => `${r.reason}:${r.fields.join(',')}`.slice(0, 255);
function rejectionOf(value: unknown): RelayRejection | null {
  const m = /^(tooLong):?(.*)$/.exec(str(value));
  return m ? { reason: 'tooLong', fields: m[2] ? m[2].split(',').filter(Boolean) : [] } : null;
}

/** The list values of a new relay (the submission must already be validated and redacted). */
export function relayValues(s: RelaySubmission, relayerUpn: string): Record<string, unknown> {
  return {
    Title: summaryTitle(s.customerWords) || s.category,
    [RELAY_FIELDS.clientId]: s.clientId,
    [RELAY_FIELDS.relayerUpn]: normalizeUpn(relayerUpn),
    [RELAY_FIELDS.anonymous]: s.anonymous === true,
    [RELAY_FIELDS.channel]: s.channel,
    [RELAY_FIELDS.segment]: s.segment,
    [RELAY_FIELDS.product]: s.product,
    [RELAY_FIELDS.category]: s.category,
    [RELAY_FIELDS.severity]: s.severity,
    [RELAY_FIELDS.customerWords]: s.customerWords,
    [RELAY_FIELDS.observation]: s.observation,
    [RELAY_FIELDS.promiseText]: s.promiseText,
    [RELAY_FIELDS.promiseDue]: s.promiseDue ? `${s.promiseDue}T00:00:00Z` : null,
    [RELAY_FIELDS.redactions]: JSON.stringify(s.redactions || {}),
    [RELAY_FIELDS.language]: s.language,
    [RELAY_FIELDS.requestedInsightId]: s.joinInsightId,
    [RELAY_FIELDS.ingestState]: 'pending'
  };
}

/**
 * A stored relay. The relayer is the item's Author (SharePoint sets it from the request's
 * identity), never the RelayerUpn column a REST writer fills as they like: '' when the item was
 * read without `.expand('Author')`.
 */
export function relayFromItem(item: StoredItem): Relay {
  const redactions = safeJson<unknown>(item[RELAY_FIELDS.redactions], {});
  // Counts only, of known kinds: whatever else a REST writer put there is not shown.
  const counts = addRedactionCounts(redactions && typeof redactions === 'object' && !Array.isArray(redactions) ? (redactions as Record<string, unknown>) : {});
  const requested = num(item[RELAY_FIELDS.requestedInsightId]);
  const insightId = num(item[RELAY_FIELDS.insightId]);
  return {
    id: item.Id,
    clientId: str(item[RELAY_FIELDS.clientId]),
    relayerUpn: authorUpnOf(item as { Author?: PersonValue | null }),
    anonymous: bool(item[RELAY_FIELDS.anonymous]),
    channel: str(item[RELAY_FIELDS.channel]),
    segment: str(item[RELAY_FIELDS.segment]),
    product: str(item[RELAY_FIELDS.product]),
    category: str(item[RELAY_FIELDS.category]),
    severity: str(item[RELAY_FIELDS.severity]),
    customerWords: str(item[RELAY_FIELDS.customerWords]),
    observation: str(item[RELAY_FIELDS.observation]),
    promiseText: str(item[RELAY_FIELDS.promiseText]),
    promiseDue: str(item[RELAY_FIELDS.promiseDue]).slice(0, 10),
    redactions: counts,
    language: str(item[RELAY_FIELDS.language]) || 'en',
    joinInsightId: requested !== null && requested > 0 ? requested : null,
    created: str(item.Created),
    insightId: insightId !== null && insightId > 0 ? insightId : null,
    ingestState: ingestStateOf(item[RELAY_FIELDS.ingestState]),
    dayKey: str(item[RELAY_FIELDS.dayKey]),
    rejection: ingestStateOf(item[RELAY_FIELDS.ingestState]) === 'rejected' ? rejectionOf(item[RELAY_FIELDS.rejectReason]) || { reason: 'tooLong', fields: [] } : null
  };
}

function ingestStateOf(value: unknown): IngestState {
  const v = str(value) as IngestState;
  return INGEST_STATE_VALUES.indexOf(v) >= 0 ? v : 'pending';
}

// ------------------------------------------------------------------ insights

export const INSIGHT_SELECT = ['Id', 'Title', 'Created', ...Object.values(INSIGHT_FIELDS)];

/** What ingestion's matcher and triage need of an open insight (no long texts beyond the summary). */
export const INSIGHT_MATCH_SELECT = [
  'Id', 'Title', INSIGHT_FIELDS.key, INSIGHT_FIELDS.summary, INSIGHT_FIELDS.category, INSIGHT_FIELDS.product,
  INSIGHT_FIELDS.reach, INSIGHT_FIELDS.status, INSIGHT_FIELDS.response, INSIGHT_FIELDS.lastSeen, INSIGHT_FIELDS.isOpen,
  INSIGHT_FIELDS.severity
];

export function parseStatusHistory(text: unknown): StatusEvent[] {
  const raw = safeJson<unknown>(text, []);
  if (!Array.isArray(raw)) return [];
  const out: StatusEvent[] = [];
  for (const e of raw) {
    const at = new Date(str((e as { at?: unknown })?.at));
    const status = (e as { status?: unknown })?.status;
    if (Number.isFinite(at.getTime()) && isStatus(status)) out.push({ at, status });
  }
  return out;
}

export const serializeStatusHistory = (events: readonly StatusEvent[]): string =>
  JSON.stringify(events.map(e => ({ at: e.at.toISOString(), status: e.status })));

export function insightFromItem(item: StoredItem): Insight {
  const status = item[INSIGHT_FIELDS.status];
  const mergedInto = num(item[INSIGHT_FIELDS.mergedInto]);
  return {
    id: item.Id,
    key: str(item[INSIGHT_FIELDS.key]),
    title: str(item.Title),
    summary: str(item[INSIGHT_FIELDS.summary]),
    category: str(item[INSIGHT_FIELDS.category]),
    product: str(item[INSIGHT_FIELDS.product]),
    severity: str(item[INSIGHT_FIELDS.severity]),
    reach: num(item[INSIGHT_FIELDS.reach]) ?? 0,
    firstSeen: str(item[INSIGHT_FIELDS.firstSeen]),
    lastSeen: str(item[INSIGHT_FIELDS.lastSeen]),
    owner: {
      upn: str(item[INSIGHT_FIELDS.ownerUpn]) || null,
      groupId: str(item[INSIGHT_FIELDS.ownerGroupId]) || null,
      groupName: str(item[INSIGHT_FIELDS.ownerGroupName]) || null,
      source: str(item[INSIGHT_FIELDS.ownerSource]),
      department: str(item[INSIGHT_FIELDS.department])
    },
    status: isStatus(status) ? status : 'new',
    statusHistory: parseStatusHistory(item[INSIGHT_FIELDS.statusHistory]),
    closureReason: str(item[INSIGHT_FIELDS.closureReason]),
    response: str(item[INSIGHT_FIELDS.response]),
    customerReply: str(item[INSIGHT_FIELDS.customerReply]),
    respondedBy: str(item[INSIGHT_FIELDS.respondedBy]),
    acknowledgedAt: str(item[INSIGHT_FIELDS.acknowledgedAt]) || null,
    acknowledgedDay: str(item[INSIGHT_FIELDS.acknowledgedDay]),
    closedAt: str(item[INSIGHT_FIELDS.closedAt]) || null,
    closedDay: str(item[INSIGHT_FIELDS.closedDay]),
    acknowledgeHours: num(item[INSIGHT_FIELDS.acknowledgeHours]),
    resolveHours: num(item[INSIGHT_FIELDS.resolveHours]),
    acknowledgeBreached: bool(item[INSIGHT_FIELDS.acknowledgeBreached]),
    resolveBreached: bool(item[INSIGHT_FIELDS.resolveBreached]),
    mergedInto: mergedInto !== null && mergedInto > 0 ? mergedInto : null,
    isOpen: bool(item[INSIGHT_FIELDS.isOpen]),
    etag: etagOf(item)
  };
}

export function ownerValues(owner: InsightOwner): Record<string, unknown> {
  return {
    [INSIGHT_FIELDS.ownerUpn]: owner.upn ? normalizeUpn(owner.upn) : null,
    [INSIGHT_FIELDS.ownerGroupId]: owner.groupId || null,
    [INSIGHT_FIELDS.ownerGroupName]: owner.groupName || null,
    [INSIGHT_FIELDS.ownerSource]: owner.source,
    [INSIGHT_FIELDS.department]: owner.department || null
  };
}

// ------------------------------------------------------------------ activity

export const ACTIVITY_SELECT = ['Id', 'Title', ...Object.values(ACTIVITY_FIELDS)];

const ACTIVITY_KINDS: readonly ActivityKind[] = ['relay', 'status', 'comment', 'response', 'assign', 'merge', 'notification'];

export function activityFromItem(item: StoredItem): ActivityEntry {
  const kind = str(item[ACTIVITY_FIELDS.kind]) as ActivityKind;
  const data = safeJson<unknown>(item[ACTIVITY_FIELDS.data], {});
  return {
    id: item.Id,
    key: str(item[ACTIVITY_FIELDS.key]),
    insightId: num(item[ACTIVITY_FIELDS.insightId]) ?? 0,
    kind: ACTIVITY_KINDS.indexOf(kind) >= 0 ? kind : 'comment',
    actorUpn: str(item[ACTIVITY_FIELDS.actorUpn]),
    text: str(item[ACTIVITY_FIELDS.text]),
    data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    at: str(item[ACTIVITY_FIELDS.at])
  };
}

export function activityValues(entry: Omit<ActivityEntry, 'id'>): Record<string, unknown> {
  return {
    Title: `${entry.kind} ${entry.insightId}`,
    [ACTIVITY_FIELDS.key]: entry.key,
    [ACTIVITY_FIELDS.insightId]: entry.insightId,
    [ACTIVITY_FIELDS.kind]: entry.kind,
    [ACTIVITY_FIELDS.actorUpn]: entry.actorUpn || null,
    [ACTIVITY_FIELDS.text]: entry.text || null,
    [ACTIVITY_FIELDS.data]: JSON.stringify(entry.data || {}),
    [ACTIVITY_FIELDS.at]: entry.at
  };
}

// ------------------------------------------------------------------ banners

export const BANNER_SELECT = ['Id', 'Title', ...Object.values(BANNER_FIELDS)];

export function bannerFromItem(item: StoredItem): Banner {
  return {
    id: item.Id,
    key: str(item[BANNER_FIELDS.key]),
    message: str(item[BANNER_FIELDS.message]),
    messageFr: str(item[BANNER_FIELDS.messageFr]),
    level: str(item[BANNER_FIELDS.level]) === 'warning' ? 'warning' : 'info',
    startsAt: str(item[BANNER_FIELDS.startsAt]) || null,
    endsAt: str(item[BANNER_FIELDS.endsAt]),
    source: str(item[BANNER_FIELDS.source])
  };
}

// ------------------------------------------------------------------ shared reads

/** Every item of a query, page by page (PnPjs async iteration follows odata.nextLink / $skiptoken). */
export async function readAll<T = StoredItem>(query: AsyncIterable<unknown>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of query) out.push(...(page as T[]));
  return out;
}

/** The number of relays attached to an insight (InsightId eq id, indexed), walked past 5,000 matches too. */
export async function countRelaysOf(relays: ListHandle, insightId: number): Promise<number> {
  let n = 0;
  const query = walkItems<unknown>(relays, { select: ['Id'], filter: `${RELAY_FIELDS.insightId} eq ${insightId}`, pageSize: PAGE_SIZE * 10 });
  for await (const page of query) n += page.length;
  return n;
}

/** Weight of a severity key in the policy (unknown keys weigh least). */
function severityWeight(policy: FeedbackPolicy, key: string): number {
  const s = policy.severities.find(x => x.key === key);
  return s ? s.weight : -Infinity;
}

export function maxSeverity(policy: FeedbackPolicy, a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return severityWeight(policy, b) > severityWeight(policy, a) ? b : a;
}

// ------------------------------------------------------------------ errors

import { isDuplicateError } from '../errors';
export { isDuplicateError };

export const statusOf = (e: unknown): number | null => toSuiteError(e).status;

/** Whether a failure may pass if tried again later (throttling, server busy, network). */
export function isTransient(e: unknown): boolean {
  const k = toSuiteError(e);
  return k.kind === 'throttled' || k.kind === 'offline' || k.status === 500 || k.status === 502 || k.status === 504 || (k.status === null && !(e instanceof RelayError));
}

/** Maps a PnPjs failure to a RelayError (a RelayError passes through). */
export function toRelayError(e: unknown, what: string): RelayError {
  if (e instanceof RelayError) return e;
  const status = statusOf(e);
  if (status === 412) return new RelayError('conflict', `${what}: the item changed since it was read; reload it.`, [], 412);
  if (status === 401 || status === 403) return new RelayError('forbidden', `${what}: not allowed.`, [], status);
  if (status === 404) return new RelayError('notFound', `${what}: not found.`, [], 404);
  return new RelayError('unavailable', `${what}: SharePoint did not answer; try again later.`, [], status);
}

/** Seconds to wait before retrying, from Retry-After when the server gave one. */
export const retryAfterSeconds = (e: unknown): number | null => toSuiteError(e).retryAfterSeconds;
