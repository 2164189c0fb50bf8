/**
 * Validation of a policy document from anywhere (the settings form, an imported file, the stored
 * item): zod issues become field-level errors with stable dotted paths and the codes of types.ts,
 * which the settings views turn into messages in the user's language. Never throws.
 */
import type { ZodIssue } from 'zod';
import { POLICY_SCHEMA_VERSION, PolicySchema } from './schema';
import type { PolicyErrorCode, PolicyFieldError, PolicyValidation } from './types';

/** Longest JSON text accepted by parsePolicyJson (the defaults are about 30,000 characters). */
export const MAX_POLICY_JSON_LENGTH = 1000000;

/** Most errors reported for one document: enough to fix a form, bounded for a hostile import. */
export const MAX_REPORTED_ERRORS = 100;

const CODES: ReadonlySet<string> = new Set<PolicyErrorCode>([
  'required', 'tooShort', 'tooLong', 'tooSmall', 'tooBig', 'notInteger', 'invalidType', 'invalidChoice',
  'duplicateKey', 'unknownReference', 'invalidTimeZone', 'invalidTime', 'invalidDate', 'startAfterEnd',
  'resolveBeforeAcknowledge', 'invalidGroup', 'emptyAudience', 'noTenantAdmin', 'unsupportedVersion', 'invalid'
]);

type Params = Record<string, string | number>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function dotted(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/** The value at a path of the input, reading own properties only. */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !hasOwn(current, String(segment))) return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

/** Keeps the params a message can use: strings and finite numbers. */
function cleanParams(params: unknown): Params | undefined {
  if (!isRecord(params)) return undefined;
  const out: Params = {};
  for (const key of Object.keys(params)) {
    const v = params[key];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function error(path: string, code: PolicyErrorCode, params?: Params): PolicyFieldError {
  return params ? { path, code, params } : { path, code };
}

function choices(options: readonly unknown[]): Params {
  return { options: options.map(String).join(', ') };
}

/** The code the issue's message names, when a check of schema.ts set one. */
function codeInMessage(issue: ZodIssue): PolicyErrorCode | null {
  return CODES.has(issue.message) ? (issue.message as PolicyErrorCode) : null;
}

function toFieldErrors(issue: ZodIssue, input: unknown, out: PolicyFieldError[]): void {
  const path = dotted(issue.path);
  const named = codeInMessage(issue);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') out.push(error(path, 'required'));
      else if (issue.expected === 'integer') out.push(error(path, 'notInteger'));
      else out.push(error(path, 'invalidType', { expected: String(issue.expected), received: String(issue.received) }));
      return;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (named) out.push(named === 'required' ? error(path, named) : error(path, named, { min }));
      else if (issue.type === 'number') out.push(error(path, 'tooSmall', { min }));
      else out.push(error(path, 'tooShort', { min }));
      return;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (named) out.push(error(path, named, { max }));
      else if (issue.type === 'number') out.push(error(path, 'tooBig', { max }));
      else out.push(error(path, 'tooLong', { max }));
      return;
    }
    case 'invalid_enum_value':
      out.push(error(path, 'invalidChoice', choices(issue.options)));
      return;
    case 'invalid_literal':
      out.push(error(path, 'invalidChoice', choices([issue.expected])));
      return;
    case 'invalid_union_discriminator':
      out.push(valueAt(input, issue.path) === undefined ? error(path, 'required') : error(path, 'invalidChoice', choices(issue.options)));
      return;
    case 'unrecognized_keys':
      // A key the suite does not know (a typo, a newer version's field, "__proto__"): refused.
      for (const key of issue.keys) out.push(error(dotted([...issue.path, key]), 'invalid', { key }));
      return;
    case 'invalid_union': {
      // Report the errors of the branch whose type matched (an object given where an object
      // alternative exists); when none did, the value itself is of the wrong kind.
      const matched = issue.unionErrors.filter(e => !e.issues.some(i =>
        i.code === 'invalid_type' && dotted(i.path) === path));
      if (matched.length === 1) {
        for (const sub of matched[0].issues) toFieldErrors(sub, input, out);
      } else {
        const value = valueAt(input, issue.path);
        out.push(value === undefined ? error(path, 'required') : error(path, 'invalidType', { received: Array.isArray(value) ? 'array' : typeof value }));
      }
      return;
    }
    case 'not_finite':
      out.push(error(path, 'invalidType', { expected: 'number', received: 'infinity' }));
      return;
    case 'custom':
      out.push(error(path, named || 'invalid', cleanParams(issue.params)));
      return;
    default:
      out.push(error(path, named || 'invalid'));
  }
}

/** One error per field (the first found), at most MAX_REPORTED_ERRORS, in the order zod found them. */
function firstPerField(errors: PolicyFieldError[]): PolicyFieldError[] {
  const seen = new Set<string>();
  const out: PolicyFieldError[] = [];
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
    if (out.length >= MAX_REPORTED_ERRORS) break;
  }
  return out;
}

/** The schemaVersion of a document, when it has a usable one. */
function versionOf(doc: unknown): number | undefined {
  if (!isRecord(doc) || !hasOwn(doc, 'schemaVersion')) return undefined;
  const v = doc.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** Upgrades a document of version `n` to `n + 1`. */
export type PolicyUpgradeStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upgrade steps by the version they read: UPGRADES[1] turns a version 1 document into version 2.
 * Empty while POLICY_SCHEMA_VERSION is 1. A step must not throw on a document of its version that
 * is otherwise invalid: the schema reports what is wrong after the upgrade.
 */
const UPGRADES: Readonly<Record<number, PolicyUpgradeStep>> = {};

/**
 * Runs the steps from the document's version up to `target`. Returns the input itself when there is
 * nothing to do: not an object, no integer version, a version at or above `target`, or a missing step.
 */
export function applyUpgrades(doc: unknown, steps: Readonly<Record<number, PolicyUpgradeStep>>, target: number): unknown {
  let version = versionOf(doc);
  if (version === undefined || version < 1 || version >= target || !isRecord(doc)) return doc;
  let current: Record<string, unknown> = doc;
  while (version < target) {
    const step = hasOwn(steps, String(version)) ? steps[version] : undefined;
    if (!step) return current;
    current = { ...step(current), schemaVersion: version + 1 };
    version++;
  }
  return current;
}

/**
 * Brings a stored or imported document to POLICY_SCHEMA_VERSION (a no-op today). A document of a
 * later version than this code knows is returned as is; validation then refuses it with
 * 'unsupportedVersion' rather than guess at fields it cannot read.
 */
export function upgradePolicy(doc: unknown): unknown {
  return applyUpgrades(doc, UPGRADES, POLICY_SCHEMA_VERSION);
}

/** Validates a policy document of any origin. Never throws; on success `policy` is a clean copy. */
export function validatePolicy(input: unknown): PolicyValidation {
  try {
    const doc = upgradePolicy(input);
    const version = versionOf(doc);
    if (version !== undefined && version > POLICY_SCHEMA_VERSION) {
      return { ok: false, errors: [error('schemaVersion', 'unsupportedVersion', { version, supported: POLICY_SCHEMA_VERSION })] };
    }
    const result = PolicySchema.safeParse(doc);
    if (result.success) return { ok: true, policy: result.data };
    const errors: PolicyFieldError[] = [];
    for (const issue of result.error.issues) {
      toFieldErrors(issue, doc, errors);
      if (errors.length > MAX_REPORTED_ERRORS * 4) break;
    }
    return { ok: false, errors: firstPerField(errors.length ? errors : [error('', 'invalid')]) };
  } catch {
    // A hostile value (a throwing getter, a proxy) is refused, not propagated.
    return { ok: false, errors: [error('', 'invalid')] };
  }
}

/** Parses then validates a JSON text (an imported file, the stored item). Never throws. */
export function parsePolicyJson(text: string): PolicyValidation {
  if (typeof text !== 'string') return { ok: false, errors: [error('', 'invalidType', { expected: 'string', received: typeof text })] };
  if (text.length > MAX_POLICY_JSON_LENGTH) return { ok: false, errors: [error('', 'tooLong', { max: MAX_POLICY_JSON_LENGTH })] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, errors: [error('', 'invalidType', { expected: 'json' })] };
  }
  return validatePolicy(doc);
}
