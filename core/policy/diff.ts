/**
 * What changes between two policies, for the settings form's preview and the history view.
 *
 * Changes are reported at the leaves, with dotted paths ('moderation.flagHideThreshold').
 * Arrays whose items all carry a `key` (options, severities) or an `id` (rules, skills, groups) are
 * compared by that identity, which becomes the path segment ('feedback.categories.delivery.label.fr'):
 * relabelling one category is one change, adding one is one 'added' change with the whole item,
 * and a new order of the items both versions hold is one 'changed' change at the array's path
 * whose before/after are the identities in order. Other arrays (holidays, working days, terms,
 * synonyms) are compared index by index.
 */
import type { Policy, PolicyChange } from './types';

type Segment = string | number;
type Plain = Record<string, unknown>;

const IDENTITY_FIELDS = ['key', 'id'] as const;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Plain, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function join(path: readonly Segment[]): string {
  return path.map(String).join('.');
}

/** The field that identifies every item of both arrays, uniquely on each side; null if none does. */
function identityField(a: readonly unknown[], b: readonly unknown[]): 'key' | 'id' | null {
  if (a.length + b.length === 0) return null;
  for (const field of IDENTITY_FIELDS) {
    const ids = (items: readonly unknown[]): string[] | null => {
      const out: string[] = [];
      for (const item of items) {
        const id = isPlain(item) ? own(item, field) : undefined;
        if (typeof id !== 'string') return null;
        out.push(id);
      }
      return new Set(out).size === out.length ? out : null;
    };
    if (ids(a) && ids(b)) return field;
  }
  return null;
}

function diffKeyed(a: readonly Plain[], b: readonly Plain[], field: 'key' | 'id', path: Segment[], out: PolicyChange[]): void {
  const idOf = (item: Plain): string => own(item, field) as string;
  const after = new Map<string, Plain>(b.map(item => [idOf(item), item]));
  const before = new Map<string, Plain>(a.map(item => [idOf(item), item]));
  for (const item of a) {
    const id = idOf(item);
    const other = after.get(id);
    if (other === undefined) out.push({ path: join([...path, id]), kind: 'removed', before: item, after: undefined });
    else diffValue(item, other, [...path, id], out);
  }
  for (const item of b) {
    const id = idOf(item);
    if (!before.has(id)) out.push({ path: join([...path, id]), kind: 'added', before: undefined, after: item });
  }
  const commonBefore = a.map(idOf).filter(id => after.has(id));
  const commonAfter = b.map(idOf).filter(id => before.has(id));
  if (commonBefore.some((id, i) => id !== commonAfter[i])) {
    out.push({ path: join(path), kind: 'changed', before: a.map(idOf), after: b.map(idOf) });
  }
}

function diffValue(a: unknown, b: unknown, path: Segment[], out: PolicyChange[]): void {
  if (a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))) return;
  if (a === undefined) {
    out.push({ path: join(path), kind: 'added', before: undefined, after: b });
    return;
  }
  if (b === undefined) {
    out.push({ path: join(path), kind: 'removed', before: a, after: undefined });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const field = identityField(a, b);
    if (field) {
      diffKeyed(a as Plain[], b as Plain[], field, path, out);
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, [...path, i], out);
    return;
  }
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a);
    for (const key of Object.keys(b)) if (!Object.prototype.hasOwnProperty.call(a, key)) keys.push(key);
    for (const key of keys) diffValue(own(a, key), own(b, key), [...path, key], out);
    return;
  }
  out.push({ path: join(path), kind: 'changed', before: a, after: b });
}

/** The leaf-level differences from `before` to `after` (empty when they are the same policy). */
export function diffPolicies(before: Policy, after: Policy): PolicyChange[] {
  const out: PolicyChange[] = [];
  diffValue(before, after, [], out);
  return out;
}
