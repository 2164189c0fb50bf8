/**
 * The tenant-wide policy document: one versioned JSON document that decides what is on, for
 * whom, and with which rules. Stored in the "Suite settings" list of the intranet hub site;
 * validated by core/policy/schema.ts (zod), which must stay in step with these types.
 */

/** A text shown to users, in both languages of the suite. */
export interface LocalizedText {
  en: string;
  fr: string;
}

/** A choice offered to users (a category, a product, a channel...). `key` is stored; labels are shown. */
export interface PolicyOption {
  key: string;
  label: LocalizedText;
  /** Retired options stay for old data but are no longer offered. */
  active: boolean;
}

/**
 * A group that holds a role or forms an audience: a SharePoint site group (by title) or an
 * Entra group (by object id). `name` is for display only.
 */
export interface GroupRef {
  kind: 'sharepoint' | 'entra';
  id: string;
  name: string;
}

/**
 * Who a feature is for: everyone, or members of listed groups; in both cases minus the members of
 * `except` (how a feature is turned off for a pilot group while everyone else keeps it).
 */
export type Audience =
  | { everyone: true; except?: GroupRef[] }
  | { everyone: false; groups: GroupRef[]; except?: GroupRef[] };

export interface FeatureToggle {
  enabled: boolean;
  audience: Audience;
}

export type FeatureKey = 'profiles' | 'expertiseSearch' | 'communities' | 'feedbackRelay' | 'highlights' | 'portalHeader';

export const FEATURE_KEYS: readonly FeatureKey[] = ['profiles', 'expertiseSearch', 'communities', 'feedbackRelay', 'highlights', 'portalHeader'];

export type RoleKey = 'tenantAdmins' | 'management' | 'communications' | 'communityManagers';

export const ROLE_KEYS: readonly RoleKey[] = ['tenantAdmins', 'management', 'communications', 'communityManagers'];

export interface Severity {
  key: string;
  label: LocalizedText;
  /** Weight in the cost of delay (reach × weight × time open). */
  weight: number;
  /** Target for the first acknowledgement, in business hours. */
  acknowledgeHours: number;
  /** Target for resolution, in business hours; at least the acknowledgement target. */
  resolveHours: number;
}

/** Where an insight goes: a group, or up the relaying employee's manager chain. */
export type RoutingOwner =
  | { kind: 'group'; group: GroupRef }
  | { kind: 'managerChain'; /** 1 = the relaying employee's manager, 2 = their manager's manager... */ level: number };

export interface RoutingRule {
  id: string;
  /** Every condition given must match (an empty condition set matches everything). */
  when: { category?: string; product?: string; businessUnit?: string };
  owner: RoutingOwner;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. 'America/Toronto'. */
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday ... 7 = Sunday. */
  workingDays: number[];
  /** Working hours, local time 'HH:mm' (start before end). */
  workingHours: { start: string; end: string };
  /** Public holidays, local dates 'YYYY-MM-DD'. */
  holidays: string[];
}

export interface EscalationStep {
  /** When the step fires, as a share of the target elapsed: 0.8 = warning at 80 %, 1 = breach. */
  atShareOfTarget: number;
  /** Who is told: the owner, the owner's manager, the next manager up, or a group. */
  notify: 'owner' | 'ownerManager' | 'ownerManagersManager' | { group: GroupRef };
}

export interface RedactionPolicy {
  enabled: boolean;
  emails: boolean;
  phones: boolean;
  paymentCards: boolean;
  ibans: boolean;
  nationalIds: boolean;
}

export interface FeedbackPolicy {
  categories: PolicyOption[];
  products: PolicyOption[];
  channels: PolicyOption[];
  severities: Severity[];
  routing: RoutingRule[];
  fallbackOwner: GroupRef;
  calendar: BusinessCalendar;
  /** Statuses that stop the clock (waiting on the customer or a third party). */
  pauseStates: string[];
  escalation: EscalationStep[];
  redaction: RedactionPolicy;
  allowAnonymous: boolean;
  /** Relays are deleted after this many days (insights keep counts, not texts). */
  retentionDays: number;
}

export interface ModerationPolicy {
  /** Terms refused in posts (matched whole-word, accent- and case-insensitive). */
  blockedTerms: string[];
  /** A post is hidden once the weighted flags reach this value. */
  flagHideThreshold: number;
  /** New members' first posts wait for a community manager's approval. */
  premoderateNewMembers: boolean;
  /** How many first posts of a new member are pre-moderated. */
  newMemberPostsToApprove: number;
  rateLimits: { postsPerHour: number; repliesPerHour: number; flagsPerDay: number };
}

export interface SpikePolicy {
  /** How far above its own recent baseline a category or product must be (in standard deviations). */
  zScore: number;
  /** Fewest relays in the current window before a spike can be raised (avoids noise). */
  minimumCount: number;
  /** Days of history that form the baseline. */
  baselineDays: number;
  /** Length of the current window, in days. */
  windowDays: number;
}

export interface SkillDefinition {
  id: string;
  label: LocalizedText;
  /** Other names people search with, in either language (e.g. 'CRM'). */
  synonyms: string[];
}

export interface Policy {
  /** Version of the document's shape (see POLICY_SCHEMA_VERSION); upgraded on read. */
  schemaVersion: number;
  features: Record<FeatureKey, FeatureToggle>;
  roles: Record<RoleKey, GroupRef[]>;
  feedback: FeedbackPolicy;
  moderation: ModerationPolicy;
  spikes: SpikePolicy;
  skills: SkillDefinition[];
  defaultLocale: 'en-US' | 'fr-FR';
}

/** A field-level validation error; `code` selects a localized message, `params` fill it. */
export interface PolicyFieldError {
  /** Dotted path of the field, e.g. 'feedback.severities.0.resolveHours'. */
  path: string;
  code: PolicyErrorCode;
  params?: Record<string, string | number>;
}

export type PolicyErrorCode =
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'tooSmall'
  | 'tooBig'
  | 'notInteger'
  | 'invalidType'
  | 'invalidChoice'
  | 'duplicateKey'
  | 'unknownReference'
  | 'invalidTimeZone'
  | 'invalidTime'
  | 'invalidDate'
  | 'startAfterEnd'
  | 'resolveBeforeAcknowledge'
  | 'invalidGroup'
  | 'emptyAudience'
  | 'noTenantAdmin'
  | 'unsupportedVersion'
  | 'invalid';

export type PolicyValidation =
  | { ok: true; policy: Policy }
  | { ok: false; errors: PolicyFieldError[] };

/** One difference between two policies, for the "what changes" preview and the history. */
export interface PolicyChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}
