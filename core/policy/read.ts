/**
 * The read path of the policy: a cheap shape check, without the zod schema.
 *
 * Every stored document was validated in full when it was saved (the Suite settings web part and
 * provisioning run validate.ts), so a page that only needs to know what is on does not have to
 * download and run the schema again. The reader lays the document over the typed defaults: every
 * value must have the kind (object, array, string, number, boolean) of the default it replaces,
 * keys the defaults lack are kept (the other branch of a union, optional fields), and keys the
 * document lacks take the default. Anything else (another schema version, a wrong kind) is
 * refused, and the caller decides with the full validation (validate.ts), loaded on demand.
 */
import type { Policy } from './types';
import { defaultPolicy } from './defaults';
import { POLICY_SCHEMA_VERSION } from './version';

/** Keys never copied from a document: they would reach the object's prototype. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const REFUSED = Symbol('refused');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(template: unknown, value: unknown): unknown {
  if (template === null || template === undefined) return value;
  if (Array.isArray(template)) return Array.isArray(value) ? value : REFUSED;
  if (isPlainObject(template)) {
    if (!isPlainObject(value)) return REFUSED;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(template)) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) {
        out[key] = template[key];
        continue;
      }
      const merged = merge(template[key], value[key]);
      if (merged === REFUSED) return REFUSED;
      out[key] = merged;
    }
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(template, key) && !UNSAFE_KEYS.has(key)) out[key] = value[key];
    }
    return out;
  }
  if (typeof template === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : REFUSED;
  return typeof value === typeof template ? value : REFUSED;
}

/**
 * The policy a stored document describes, laid over the defaults, or null when its shape is not
 * the one this code writes (the caller then runs the full validation). Never throws.
 */
export function readPolicy(doc: unknown): Policy | null {
  try {
    if (!isPlainObject(doc) || doc.schemaVersion !== POLICY_SCHEMA_VERSION) return null;
    const merged = merge(defaultPolicy(), doc);
    return merged === REFUSED ? null : (merged as Policy);
  } catch {
    return null;
  }
}

/** readPolicy over a JSON text (the stored item, the copy kept on the device). Never throws. */
export function readPolicyJson(text: string): Policy | null {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return readPolicy(JSON.parse(text));
  } catch {
    return null;
  }
}
