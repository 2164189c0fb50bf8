/**
 * The lists of the customer-feedback relay, declared once for SUITE_LISTS (./suiteLists.ts). Who may
 * read and write what, and why each column is indexed: docs/relay-data.md.
 *
 * Every query the suite makes on these lists filters first on an indexed column (SharePoint's
 * 5,000-item list view threshold: "the first clause of the filter must use an indexed column",
 * https://learn.microsoft.com/en-us/sharepoint/troubleshoot/lists-and-libraries/items-exceeds-list-view-threshold).
 */
import type { ListItemOf, ListSchema } from './schema';

export const RELAYS_LIST_TITLE = 'Customer feedback';
export const INSIGHTS_LIST_TITLE = 'Customer insights';
export const INSIGHT_ACTIVITY_LIST_TITLE = 'Insight activity';
export const RELAY_STATS_LIST_TITLE = 'Relay statistics';
export const BANNERS_LIST_TITLE = 'Company banners';

/**
 * How far a relay has been processed by the relay job (services/relay/ingest.ts): 'rejected' is a
 * relay over the form's limits, stored by a write that skipped the form (never clustered).
 */
export const INGEST_STATES = ['pending', 'clustered', 'rejected'] as const;

/** Insight statuses, as core/relay/clock.ts's InsightStatus. */
export const INSIGHT_STATUS_CHOICES = [
  'new', 'acknowledged', 'inProgress', 'waitingOnCustomer', 'waitingOnThirdParty', 'resolved', 'declined', 'duplicate'
] as const;

/** Kinds of timeline entries (core/relay/model.ts ActivityKind). */
export const ACTIVITY_KINDS = ['relay', 'status', 'comment', 'response', 'assign', 'merge', 'notification'] as const;

export const RELAY_FIELDS = {
  /** Client-generated id (UUID): the same submit retried creates one item (unique). */
  clientId: 'ClientId',
  /**
   * Who relayed it (UPN), written by the service for the "My relays" index, also for anonymous
   * relays. Never believed: the relayer is the item's Author (a REST writer fills this column as
   * they like); the relay job rewrites it to the Author's UPN when they differ.
   */
  relayerUpn: 'RelayerUpn',
  anonymous: 'Anonymous',
  channel: 'Channel',
  segment: 'CustomerSegment',
  product: 'Product',
  category: 'Category',
  severity: 'Severity',
  /** The customer's own words, redacted at capture. */
  customerWords: 'CustomerWords',
  /** The employee's observation, redacted at capture. */
  observation: 'Observation',
  promiseText: 'PromiseText',
  promiseDue: 'PromiseDue',
  /** Counts of what was redacted, by kind (JSON `{ "phone": 1 }`), never the values. */
  redactions: 'RedactionsJson',
  language: 'RelayLanguage',
  /** The insight the relaying employee chose to join at capture (triage), if any. */
  requestedInsightId: 'RequestedInsightId',
  /** The insight the relay belongs to, set by ingestion. */
  insightId: 'InsightId',
  ingestState: 'IngestState',
  /** Local date of the relay in the policy's time zone ('YYYY-MM-DD'), set by ingestion: daily statistics. */
  dayKey: 'DayKey',
  /** Why ingestion refused the relay ('tooLong:customerWords,observation'), set with IngestState 'rejected'. */
  rejectReason: 'RejectReason'
} as const;

export const INSIGHT_FIELDS = {
  /** Idempotency key: 'relay:<clientId of the first relay>' (a job run retried creates one insight). */
  key: 'InsightKey',
  summary: 'Summary',
  category: 'Category',
  product: 'Product',
  /** The highest severity among its relays. */
  severity: 'Severity',
  reach: 'Reach',
  firstSeen: 'FirstSeen',
  lastSeen: 'LastSeen',
  ownerUpn: 'OwnerUpn',
  ownerGroupId: 'OwnerGroupId',
  ownerGroupName: 'OwnerGroupName',
  /** Why this owner: 'rule:<id>', 'fallback', 'manual'. */
  ownerSource: 'OwnerSource',
  /** The owning department's name, for per-department statistics. */
  department: 'Department',
  status: 'Status',
  /** JSON array of { at, status }: what the silence clock is computed from. */
  statusHistory: 'StatusHistoryJson',
  closureReason: 'ClosureReason',
  /** The owner's response, shown to every relaying employee. */
  response: 'Response',
  /** A ready-to-send reply for the customer. */
  customerReply: 'CustomerReply',
  respondedBy: 'RespondedByUpn',
  acknowledgedAt: 'AcknowledgedAt',
  /** Local date of the first acknowledgement in the policy's time zone ('YYYY-MM-DD'): daily statistics. */
  acknowledgedDay: 'AcknowledgedDay',
  closedAt: 'ClosedAt',
  /** Local date of closing in the policy's time zone ('YYYY-MM-DD'): daily statistics. */
  closedDay: 'ClosedDay',
  /** Business hours from first relay to acknowledgement, and to closing (set when they happen). */
  acknowledgeHours: 'AcknowledgeHours',
  resolveHours: 'ResolveHours',
  acknowledgeBreached: 'AcknowledgeBreached',
  resolveBreached: 'ResolveBreached',
  /** Set when merged into another insight (status 'duplicate'). */
  mergedInto: 'MergedIntoId',
  /** true while the insight is not closed: the dashboard's and matching's first filter clause. */
  isOpen: 'IsOpen'
} as const;

export const ACTIVITY_FIELDS = {
  /** Idempotency key, e.g. 'relay:<relay clientId>', 'status:<insightId>:<etag>', 'notify:<escalation key>'. */
  key: 'ActivityKey',
  insightId: 'InsightId',
  kind: 'Kind',
  actorUpn: 'ActorUpn',
  text: 'ActivityText',
  /** JSON details (status from/to, owner from/to, merged ids, notification recipients...). */
  data: 'DataJson',
  at: 'At'
} as const;

export const STATS_FIELDS = {
  /** 'YYYY-MM-DD' in the policy's time zone: one item per day. */
  dayKey: 'DayKey',
  /** JSON of core/relay/model.ts DayStats. */
  data: 'DataJson'
} as const;

export const BANNER_FIELDS = {
  /** Idempotency key, e.g. 'spike:category:delivery:2026-W47'. */
  key: 'BannerKey',
  message: 'Message',
  messageFr: 'MessageFr',
  level: 'Level',
  startsAt: 'StartsAt',
  endsAt: 'EndsAt',
  /** Where it came from, e.g. 'spike:category:delivery'. */
  source: 'Source'
} as const;

/**
 * "Customer feedback": one item per relay. Read security 2: an employee reads only the relays they
 * created; the management role (Design, which holds "Override List Behaviors") reads all. Write
 * security 2: only the author edits their relay (ingestion runs with the relay job's identity).
 */
export const RELAYS_LIST = {
  title: RELAYS_LIST_TITLE,
  description: 'Social intranet suite: customer feedback relayed by employees (one item per relay, customer PII redacted at capture). Each employee reads only their own; the management role reads all.',
  versioning: false,
  readSecurity: 2,
  writeSecurity: 2,
  excludedFromSearch: true,
  fields: [
    { internalName: RELAY_FIELDS.clientId, title: 'Client id', type: 'Text', required: true, unique: true, indexed: true, maxLength: 64 },
    { internalName: RELAY_FIELDS.relayerUpn, title: 'Relayed by (UPN)', type: 'Text', required: true, indexed: true, maxLength: 255 },
    { internalName: RELAY_FIELDS.anonymous, title: 'Anonymous', type: 'Boolean' },
    { internalName: RELAY_FIELDS.channel, title: 'Channel', type: 'Text', maxLength: 64 },
    { internalName: RELAY_FIELDS.segment, title: 'Customer segment or account', type: 'Text', maxLength: 255 },
    { internalName: RELAY_FIELDS.product, title: 'Product or service', type: 'Text', indexed: true, maxLength: 64 },
    { internalName: RELAY_FIELDS.category, title: 'Category', type: 'Text', indexed: true, maxLength: 64 },
    { internalName: RELAY_FIELDS.severity, title: 'Severity', type: 'Text', maxLength: 64 },
    { internalName: RELAY_FIELDS.customerWords, title: 'Customer\'s words', type: 'Note', required: true },
    { internalName: RELAY_FIELDS.observation, title: 'Observation', type: 'Note' },
    { internalName: RELAY_FIELDS.promiseText, title: 'Promise made', type: 'Note' },
    { internalName: RELAY_FIELDS.promiseDue, title: 'Promise due', type: 'DateTime', dateOnly: true },
    { internalName: RELAY_FIELDS.redactions, title: 'Redactions (JSON)', type: 'Note' },
    { internalName: RELAY_FIELDS.language, title: 'Language', type: 'Text', maxLength: 16 },
    { internalName: RELAY_FIELDS.requestedInsightId, title: 'Requested insight', type: 'Number' },
    { internalName: RELAY_FIELDS.insightId, title: 'Insight', type: 'Number', indexed: true },
    { internalName: RELAY_FIELDS.ingestState, title: 'Ingest state', type: 'Choice', choices: INGEST_STATES, indexed: true },
    { internalName: RELAY_FIELDS.dayKey, title: 'Day', type: 'Text', indexed: true, maxLength: 10 },
    { internalName: RELAY_FIELDS.rejectReason, title: 'Reject reason', type: 'Text', maxLength: 255 }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'management', level: 'Design' },
      { role: 'everyone', level: 'Contribute' }
    ]
  }
} as const satisfies ListSchema;

/**
 * "Customer insights": the clusters. Everyone reads them (triage shows "relayed 14 times", "My
 * relays" shows the outcome; texts are redacted); the management role edits them (Contribute:
 * items only, not the list's settings); versioned (the
 * audit trail of status and owner changes, on top of the activity timeline).
 */
export const INSIGHTS_LIST = {
  title: INSIGHTS_LIST_TITLE,
  description: 'Social intranet suite: customer insights (relays about one problem), with owner, status, clock and response. Everyone reads; the management role acts.',
  versioning: true,
  majorVersionLimit: 500,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: INSIGHT_FIELDS.key, title: 'Insight key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 128 },
    { internalName: INSIGHT_FIELDS.summary, title: 'Summary', type: 'Note' },
    { internalName: INSIGHT_FIELDS.category, title: 'Category', type: 'Text', indexed: true, maxLength: 64 },
    { internalName: INSIGHT_FIELDS.product, title: 'Product or service', type: 'Text', indexed: true, maxLength: 64 },
    { internalName: INSIGHT_FIELDS.severity, title: 'Severity', type: 'Text', maxLength: 64 },
    { internalName: INSIGHT_FIELDS.reach, title: 'Reach', type: 'Number' },
    { internalName: INSIGHT_FIELDS.firstSeen, title: 'First seen', type: 'DateTime' },
    { internalName: INSIGHT_FIELDS.lastSeen, title: 'Last seen', type: 'DateTime', indexed: true },
    { internalName: INSIGHT_FIELDS.ownerUpn, title: 'Owner (UPN)', type: 'Text', indexed: true, maxLength: 255 },
    { internalName: INSIGHT_FIELDS.ownerGroupId, title: 'Owner group id', type: 'Text', indexed: true, maxLength: 64 },
    { internalName: INSIGHT_FIELDS.ownerGroupName, title: 'Owner group', type: 'Text', maxLength: 255 },
    { internalName: INSIGHT_FIELDS.ownerSource, title: 'Owner source', type: 'Text', maxLength: 128 },
    { internalName: INSIGHT_FIELDS.department, title: 'Department', type: 'Text', maxLength: 255 },
    { internalName: INSIGHT_FIELDS.status, title: 'Status', type: 'Choice', choices: INSIGHT_STATUS_CHOICES, indexed: true },
    { internalName: INSIGHT_FIELDS.statusHistory, title: 'Status history (JSON)', type: 'Note' },
    { internalName: INSIGHT_FIELDS.closureReason, title: 'Closure reason', type: 'Text', maxLength: 255 },
    { internalName: INSIGHT_FIELDS.response, title: 'Response', type: 'Note' },
    { internalName: INSIGHT_FIELDS.customerReply, title: 'Reply for the customer', type: 'Note' },
    { internalName: INSIGHT_FIELDS.respondedBy, title: 'Responded by (UPN)', type: 'Text', indexed: true, maxLength: 255 },
    { internalName: INSIGHT_FIELDS.acknowledgedAt, title: 'Acknowledged', type: 'DateTime' },
    { internalName: INSIGHT_FIELDS.acknowledgedDay, title: 'Acknowledged day', type: 'Text', indexed: true, maxLength: 10 },
    { internalName: INSIGHT_FIELDS.closedAt, title: 'Closed', type: 'DateTime' },
    { internalName: INSIGHT_FIELDS.closedDay, title: 'Closed day', type: 'Text', indexed: true, maxLength: 10 },
    { internalName: INSIGHT_FIELDS.acknowledgeHours, title: 'Hours to acknowledge', type: 'Number' },
    { internalName: INSIGHT_FIELDS.resolveHours, title: 'Hours to resolve', type: 'Number' },
    { internalName: INSIGHT_FIELDS.acknowledgeBreached, title: 'Acknowledgement breached', type: 'Boolean' },
    { internalName: INSIGHT_FIELDS.resolveBreached, title: 'Resolution breached', type: 'Boolean' },
    { internalName: INSIGHT_FIELDS.mergedInto, title: 'Merged into', type: 'Number' },
    { internalName: INSIGHT_FIELDS.isOpen, title: 'Open', type: 'Boolean', indexed: true }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'management', level: 'Contribute' },
      { role: 'everyone', level: 'Read' }
    ]
  }
} as const satisfies ListSchema;

/**
 * "Insight activity": the timeline (every relay joined, status change, comment, response,
 * reassignment, merge and notification sent), one item per entry, never edited. Management reads
 * and adds; employees see outcomes through the insight itself.
 */
export const INSIGHT_ACTIVITY_LIST = {
  title: INSIGHT_ACTIVITY_LIST_TITLE,
  description: 'Social intranet suite: the history of each customer insight (relays, status changes, comments, responses, notifications). The management role reads and adds.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  excludedFromSearch: true,
  fields: [
    { internalName: ACTIVITY_FIELDS.key, title: 'Activity key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: ACTIVITY_FIELDS.insightId, title: 'Insight', type: 'Number', required: true, indexed: true },
    { internalName: ACTIVITY_FIELDS.kind, title: 'Kind', type: 'Choice', choices: ACTIVITY_KINDS, required: true },
    { internalName: ACTIVITY_FIELDS.actorUpn, title: 'Actor (UPN)', type: 'Text', maxLength: 255 },
    { internalName: ACTIVITY_FIELDS.text, title: 'Text', type: 'Note' },
    { internalName: ACTIVITY_FIELDS.data, title: 'Data (JSON)', type: 'Note' },
    { internalName: ACTIVITY_FIELDS.at, title: 'At', type: 'DateTime', required: true }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'management', level: 'Contribute' }
    ]
  }
} as const satisfies ListSchema;

/** "Relay statistics": one item per day, recomputed by the relay job, read by the dashboard. */
export const RELAY_STATS_LIST = {
  title: RELAY_STATS_LIST_TITLE,
  description: 'Social intranet suite: daily relay statistics (counts by category and product, times to acknowledge and resolve), written by the relay job.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  excludedFromSearch: true,
  fields: [
    { internalName: STATS_FIELDS.dayKey, title: 'Day', type: 'Text', required: true, unique: true, indexed: true, maxLength: 10 },
    { internalName: STATS_FIELDS.data, title: 'Data (JSON)', type: 'Note', required: true }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'management', level: 'Read' },
      { role: 'communications', level: 'Read' }
    ]
  }
} as const satisfies ListSchema;

/** "Company banners": what the portal header shows to everyone, published by the communications team. */
export const BANNERS_LIST = {
  title: BANNERS_LIST_TITLE,
  description: 'Social intranet suite: company banners shown by the portal header (for example after a spike in customer feedback). The communications team publishes; everyone reads.',
  versioning: true,
  majorVersionLimit: 50,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: BANNER_FIELDS.key, title: 'Banner key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: BANNER_FIELDS.message, title: 'Message', type: 'Note', required: true },
    { internalName: BANNER_FIELDS.messageFr, title: 'Message (French)', type: 'Note' },
    { internalName: BANNER_FIELDS.level, title: 'Level', type: 'Choice', choices: ['info', 'warning'] },
    { internalName: BANNER_FIELDS.startsAt, title: 'Starts', type: 'DateTime' },
    { internalName: BANNER_FIELDS.endsAt, title: 'Ends', type: 'DateTime', required: true, indexed: true },
    { internalName: BANNER_FIELDS.source, title: 'Source', type: 'Text', maxLength: 255 }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'communications', level: 'Edit' },
      { role: 'everyone', level: 'Read' }
    ]
  }
} as const satisfies ListSchema;

export type RelayItem = ListItemOf<typeof RELAYS_LIST>;
export type InsightItem = ListItemOf<typeof INSIGHTS_LIST>;
export type InsightActivityItem = ListItemOf<typeof INSIGHT_ACTIVITY_LIST>;
export type RelayStatsItem = ListItemOf<typeof RELAY_STATS_LIST>;
export type BannerItem = ListItemOf<typeof BANNERS_LIST>;

/** The relay's lists, in provisioning order. */
export const RELAY_LISTS: readonly ListSchema[] = [RELAYS_LIST, INSIGHTS_LIST, INSIGHT_ACTIVITY_LIST, RELAY_STATS_LIST, BANNERS_LIST];
