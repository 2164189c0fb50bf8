/**
 * The contract between the relay's views (capture, "My relays", the management dashboard, the
 * portal header) and its services. Views take these interfaces as props, so component tests pass
 * fakes; services/relay/*.ts implement them over PnPjs and Graph. Data model: core/relay/model.ts;
 * storage: services/provisioning/relayLists.ts and docs/relay-data.md.
 */
import type { ActivityEntry, Banner, DayStats, Insight, Relay, RelaySubmission } from '../../core/relay/model';
import type { InsightStatus } from '../../core/relay/clock';

/** Error codes the views localize. */
export type RelayErrorCode =
  /** The submission did not validate; `fields` lists the draft fields in error. */
  | 'invalid'
  /** The insight changed since it was read (412): reload and apply again. */
  | 'conflict'
  /** The caller may not do this (403 from SharePoint, or a role check before any request). */
  | 'forbidden'
  /** The item does not exist (any more). */
  | 'notFound'
  /** Network, throttling beyond retries, or a server error: the draft is kept, retry later. */
  | 'unavailable';

export class RelayError extends Error {
  public constructor(
    public readonly code: RelayErrorCode,
    message: string,
    public readonly fields: string[] = [],
    public readonly status: number | null = null
  ) {
    super(message);
    this.name = 'RelayError';
  }
}

/** A possible match for a relay being typed (triage). */
export interface TriageCandidate {
  insight: Pick<Insight, 'id' | 'title' | 'category' | 'product' | 'reach' | 'status' | 'response' | 'lastSeen'>;
  /** Similarity, 0..1 (core/relay/matching.ts). */
  score: number;
}

/**
 * A community question whose accepted answer looks like the relay being typed (deflection: the
 * answer shows at once, the relay still counts). Read from the accepted answers the job recorded in
 * "Community post stats"
 * (services/relay/answers.ts, docs/relay-data.md).
 */
export interface AnsweredQuestion {
  /** The question's item id. */
  id: number;
  /** The question. */
  title: string;
  /** The accepted answer. */
  answer: string;
  /** UPN of who wrote the accepted answer, when known. */
  answeredBy: string | null;
  /** Similarity, 0..1 (core/relay/matching.ts). */
  score: number;
}

/** One of my relays with its insight (null until ingestion clustered it). */
export interface MyRelay {
  relay: Relay;
  insight: Insight | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque: pass back to get the next page; null when there is none. */
  next: string | null;
}

/** What the frontline employee's views need. */
/** What a submit tells its caller while it is still trying (the form says "not sent yet"). */
export interface SubmitProgress {
  /** An attempt failed and another one follows (1 after the first failure...). */
  onRetrying?: (failedAttempts: number) => void;
}

export interface RelayApi {
  /**
   * Stores a redacted submission. Idempotent: the same clientId stored twice (retry after a
   * timeout, double click) answers the first item. Throws RelayError ('invalid', 'forbidden',
   * 'unavailable').
   */
  submit(submission: RelaySubmission, progress?: SubmitProgress): Promise<Relay>;
  /** Open insights that look like the text being typed (same category or product first). */
  triage(query: { text: string; category: string; product: string }): Promise<TriageCandidate[]>;
  /**
   * Answered community questions that look like the text being typed, best first (optional: a view
   * given an API without it shows no answers). A site without the community lists answers [].
   * Showing an answer never stops the relay from being submitted.
   */
  answers?(query: { text: string; category: string; product: string }): Promise<AnsweredQuestion[]>;
  /** The signed-in user's relays, newest first, each with its insight. */
  myRelays(next?: string | null): Promise<Page<MyRelay>>;
}

/** Filters of the dashboard's insight list. */
export interface InsightQuery {
  /** 'mine': owned by me or one of my groups; 'all': every open insight. */
  scope: 'mine' | 'all';
  category?: string;
  product?: string;
}

/** Someone who changed an insight, as SharePoint recorded them (Editor/Author, never a field a writer filled in). */
export interface InsightActor {
  upn: string;
  /** The display name SharePoint has for them ('' when unknown: show the UPN then). */
  name: string;
}

/** The fields of an insight a manager's action sets, as a conflict names them. */
export type InsightChangeField = 'status' | 'owner' | 'response' | 'customerReply' | 'closureReason';

/** One change someone made to an insight after the copy an action was decided on. */
export interface InsightChange {
  field: InsightChangeField;
  /**
   * The value before and after: a status key for 'status'; for 'owner' the owner's display text
   * (the group's name, the person's name when known, else their UPN; '' for no owner); the text itself
   * for the others.
   */
  from: string;
  to: string;
  by: InsightActor;
  /** When SharePoint stored it (ISO 8601). */
  at: string;
}

/** What a 412 met: the insight as stored now (with its ETag) and what changed since the copy acted on. */
export interface InsightConflict {
  /** The fresh insight: "apply mine anyway" sends the same action with this copy (a second decision). */
  current: Insight;
  /** Newest first; empty when the changes were to fields no action sets (reach, last seen...). */
  changes: InsightChange[];
}

/**
 * A RelayError 'conflict' (412) that says what superseded the action: the action was NOT applied.
 * Views show who changed what and offer to apply theirs against `conflict.current` or keep the other.
 */
export class InsightConflictError extends RelayError {
  public constructor(message: string, public readonly conflict: InsightConflict) {
    super('conflict', message, [], 412);
    this.name = 'InsightConflictError';
  }
}

export function isInsightConflict(e: unknown): e is InsightConflictError {
  return e instanceof RelayError && e.code === 'conflict' && !!(e as Partial<InsightConflictError>).conflict;
}

/**
 * The answer to an action on an insight. 'applied': this user's change is stored (now, or by their own
 * earlier attempt whose answer was lost). 'alreadySo': the insight already held exactly this value,
 * set by someone else (`changes` says who): nothing of this user's was written. A superseded action
 * throws InsightConflictError instead.
 */
export type InsightActionResult =
  | { outcome: 'applied'; insight: Insight }
  | { outcome: 'alreadySo'; insight: Insight; changes: InsightChange[] };

/** What the management dashboard needs. Every update is sent against the insight's ETag. */
export interface InsightApi {
  /** Open insights (IsOpen eq 1), at most `limit` (default 2,000), in one request. */
  openInsights(query: InsightQuery, limit?: number): Promise<Insight[]>;
  get(id: number): Promise<Insight>;
  /** The whole history: every relay, status change, comment, response and notification, oldest first. */
  timeline(id: number): Promise<ActivityEntry[]>;
  /** The relays of an insight (management role only). */
  relaysOf(id: number): Promise<Relay[]>;
  /** The actions below answer InsightActionResult, or throw InsightConflictError when superseded. */
  acknowledge(insight: Insight): Promise<InsightActionResult>;
  setStatus(insight: Insight, status: InsightStatus, closureReason?: string): Promise<InsightActionResult>;
  assign(insight: Insight, owner: { upn: string | null; groupId: string | null; groupName: string | null; department: string }): Promise<InsightActionResult>;
  comment(insight: Insight, text: string): Promise<ActivityEntry>;
  /** The owner's response to the relaying employees and the ready-to-send customer reply. */
  respond(insight: Insight, response: string, customerReply: string): Promise<InsightActionResult>;
  /** Resolve or decline with a response (closing the loop: the relay job tells every relayer). */
  close(insight: Insight, status: 'resolved' | 'declined', closureReason: string, response: string, customerReply: string): Promise<InsightActionResult>;
  /** Merges `source` into `target`: every relay and all history move; source becomes 'duplicate'. */
  merge(source: Insight, target: Insight): Promise<Insight>;
}

export interface StatsApi {
  /** Daily statistics from `fromDay` ('YYYY-MM-DD') on, in one request. */
  days(fromDay: string): Promise<DayStats[]>;
}

export interface BannerApi {
  /** Banners in force now (EndsAt in the future, StartsAt passed), newest first. */
  active(): Promise<Banner[]>;
  /** Publishes a banner (communications role). Idempotent by key. */
  publish(banner: Omit<Banner, 'id'>): Promise<Banner>;
  /** Ends a banner now. */
  end(banner: Banner): Promise<void>;
}
