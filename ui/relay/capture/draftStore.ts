/**
 * The capture form's draft, kept in the browser's local storage (per user, per site) so that a
 * reload, a closed tab or a failed submit loses nothing. Only the REDACTED draft is ever written:
 * `saveDraft` redacts itself, whatever it is given (and holds back a number still being typed at
 * the end of a field, which redaction cannot recognise yet), and `loadDraft` redacts again what it reads
 * (a draft written by an older version, or edited by hand, is cleaned before it reaches the form).
 * The client id of the first submit attempt is kept with it, so a retry after a reload sends the
 * same id and the server answers the relay it may already have stored.
 */
import type { FeedbackPolicy } from '../../../core/policy/types';
import { emptyDraft, RelayDraft } from '../../../core/relay/model';
import { isClientId, REDACTED_FIELDS, redactDraft } from '../../../core/relay/submission';

export interface StoredDraft {
  draft: RelayDraft;
  /** The client id of the first submit attempt, or null before any. */
  clientId: string | null;
  /** Title of the insight joined during triage (for the "added to" message), or ''. */
  joinTitle: string;
}

const PREFIX = 'social-intranet:relay-draft:';

export function draftKey(siteUrl: string, me: string): string {
  return `${PREFIX}${siteUrl.replace(/\/+$/, '').toLowerCase()}|${me.toLowerCase()}`;
}

/** The browser's local storage, or null where it is unavailable (private mode, blocked storage). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

/** Whether the draft holds anything the employee typed or chose. */
export function isBlank(draft: RelayDraft): boolean {
  const empty = emptyDraft();
  return (Object.keys(empty) as Array<keyof RelayDraft>).every(k =>
    typeof draft[k] === 'string' ? String(draft[k]).trim() === '' : draft[k] === empty[k]);
}

/** Characters of a number being typed: digits and the separators phone and card numbers use. */
const NUMBER_CHAR = /[\d\s().+\-\u00a0\u202f]/;

/**
 * The text without a number still being typed at its end: "call me at +1 418 55" is not yet a
 * phone number redaction can recognise, so it is not written until it is complete (or followed by
 * more text). Only the unfinished tail (4 digits or more) is held back; it stays on screen.
 * One backward scan from the end.
 */
export function withoutTrailingNumber(text: string): string {
  let start = text.length;
  let digits = 0;
  while (start > 0 && NUMBER_CHAR.test(text[start - 1])) {
    start--;
    if (text[start] >= '0' && text[start] <= '9') digits++;
  }
  if (digits < 4) return text;
  // Keep the spaces before the number (only the number is held back).
  while (start < text.length && /\s/.test(text[start])) start++;
  return text.slice(0, start);
}

export function saveDraft(storage: Storage | null, key: string, value: StoredDraft, policy: FeedbackPolicy): void {
  if (!storage) return;
  const redacted = redactDraft(value.draft, policy).draft;
  for (const field of REDACTED_FIELDS) redacted[field] = withoutTrailingNumber(redacted[field]);
  const stored: StoredDraft = {
    draft: redacted,
    clientId: value.clientId,
    joinTitle: value.joinTitle
  };
  try {
    storage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the form keeps working, the draft is simply not kept.
  }
}

export function loadDraft(storage: Storage | null, key: string, policy: FeedbackPolicy): StoredDraft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (!parsed || typeof parsed !== 'object' || !parsed.draft || typeof parsed.draft !== 'object') return null;
    const base = emptyDraft();
    const draft = { ...base } as RelayDraft;
    for (const k of Object.keys(base) as Array<keyof RelayDraft>) {
      const v = (parsed.draft as unknown as Record<string, unknown>)[k];
      if (typeof v === typeof base[k] || (k === 'joinInsightId' && (v === null || typeof v === 'number'))) {
        (draft as unknown as Record<string, unknown>)[k] = v;
      }
    }
    return {
      draft: redactDraft(draft, policy).draft,
      clientId: typeof parsed.clientId === 'string' && isClientId(parsed.clientId) ? parsed.clientId : null,
      joinTitle: typeof parsed.joinTitle === 'string' ? parsed.joinTitle : ''
    };
  } catch {
    return null;
  }
}

export function clearDraft(storage: Storage | null, key: string): void {
  if (!storage) return;
  try {
    storage.removeItem(key);
  } catch {
    // nothing to do
  }
}
