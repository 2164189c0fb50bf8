/**
 * The zod schema of the policy document (see types.ts, the contract it must match).
 *
 * - Every object is strict: a key the suite does not know is refused, never silently kept.
 * - Custom checks carry their error code as the issue message (and their params in `params`);
 *   validate.ts turns zod issues into PolicyFieldError[] with those codes.
 * - Checks that relate several fields (unique keys, routing references, resolve >= acknowledge)
 *   run once the shapes they read are right: zod skips a refinement whose input has a type error.
 *
 * Pure: no I/O, no wall clock. Intl.DateTimeFormat checks time zone names.
 */
import { z } from 'zod';
import { FEATURE_KEYS, ROLE_KEYS } from './types';
import type { FeatureKey, Policy, PolicyErrorCode, RoleKey } from './types';

import { POLICY_SCHEMA_VERSION } from './version';

export { POLICY_SCHEMA_VERSION };

/** Bounds of the settings, shared with the documentation (docs/policy.md) and the settings form. */
export const POLICY_LIMITS = {
  /** Labels, names and free texts. */
  labelMaxLength: 120,
  groupNameMaxLength: 255,
  /** SharePoint group titles are at most 255 characters. */
  groupIdMaxLength: 255,
  keyMaxLength: 40,
  groupsPerList: 50,
  options: { min: 1, max: 100 },
  products: { min: 0, max: 100 },
  severities: { min: 1, max: 10 },
  severityWeight: { min: 0.1, max: 100 },
  /** Targets in business hours: a quarter of an hour to about a year of working days. */
  targetHours: { min: 0.25, max: 2000 },
  routingRules: { max: 200 },
  managerChainLevel: { min: 1, max: 10 },
  holidays: { max: 400 },
  escalationSteps: { max: 10 },
  escalationShare: { min: 0.1, max: 10 },
  retentionDays: { min: 1, max: 3650 },
  blockedTerms: { max: 1000 },
  termMaxLength: 100,
  flagHideThreshold: { min: 1, max: 100 },
  newMemberPostsToApprove: { min: 1, max: 50 },
  rateLimit: { min: 1, max: 1000 },
  zScore: { min: 1, max: 10 },
  minimumCount: { min: 1, max: 10000 },
  baselineDays: { min: 7, max: 365 },
  windowDays: { min: 1, max: 90 },
  skills: { max: 2000 },
  synonymsPerSkill: { max: 50 },
  businessUnitMaxLength: 100,
  timeZoneMaxLength: 64
} as const;

/** The statuses of an insight that may stop its clock. */
export const PAUSE_STATES = ['waitingOnCustomer', 'waitingOnThirdParty'] as const;

const ESCALATION_RECIPIENTS = ['owner', 'ownerManager', 'ownerManagersManager'] as const;

const KEY_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const IANA_ZONE_PATTERN = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$/;
const NOT_BLANK = /\S/;

function issue(ctx: z.RefinementCtx, code: PolicyErrorCode, path: (string | number)[], params?: Record<string, string | number>): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: code, path, ...(params ? { params } : {}) });
}

/** A calendar date that exists ('2026-02-30' does not). */
export function isIsoDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** An IANA time zone name the platform knows ('America/Toronto', 'Europe/Paris', 'UTC'). */
export function isTimeZone(value: string): boolean {
  if (value.length > POLICY_LIMITS.timeZoneMaxLength || !IANA_ZONE_PATTERN.test(value)) return false;
  try {
    // Throws a RangeError for a zone the platform's time zone database does not hold.
    // eslint-disable-next-line no-new
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since midnight of an 'HH:mm' time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Adds `duplicateKey` on every repeat of an identity (the first occurrence is fine). */
function uniqueBy<T>(items: readonly T[], identity: (item: T) => string, ctx: z.RefinementCtx, field?: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const id = identity(item);
    if (seen.has(id)) issue(ctx, 'duplicateKey', field === undefined ? [index] : [index, field], { key: id });
    seen.add(id);
  });
}

/** Lower case without accents, for comparisons that ignore both. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

const text = (max: number): z.ZodString => z.string().max(max).regex(NOT_BLANK, { message: 'required' });

/** Stored keys and ids: lower-case letters, digits and inner hyphens ('call-centre'). */
const keySchema = z.string().min(1, { message: 'required' }).max(POLICY_LIMITS.keyMaxLength).superRefine((key, ctx) => {
  if (key.length > 0 && !KEY_PATTERN.test(key)) issue(ctx, 'invalid', [], { format: 'key' });
});

const LocalizedTextSchema = z.object({
  en: text(POLICY_LIMITS.labelMaxLength),
  fr: text(POLICY_LIMITS.labelMaxLength)
}).strict();

const PolicyOptionSchema = z.object({
  key: keySchema,
  label: LocalizedTextSchema,
  active: z.boolean()
}).strict();

const GroupRefSchema = z.object({
  kind: z.enum(['sharepoint', 'entra']),
  id: z.string().max(POLICY_LIMITS.groupIdMaxLength),
  name: z.string().max(POLICY_LIMITS.groupNameMaxLength)
}).strict().superRefine((group, ctx) => {
  // An Entra group is named by its object id (a GUID); a SharePoint group by its title.
  const ok = group.kind === 'entra' ? GUID_PATTERN.test(group.id) : NOT_BLANK.test(group.id);
  if (!ok) issue(ctx, 'invalidGroup', ['id'], { kind: group.kind });
});

const groupIdentity = (g: { kind: string; id: string }): string => `${g.kind}:${g.id.toLowerCase()}`;

const groupList = (min: number, minCode: PolicyErrorCode | undefined): z.ZodEffects<z.ZodArray<typeof GroupRefSchema>> =>
  z.array(GroupRefSchema)
    .min(min, minCode ? { message: minCode } : undefined)
    .max(POLICY_LIMITS.groupsPerList)
    .superRefine((groups, ctx) => uniqueBy(groups, groupIdentity, ctx, 'id'));

const AudienceSchema = z.discriminatedUnion('everyone', [
  z.object({ everyone: z.literal(true), except: groupList(0, undefined).optional() }).strict(),
  z.object({ everyone: z.literal(false), groups: groupList(1, 'emptyAudience'), except: groupList(0, undefined).optional() }).strict()
]);

const FeatureToggleSchema = z.object({ enabled: z.boolean(), audience: AudienceSchema }).strict();

const featureShape = Object.fromEntries(FEATURE_KEYS.map(k => [k, FeatureToggleSchema])) as Record<FeatureKey, typeof FeatureToggleSchema>;
const FeaturesSchema = z.object(featureShape).strict();

const roleShape = Object.fromEntries(ROLE_KEYS.map(k => [k, k === 'tenantAdmins' ? groupList(1, 'noTenantAdmin') : groupList(0, undefined)])) as
  Record<RoleKey, ReturnType<typeof groupList>>;
const RolesSchema = z.object(roleShape).strict();

const hours = z.number().finite().min(POLICY_LIMITS.targetHours.min).max(POLICY_LIMITS.targetHours.max);

const SeveritySchema = z.object({
  key: keySchema,
  label: LocalizedTextSchema,
  weight: z.number().finite().min(POLICY_LIMITS.severityWeight.min).max(POLICY_LIMITS.severityWeight.max),
  acknowledgeHours: hours,
  resolveHours: hours
}).strict().superRefine((s, ctx) => {
  if (s.resolveHours < s.acknowledgeHours) issue(ctx, 'resolveBeforeAcknowledge', ['resolveHours'], { min: s.acknowledgeHours });
});

const RoutingOwnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), group: GroupRefSchema }).strict(),
  z.object({
    kind: z.literal('managerChain'),
    level: z.number().int().min(POLICY_LIMITS.managerChainLevel.min).max(POLICY_LIMITS.managerChainLevel.max)
  }).strict()
]);

const RoutingRuleSchema = z.object({
  id: keySchema,
  when: z.object({
    category: keySchema.optional(),
    product: keySchema.optional(),
    businessUnit: text(POLICY_LIMITS.businessUnitMaxLength).optional()
  }).strict(),
  owner: RoutingOwnerSchema
}).strict();

const timeSchema = z.string().max(5).regex(TIME_PATTERN, { message: 'invalidTime' });
const dateSchema = z.string().max(10).refine(isIsoDate, { message: 'invalidDate' });

const CalendarSchema = z.object({
  timeZone: z.string().max(POLICY_LIMITS.timeZoneMaxLength).refine(isTimeZone, { message: 'invalidTimeZone' }),
  workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7)
    .superRefine((days, ctx) => uniqueBy(days, String, ctx)),
  workingHours: z.object({ start: timeSchema, end: timeSchema }).strict()
    .superRefine((h, ctx) => {
      const valid = TIME_PATTERN.test(h.start) && TIME_PATTERN.test(h.end);
      if (valid && minutesOf(h.start) >= minutesOf(h.end)) issue(ctx, 'startAfterEnd', ['end'], { start: h.start });
    }),
  holidays: z.array(dateSchema).max(POLICY_LIMITS.holidays.max)
    .superRefine((dates, ctx) => uniqueBy(dates, d => d, ctx))
}).strict();

const EscalationStepSchema = z.object({
  atShareOfTarget: z.number().finite().min(POLICY_LIMITS.escalationShare.min).max(POLICY_LIMITS.escalationShare.max),
  notify: z.union([z.enum(ESCALATION_RECIPIENTS), z.object({ group: GroupRefSchema }).strict()])
}).strict();

const RedactionSchema = z.object({
  enabled: z.boolean(),
  emails: z.boolean(),
  phones: z.boolean(),
  paymentCards: z.boolean(),
  ibans: z.boolean(),
  nationalIds: z.boolean()
}).strict();

const pauseState = z.string().max(40).superRefine((state, ctx) => {
  if (!(PAUSE_STATES as readonly string[]).includes(state)) issue(ctx, 'invalidChoice', [], { options: PAUSE_STATES.join(', ') });
});

const optionList = (bounds: { min: number; max: number }): z.ZodEffects<z.ZodArray<typeof PolicyOptionSchema>> =>
  z.array(PolicyOptionSchema).min(bounds.min).max(bounds.max)
    .superRefine((options, ctx) => uniqueBy(options, o => o.key, ctx, 'key'));

const FeedbackSchema = z.object({
  categories: optionList(POLICY_LIMITS.options),
  products: optionList(POLICY_LIMITS.products),
  channels: optionList(POLICY_LIMITS.options),
  severities: z.array(SeveritySchema).min(POLICY_LIMITS.severities.min).max(POLICY_LIMITS.severities.max)
    .superRefine((severities, ctx) => uniqueBy(severities, s => s.key, ctx, 'key')),
  routing: z.array(RoutingRuleSchema).max(POLICY_LIMITS.routingRules.max)
    .superRefine((rules, ctx) => uniqueBy(rules, r => r.id, ctx, 'id')),
  fallbackOwner: GroupRefSchema,
  calendar: CalendarSchema,
  // types.ts says string[]: the known statuses are checked here, so the contract and the schema
  // keep the same type.
  pauseStates: z.array(pauseState).max(PAUSE_STATES.length)
    .superRefine((states, ctx) => uniqueBy(states, s => s, ctx)),
  escalation: z.array(EscalationStepSchema).max(POLICY_LIMITS.escalationSteps.max),
  redaction: RedactionSchema,
  allowAnonymous: z.boolean(),
  retentionDays: z.number().int().min(POLICY_LIMITS.retentionDays.min).max(POLICY_LIMITS.retentionDays.max)
}).strict().superRefine((feedback, ctx) => {
  // Routing rules may only name categories and products that exist (retired ones included).
  const categories = new Set(feedback.categories.map(c => c.key));
  const products = new Set(feedback.products.map(p => p.key));
  feedback.routing.forEach((rule, index) => {
    if (rule.when.category !== undefined && !categories.has(rule.when.category)) {
      issue(ctx, 'unknownReference', ['routing', index, 'when', 'category'], { key: rule.when.category });
    }
    if (rule.when.product !== undefined && !products.has(rule.when.product)) {
      issue(ctx, 'unknownReference', ['routing', index, 'when', 'product'], { key: rule.when.product });
    }
  });
});

const count = (bounds: { min: number; max: number }): z.ZodNumber => z.number().int().min(bounds.min).max(bounds.max);

const ModerationSchema = z.object({
  blockedTerms: z.array(text(POLICY_LIMITS.termMaxLength)).max(POLICY_LIMITS.blockedTerms.max)
    .superRefine((terms, ctx) => uniqueBy(terms, fold, ctx)),
  flagHideThreshold: z.number().finite().min(POLICY_LIMITS.flagHideThreshold.min).max(POLICY_LIMITS.flagHideThreshold.max),
  premoderateNewMembers: z.boolean(),
  newMemberPostsToApprove: count(POLICY_LIMITS.newMemberPostsToApprove),
  rateLimits: z.object({
    postsPerHour: count(POLICY_LIMITS.rateLimit),
    repliesPerHour: count(POLICY_LIMITS.rateLimit),
    flagsPerDay: count(POLICY_LIMITS.rateLimit)
  }).strict()
}).strict();

const SpikesSchema = z.object({
  zScore: z.number().finite().min(POLICY_LIMITS.zScore.min).max(POLICY_LIMITS.zScore.max),
  minimumCount: count(POLICY_LIMITS.minimumCount),
  baselineDays: count(POLICY_LIMITS.baselineDays),
  windowDays: count(POLICY_LIMITS.windowDays)
}).strict().superRefine((s, ctx) => {
  // The baseline must hold at least two windows, or it has no spread to measure against.
  const max = Math.floor(s.baselineDays / 2);
  if (s.windowDays > max) issue(ctx, 'tooBig', ['windowDays'], { max });
});

const SkillSchema = z.object({
  id: keySchema,
  label: LocalizedTextSchema,
  synonyms: z.array(text(POLICY_LIMITS.labelMaxLength)).max(POLICY_LIMITS.synonymsPerSkill.max)
}).strict();

const PolicyObjectSchema = z.object({
  schemaVersion: z.number().int().min(1).refine(v => v === POLICY_SCHEMA_VERSION, { message: 'unsupportedVersion' }),
  features: FeaturesSchema,
  roles: RolesSchema,
  feedback: FeedbackSchema,
  moderation: ModerationSchema,
  spikes: SpikesSchema,
  skills: z.array(SkillSchema).max(POLICY_LIMITS.skills.max)
    .superRefine((skills, ctx) => uniqueBy(skills, s => s.id, ctx, 'id')),
  defaultLocale: z.enum(['en-US', 'fr-FR'])
}).strict();

/** Compile-time proof that the schema and the contract (types.ts) describe the same type, both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const POLICY_SCHEMA_MATCHES_TYPES: Same<z.infer<typeof PolicyObjectSchema>, Policy> = true;

/**
 * The schema of each top-level part of the document (features, roles, feedback...), for code that
 * declares one part at a time (the settings form's sections). The whole document's refinements run
 * in validatePolicy only.
 */
export const POLICY_PART_SCHEMAS = PolicyObjectSchema.shape;

/** The schema of the policy document. Prefer validatePolicy (validate.ts), which never throws. */
export const PolicySchema: z.ZodType<Policy> = PolicyObjectSchema;
