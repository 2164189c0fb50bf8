/**
 * Helpers of the settings form: immutable updates at a dotted path, field ids, localized error
 * messages and readable names for setting paths and values. No React here.
 */
import { format } from '../../core/format';
import type { Policy, PolicyFieldError, PolicyErrorCode } from '../../core/policy';

export type Path = ReadonlyArray<string | number>;

/** The dotted form of a path, as PolicyFieldError.path spells it. */
export function dotted(path: Path): string {
  return path.map(String).join('.');
}

/** A copy of `root` with `value` at `path` (objects and arrays along the path are copied). */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container = (root ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown> | unknown[];
  const next = (container as Record<string | number, unknown>)[head];
  const updated = setAt(next, rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = updated;
    return copy as unknown as T;
  }
  const copy: Record<string | number, unknown> = { ...(container as Record<string | number, unknown>) };
  if (updated === undefined) delete copy[head];
  else copy[head] = updated;
  return copy as T;
}

/** The value at `path`, or undefined. */
export function getAt(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The DOM id of the control of a setting ('' is the whole document). */
export function fieldId(path: string | Path): string {
  const text = typeof path === 'string' ? path : dotted(path);
  return `suite-settings-${text.replace(/[^A-Za-z0-9_-]/g, '-') || 'document'}`;
}

const ERROR_KEYS: Record<PolicyErrorCode, keyof ISuiteSettingsStrings> = {
  required: 'ErrorRequired',
  tooShort: 'ErrorTooShort',
  tooLong: 'ErrorTooLong',
  tooSmall: 'ErrorTooSmall',
  tooBig: 'ErrorTooBig',
  notInteger: 'ErrorNotInteger',
  invalidType: 'ErrorInvalidType',
  invalidChoice: 'ErrorInvalidChoice',
  duplicateKey: 'ErrorDuplicateKey',
  unknownReference: 'ErrorUnknownReference',
  invalidTimeZone: 'ErrorInvalidTimeZone',
  invalidTime: 'ErrorInvalidTime',
  invalidDate: 'ErrorInvalidDate',
  startAfterEnd: 'ErrorStartAfterEnd',
  resolveBeforeAcknowledge: 'ErrorResolveBeforeAcknowledge',
  invalidGroup: 'ErrorInvalidGroup',
  emptyAudience: 'ErrorEmptyAudience',
  noTenantAdmin: 'ErrorNoTenantAdmin',
  unsupportedVersion: 'ErrorUnsupportedVersion',
  invalid: 'ErrorInvalid'
};

/** Which param fills {0} (and {1}) of each message. */
const ERROR_PARAMS: Partial<Record<PolicyErrorCode, string[]>> = {
  tooShort: ['min'],
  tooLong: ['max'],
  tooSmall: ['min'],
  tooBig: ['max'],
  invalidChoice: ['options'],
  duplicateKey: ['key'],
  unknownReference: ['key'],
  startAfterEnd: ['start'],
  resolveBeforeAcknowledge: ['min'],
  unsupportedVersion: ['version', 'supported']
};

/** The message of a field error in the user's language. */
export function errorMessage(error: PolicyFieldError, s: ISuiteSettingsStrings, locale: string): string {
  const key = ERROR_KEYS[error.code] || 'ErrorInvalid';
  const params = (ERROR_PARAMS[error.code] || []).map(name => {
    const v = error.params ? error.params[name] : undefined;
    if (typeof v === 'number') return new Intl.NumberFormat(locale).format(v);
    return v === undefined ? '?' : v;
  });
  return format(s[key], ...params);
}

/** Names of path segments, wherever they occur. */
function segmentName(segment: string, s: ISuiteSettingsStrings): string | null {
  const names: Record<string, string> = {
    features: s.AreaFeatures,
    roles: s.AreaRoles,
    feedback: s.AreaFeedback,
    moderation: s.AreaModeration,
    spikes: s.AreaSpikes,
    skills: s.AreaSkills,
    defaultLocale: s.DefaultLocale,
    schemaVersion: s.SchemaVersion,
    profiles: s.FeatureProfiles,
    expertiseSearch: s.FeatureExpertiseSearch,
    communities: s.FeatureCommunities,
    feedbackRelay: s.FeatureFeedbackRelay,
    highlights: s.FeatureHighlights,
    portalHeader: s.FeaturePortalHeader,
    enabled: s.FieldEnabled,
    audience: s.Audience,
    everyone: s.FieldEveryone,
    groups: s.FieldGroups,
    except: s.FieldExcept,
    tenantAdmins: s.RoleTenantAdmins,
    management: s.RoleManagement,
    communications: s.RoleCommunications,
    communityManagers: s.RoleCommunityManagers,
    categories: s.Categories,
    products: s.Products,
    channels: s.Channels,
    severities: s.Severities,
    routing: s.Routing,
    fallbackOwner: s.FallbackOwner,
    calendar: s.Calendar,
    timeZone: s.TimeZone,
    workingDays: s.WorkingDays,
    workingHours: s.FieldWorkingHours,
    start: s.FieldStart,
    end: s.FieldEnd,
    holidays: s.Holidays,
    pauseStates: s.PauseStates,
    escalation: s.Escalation,
    atShareOfTarget: s.AtShareOfTarget,
    notify: s.Notify,
    redaction: s.Redaction,
    emails: s.RedactEmails,
    phones: s.RedactPhones,
    paymentCards: s.RedactPaymentCards,
    ibans: s.RedactIbans,
    nationalIds: s.RedactNationalIds,
    allowAnonymous: s.AllowAnonymous,
    retentionDays: s.RetentionDays,
    blockedTerms: s.BlockedTerms,
    flagHideThreshold: s.FlagHideThreshold,
    premoderateNewMembers: s.PremoderateNewMembers,
    newMemberPostsToApprove: s.NewMemberPostsToApprove,
    rateLimits: s.RateLimits,
    postsPerHour: s.PostsPerHour,
    repliesPerHour: s.RepliesPerHour,
    flagsPerDay: s.FlagsPerDay,
    zScore: s.ZScore,
    minimumCount: s.MinimumCount,
    baselineDays: s.BaselineDays,
    windowDays: s.WindowDays,
    label: s.FieldLabel,
    en: s.FieldEnglish,
    fr: s.FieldFrench,
    key: s.FieldKey,
    id: s.FieldId,
    name: s.FieldName,
    kind: s.FieldKind,
    active: s.FieldActive,
    weight: s.SeverityWeight,
    acknowledgeHours: s.AcknowledgeHours,
    resolveHours: s.ResolveHours,
    when: s.FieldWhen,
    category: s.WhenCategory,
    product: s.WhenProduct,
    businessUnit: s.WhenBusinessUnit,
    owner: s.Owner,
    level: s.FieldLevel,
    group: s.FieldGroup,
    synonyms: s.FieldSynonyms
  };
  return Object.prototype.hasOwnProperty.call(names, segment) ? names[segment] : null;
}

/**
 * A readable name for a setting path: 'feedback.severities.0.resolveHours' becomes
 * "Feedback › Severities › no. 1 › Resolve within (business hours)". Item keys ('delivery') are
 * shown as they are.
 */
export function describePath(path: string, s: ISuiteSettingsStrings): string {
  if (!path) return s.WholeDocument;
  return path.split('.').map(segment => {
    if (/^\d+$/.test(segment)) return format(s.PathItem, Number(segment) + 1);
    return segmentName(segment, s) ?? segment;
  }).join(' › ');
}

/** A short readable form of a value of the policy, for the review of changes. */
export function describeValue(value: unknown, s: ISuiteSettingsStrings, locale: string): string {
  if (value === undefined || value === null) return s.ValueNone;
  if (typeof value === 'boolean') return value ? s.On : s.Off;
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string') return value === '' ? s.ValueEmpty : format(s.Quoted, value);
  if (Array.isArray(value)) {
    if (value.length === 0) return s.ValueEmpty;
    return value.map(v => describeValue(v, s, locale)).join(', ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const label = o.label as { en?: string; fr?: string } | undefined;
    if (label && typeof label === 'object') {
      const text = locale.toLowerCase().startsWith('fr') ? label.fr : label.en;
      return `${String(o.key ?? o.id ?? '')} (${text ?? ''})`.trim();
    }
    if (typeof o.name === 'string' && typeof o.kind === 'string') return o.name || String(o.id);
    if (typeof o.id === 'string') return o.id;
    const json = JSON.stringify(value);
    return json.length > 160 ? `${json.slice(0, 157)}…` : json;
  }
  return String(value);
}

/** The export file's name. */
export const EXPORT_FILE_NAME = 'suite-settings.json';

/** The JSON text of a policy, as exported. */
export function policyJson(policy: Policy): string {
  return JSON.stringify(policy, null, 2);
}
