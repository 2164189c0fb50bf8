/**
 * Turning a capture draft into a submission: field validation against the policy in force, and
 * redaction of customer PII in every free-text field. Pure: the form uses it for its field errors
 * and its "what will be removed" preview; the service runs it again before storing (defence in
 * depth: a client that skipped it still cannot store PII the policy redacts).
 */
import type { FeedbackPolicy } from '../policy/types';
import type { RelayDraft, RelaySubmission } from './model';
import { redact, Redaction, RedactionKind } from './redaction';

/** Limits of the free-text fields, in characters (a relay is read in under a minute). */
export const RELAY_LIMITS = {
  customerWords: 4000,
  observation: 4000,
  promiseText: 1000,
  segment: 255
} as const;

/** The draft fields that are free text, hence redacted. */
export const REDACTED_FIELDS = ['customerWords', 'observation', 'promiseText', 'segment'] as const;
export type RedactedField = typeof REDACTED_FIELDS[number];

export type SubmissionErrorCode = 'required' | 'tooLong' | 'invalidChoice' | 'invalidDate' | 'anonymousNotAllowed';

export interface SubmissionFieldError {
  field: keyof RelayDraft;
  code: SubmissionErrorCode;
  params?: Record<string, string | number>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date 'YYYY-MM-DD' (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const activeKeys = (options: ReadonlyArray<{ key: string; active?: boolean }>): Set<string> =>
  new Set(options.filter(o => o.active !== false).map(o => o.key));

/** Field errors of a draft under the policy (empty when it can be submitted). */
export function validateDraft(draft: RelayDraft, policy: FeedbackPolicy): SubmissionFieldError[] {
  const errors: SubmissionFieldError[] = [];
  const choice = (field: 'channel' | 'product' | 'category', keys: Set<string>): void => {
    const v = draft[field].trim();
    if (!v) errors.push({ field, code: 'required' });
    else if (!keys.has(v)) errors.push({ field, code: 'invalidChoice' });
  };
  choice('channel', activeKeys(policy.channels));
  choice('product', activeKeys(policy.products));
  choice('category', activeKeys(policy.categories));
  const severity = draft.severity.trim();
  if (!severity) errors.push({ field: 'severity', code: 'required' });
  else if (!policy.severities.some(s => s.key === severity)) errors.push({ field: 'severity', code: 'invalidChoice' });
  if (!draft.customerWords.trim()) errors.push({ field: 'customerWords', code: 'required' });
  for (const field of REDACTED_FIELDS) {
    const max = RELAY_LIMITS[field];
    if (draft[field].length > max) errors.push({ field, code: 'tooLong', params: { max } });
  }
  if (draft.promiseDue && !isIsoDate(draft.promiseDue)) errors.push({ field: 'promiseDue', code: 'invalidDate' });
  if (draft.promiseDue && !draft.promiseText.trim()) errors.push({ field: 'promiseText', code: 'required' });
  if (draft.anonymous && !policy.allowAnonymous) errors.push({ field: 'anonymous', code: 'anonymousNotAllowed' });
  if (draft.joinInsightId !== null && !(Number.isInteger(draft.joinInsightId) && draft.joinInsightId > 0)) {
    errors.push({ field: 'joinInsightId', code: 'invalidChoice' });
  }
  return errors;
}

export interface RedactedDraft {
  /** The draft with every free-text field redacted (what may be stored, even locally). */
  draft: RelayDraft;
  /** What was removed, per field (offsets in the original field text, for the preview). */
  byField: Record<RedactedField, Redaction[]>;
  /** Counts by kind, over all fields. */
  counts: Partial<Record<RedactionKind, number>>;
}

/** Redacts every free-text field of a draft under the policy's redaction settings. */
export function redactDraft(draft: RelayDraft, policy: FeedbackPolicy): RedactedDraft {
  const out: RelayDraft = { ...draft };
  const byField = {} as Record<RedactedField, Redaction[]>;
  const counts: Partial<Record<RedactionKind, number>> = {};
  for (const field of REDACTED_FIELDS) {
    const result = redact(draft[field], policy.redaction);
    out[field] = result.text;
    byField[field] = result.redactions;
    for (const r of result.redactions) counts[r.kind] = (counts[r.kind] || 0) + 1;
  }
  return { draft: out, byField, counts };
}

/**
 * The submission for a draft: trimmed, redacted, with its client id. Throws nothing; call
 * validateDraft first (the service refuses an invalid submission with the same errors).
 */
export function toSubmission(draft: RelayDraft, policy: FeedbackPolicy, clientId: string, language: string): RelaySubmission {
  const trimmed: RelayDraft = {
    ...draft,
    channel: draft.channel.trim(), product: draft.product.trim(), category: draft.category.trim(), severity: draft.severity.trim(),
    segment: draft.segment.trim(), customerWords: draft.customerWords.trim(), observation: draft.observation.trim(),
    promiseText: draft.promiseText.trim(), promiseDue: draft.promiseDue.trim()
  };
  const redacted = redactDraft(trimmed, policy);
  return { ...redacted.draft, clientId, redactions: redacted.counts, language: language.toLowerCase().startsWith('fr') ? 'fr' : 'en' };
}

/** A client id: RFC 4122 version 4 UUID from the given random bytes source (crypto.getRandomValues in browsers). */
export function newClientId(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether a string is a client id as newClientId makes them. */
export function isClientId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(value);
}
