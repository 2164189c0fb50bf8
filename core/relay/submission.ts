/**
 * Turning a capture draft into a submission: field validation against the policy in force, and
 * redaction of customer PII in every free-text field. Pure: the form uses it for its field errors
 * and its "what will be removed" preview; the service runs it again before storing (defence in
 * depth: a client that skipped it still cannot store PII the policy redacts), and the relay job runs
 * `trustStoredText` on what was stored, since a plain REST write skips both (docs/relay-data.md).
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

/** The kinds redaction reports; anything else in a stored count is dropped (a REST writer may put values there). */
export const REDACTION_KINDS: readonly RedactionKind[] = ['email', 'phone', 'paymentCard', 'iban', 'nationalId'];

/** Adds redaction counts (what a client reported, what a later pass found); ignores anything but positive integers. */
export function addRedactionCounts(
  ...reports: ReadonlyArray<Partial<Record<RedactionKind, number>> | Record<string, unknown> | null | undefined>
): Partial<Record<RedactionKind, number>> {
  const out: Partial<Record<RedactionKind, number>> = {};
  for (const src of reports) {
    for (const [k, v] of Object.entries(src || {})) {
      if ((REDACTION_KINDS as readonly string[]).indexOf(k) < 0) continue;
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[k as RedactionKind] = (out[k as RedactionKind] || 0) + Math.floor(v);
    }
  }
  return out;
}

/** The free-text fields of a stored relay, as the relay job reads them. */
export type StoredRelayText = Pick<RelayDraft, RedactedField>;

export interface TrustedRelayText {
  /** Every field redacted and at most its limit long: what may be copied to an insight or a timeline. */
  text: StoredRelayText;
  /** What this pass redacted from the text kept, by kind. */
  counts: Partial<Record<RedactionKind, number>>;
  /** The fields that were over their limit when stored (a write that skipped the form): the relay is refused. */
  tooLong: RedactedField[];
  /** Whether `text` differs from what was stored (the stored relay must be rewritten). */
  changed: boolean;
}

/**
 * How far past a limit the text is read before redacting: the longest thing redaction finds (an
 * e-mail address, at most 254 characters) that starts before the limit ends inside it, so no PII
 * is left half cut. Reading only that much keeps the work bounded whatever was stored.
 */
export const REDACTION_MARGIN = 320;

/**
 * The trusted side's pass over a stored relay: the same redaction as the form, and the form's
 * limits (RELAY_LIMITS). Needed because anyone with Contribute can POST a relay with plain REST,
 * skipping the form and the service; the relay job runs this before anything leaves the relay.
 */
export function trustStoredText(stored: StoredRelayText, policy: FeedbackPolicy): TrustedRelayText {
  const text = {} as StoredRelayText;
  const counts: Partial<Record<RedactionKind, number>> = {};
  const tooLong: RedactedField[] = [];
  let changed = false;
  for (const field of REDACTED_FIELDS) {
    const raw = typeof stored[field] === 'string' ? stored[field] : '';
    const max = RELAY_LIMITS[field];
    const over = raw.length > max;
    if (over) tooLong.push(field);
    const result = redact(over ? raw.slice(0, max + REDACTION_MARGIN) : raw, policy.redaction);
    for (const r of result.redactions) if (r.start < max) counts[r.kind] = (counts[r.kind] || 0) + 1;
    // A replacement token may be longer than what it replaced (a five-character e-mail): cut as well.
    const kept = result.text.length > max ? result.text.slice(0, max) : result.text;
    text[field] = kept;
    if (kept !== raw) changed = true;
  }
  return { text, counts, tooLong, changed };
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
  // A token can be longer than what it replaced: the stored text never exceeds the limit the
  // relay job checks (a relay over it is refused there).
  for (const field of REDACTED_FIELDS) redacted.draft[field] = redacted.draft[field].slice(0, RELAY_LIMITS[field]);
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
