/**
 * The relay's domain model, shared by the capture form, the services, the relay job and the
 * dashboard. Pure types and tiny helpers; the storage (columns) is services/provisioning/relayLists.ts
 * and docs/relay-data.md.
 */
import type { RedactionKind } from './redaction';
import type { InsightStatus, StatusEvent } from './clock';

/** What the capture form holds (before redaction; kept in the browser only after redaction). */
export interface RelayDraft {
  /** Policy channel key. */
  channel: string;
  /** Customer segment or account (optional, free text). */
  segment: string;
  /** Policy product key. */
  product: string;
  /** Policy category key. */
  category: string;
  /** Policy severity key. */
  severity: string;
  /** The customer's own words. */
  customerWords: string;
  /** The employee's observation. */
  observation: string;
  /** A promise made to the customer ('' when none) and its due date ('YYYY-MM-DD', '' when none). */
  promiseText: string;
  promiseDue: string;
  /** Relayed anonymously (only when the policy allows it). */
  anonymous: boolean;
  /** The open insight the employee chose to join during triage, or null. */
  joinInsightId: number | null;
}

/** What is sent to the server: the draft redacted, with its idempotency key. */
export interface RelaySubmission extends RelayDraft {
  /** Client-generated id (UUID v4), the same for every retry of one submit. */
  clientId: string;
  /** Counts of what redaction replaced, by kind (never the values). */
  redactions: Partial<Record<RedactionKind, number>>;
  /** UI language of the relaying employee ('en' or 'fr'). */
  language: string;
}

/**
 * How far the relay job got with a relay: 'rejected' when the stored relay broke the form's limits
 * (a write that skipped the form); it is not clustered and its text was cut to the limits.
 */
export type IngestState = 'pending' | 'clustered' | 'rejected';

/** Why the relay job refused a relay: the fields that were over the form's limits (RELAY_LIMITS). */
export interface RelayRejection {
  reason: 'tooLong';
  fields: string[];
}

/** A stored relay, as its author (or the management role) reads it. */
export interface Relay extends RelaySubmission {
  id: number;
  relayerUpn: string;
  created: string;
  insightId: number | null;
  ingestState: IngestState;
  /** Local date of the relay in the policy's time zone, set by ingestion ('' before). */
  dayKey: string;
  /** Set when ingestState is 'rejected'. */
  rejection?: RelayRejection | null;
}

/** Who owns an insight: a person, a group, or both (a group owner whose member took it). */
export interface InsightOwner {
  upn: string | null;
  groupId: string | null;
  groupName: string | null;
  /** 'rule:<routing rule id>', 'fallback' or 'manual'. */
  source: string;
  /** Owning department (for per-department statistics). */
  department: string;
}

export interface Insight {
  id: number;
  /** Idempotency key: 'relay:<clientId of the first relay>'. */
  key: string;
  title: string;
  summary: string;
  category: string;
  product: string;
  severity: string;
  reach: number;
  firstSeen: string;
  lastSeen: string;
  owner: InsightOwner;
  status: InsightStatus;
  /** The clock's input: every status change, oldest first (the first is 'new' at firstSeen). */
  statusHistory: StatusEvent[];
  closureReason: string;
  response: string;
  customerReply: string;
  respondedBy: string;
  acknowledgedAt: string | null;
  acknowledgedDay: string;
  closedAt: string | null;
  closedDay: string;
  acknowledgeHours: number | null;
  resolveHours: number | null;
  acknowledgeBreached: boolean;
  resolveBreached: boolean;
  mergedInto: number | null;
  isOpen: boolean;
  /** ETag of the item as read: every update is sent against it (412 on a concurrent change). */
  etag: string;
}

export type ActivityKind = 'relay' | 'status' | 'comment' | 'response' | 'assign' | 'merge' | 'notification';

/** One entry of an insight's timeline. */
export interface ActivityEntry {
  id: number;
  key: string;
  insightId: number;
  kind: ActivityKind;
  actorUpn: string;
  text: string;
  data: Record<string, unknown>;
  at: string;
}

/** One day of relay statistics ('YYYY-MM-DD' in the policy's time zone), written by the relay job. */
export interface DayStats {
  day: string;
  /** Relays received that day, by category key, by product key, and in total. */
  relaysByCategory: Record<string, number>;
  relaysByProduct: Record<string, number>;
  relays: number;
  /** Insights acknowledged / closed that day: business hours it took, per owning department. */
  acknowledgeHoursByDepartment: Record<string, number[]>;
  resolveHoursByDepartment: Record<string, number[]>;
  /** Insights closed that day, and how many of them breached a target. */
  closed: number;
  acknowledgeBreaches: number;
  resolveBreaches: number;
}

/** A company banner shown by the portal header. */
export interface Banner {
  id: number;
  key: string;
  message: string;
  messageFr: string;
  level: 'info' | 'warning';
  startsAt: string | null;
  endsAt: string;
  source: string;
}

export function emptyDraft(defaults: Partial<RelayDraft> = {}): RelayDraft {
  return {
    channel: '', segment: '', product: '', category: '', severity: '', customerWords: '', observation: '',
    promiseText: '', promiseDue: '', anonymous: false, joinInsightId: null, ...defaults
  };
}

export function emptyDayStats(day: string): DayStats {
  return {
    day, relaysByCategory: {}, relaysByProduct: {}, relays: 0, acknowledgeHoursByDepartment: {}, resolveHoursByDepartment: {},
    closed: 0, acknowledgeBreaches: 0, resolveBreaches: 0
  };
}
