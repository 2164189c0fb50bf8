/**
 * Customer PII redaction at capture (issue 5, point 1; see docs/redaction.md).
 *
 * `redact` finds e-mail addresses, phone numbers, payment card numbers, IBANs and national
 * identifiers (Canadian SIN, French NIR, Swiss AVS) in a free-text note and replaces each with a neutral
 * token. Offsets refer to the ORIGINAL text so a form can highlight what will be removed before
 * it is submitted.
 *
 * How it works, in one pass each, with no backtracking regular expression over the input:
 * - e-mail: around every "@", a bounded walk left over the local part and right over the domain;
 * - numbers: the text is cut into "chunks" (digit groups joined by one space, dash or dot, with an
 *   optional leading "+" and parenthesised groups); every run of consecutive groups of a chunk
 *   holding at most 19 digits is tested against the shapes and checksums of each kind;
 * - IBAN and NIR (which hold letters: "FR76...", Corsica "2A"/"2B"): a bounded read from each
 *   word start;
 * - overlaps: the longest candidate wins, then the kind's rank (IBAN, card, national id, phone,
 *   e-mail), then the earliest start. Deterministic.
 *
 * Ambiguous shapes (ten digits without separators in North America, nine digits without
 * separators for a SIN, seven-digit local numbers) are only taken when a keyword is written just
 * before them ("tél.", "phone", "NAS", "SIN"...): an order number of ten digits is not a phone.
 */
import type { RedactionPolicy } from '../policy/types';

export type RedactionKind = 'email' | 'phone' | 'paymentCard' | 'iban' | 'nationalId';

export interface Redaction {
  kind: RedactionKind;
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset after the last character in the original text. */
  end: number;
  replacement: string;
}

export interface RedactionResult {
  /** The text with each redaction replaced by its token. */
  text: string;
  /** What was removed, ordered by `start`, never overlapping. */
  redactions: Redaction[];
}

export interface RedactOptions {
  /** Kept for the caller's convenience; detection is the same in every language (notes mix them). */
  locale?: string;
  /** Replacement tokens by kind; language-neutral defaults (DEFAULT_REDACTION_TOKENS). */
  tokens?: Partial<Record<RedactionKind, string>>;
}

export const DEFAULT_REDACTION_TOKENS: Readonly<Record<RedactionKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  paymentCard: '[card]',
  iban: '[IBAN]',
  nationalId: '[ID]'
};

/** Rank used when two candidates of the same length overlap (lower wins). */
const KIND_RANK: Record<RedactionKind, number> = { iban: 0, paymentCard: 1, nationalId: 2, phone: 3, email: 4 };

/** Maximum digits in one numeric candidate (payment cards go up to 19). */
const MAX_DIGITS = 19;
/** Fewest digits in one numeric candidate (a seven-digit local phone number). */
const MIN_DIGITS = 7;
/** Most groups in one numeric candidate ("+33 (0)6 12 34 56 78" has seven). */
const MAX_GROUPS = 7;

// ---------------------------------------------------------------------------------------------
// Checksums

/** Luhn (mod 10) check over a string of digits (payment cards, Canadian SIN). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Lengths of IBANs by country (ISO 13616 registry; the countries that issue IBANs). A candidate
 * whose country is not listed is not an IBAN.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30
};

/** ISO 13616 check: known country and length, then (rearranged, letters as 10..35) mod 97 = 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  if (IBAN_LENGTHS[s.slice(0, 2)] !== s.length) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
  }
  return rest === 1;
}

/**
 * French NIR (numéro de sécurité sociale): 13 characters and a 2-digit key, key = 97 - (number
 * mod 97), where Corsica's departments 2A and 2B count as 19 and 18. The first digit is the sex
 * (1, 2; 3, 4, 7, 8 for temporary numbers), then year, month (01-12, or 20-42 / 50-99 when unknown).
 */
export function nirValid(nir: string): boolean {
  const s = nir.replace(/[\s.-]/g, '').toUpperCase();
  if (!/^[123478]\d{4}(\d{2}|2A|2B)\d{8}$/.test(s)) return false;
  const month = Number(s.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(s.slice(13));
  return 97 - (Number(body) % 97) === key;
}

/** Canadian Social Insurance Number: 9 digits passing Luhn (the first digit is never 8). */
export function sinValid(sin: string): boolean {
  const s = sin.replace(/[\s.-]/g, '');
  return /^\d{9}$/.test(s) && s[0] !== '8' && luhnValid(s);
}

/**
 * Swiss social security number (AVS/AHV): 13 digits starting with 756 (Switzerland's country code),
 * written 756.1234.5678.97, whose last digit is the EAN-13 check digit (weights 1 and 3 from the left).
 */
export function avsValid(avs: string): boolean {
  const s = avs.replace(/[\s.-]/g, '');
  if (!/^756\d{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (s.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === s.charCodeAt(12) - 48;
}

// ---------------------------------------------------------------------------------------------
// Character classes

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const LETTER_RE = /\p{L}/u;
const isLetterAt = (text: string, i: number): boolean => {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c >= 0xc0 && LETTER_RE.test(text[i]);
};
const isDigitAt = (text: string, i: number): boolean => i >= 0 && i < text.length && isDigitCode(text.charCodeAt(i));
const isWordAt = (text: string, i: number): boolean => isDigitAt(text, i) || isLetterAt(text, i);
/** Spaces that may separate digit groups (space, no-break space, narrow no-break, thin space, tab). */
const isSpaceCode = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 9;
/** Dashes that may separate digit groups (hyphen-minus, non-breaking hyphen, en dash). */
const isDashCode = (c: number): boolean => c === 45 || c === 0x2011 || c === 0x2013;

// ---------------------------------------------------------------------------------------------
// Keyword context, for the ambiguous shapes

const FOLD_MARKS_RE = /[\u0300-\u036f]/g;
function before(text: string, start: number, length: number): string {
  return text.slice(Math.max(0, start - length), start).toLowerCase().normalize('NFD').replace(FOLD_MARKS_RE, '');
}
const PHONE_KEYWORD_RE = /(?:^|[^a-z])(?:tel|telephone|phone|cell|cellulaire|mobile|portable|fax|sms|texto|text|whatsapp|appeler|rappeler|appelez|rappelez|joindre|joignable|rejoindre|call|reach)(?:[^a-z]|$)/;
const SIN_KEYWORD_RE = /(?:^|[^a-z])(?:nas|sin|assurance sociale|social insurance)(?:[^a-z]|$)/;
const AVS_KEYWORD_RE = /(?:^|[^a-z])(?:avs|ahv|assurance vieillesse|securite sociale|social security)(?:[^a-z]|$)/;
/** "number", "numéro", "n°": a phone unless a reference word says which number it is. */
const NUMBER_WORD_RE = /(?:^|[^a-z])(?:number|numero|num|no|n°|nº|#)(?:[^a-z]|$)/g;
const STRONG_PHONE_RE = /(?:^|[^a-z])(?:tel|telephone|phone|cell|cellulaire|mobile|portable|fax|sms|texto|text|whatsapp|appeler|rappeler|appelez|rappelez|joindre|joignable|rejoindre|call|reach)(?:[^a-z]|$)/g;
/**
 * Words that say a digit run is a reference of the business, not a phone: "order", "commande",
 * "numéro de client"... A customer's own number is "client number"; "client" alone is not one
 * ("le client a donné son numéro").
 */
const REFERENCE_RE = /(?:^|[^a-z])(?:order|commande|cmd|invoice|facture|ticket|tracking|suivi|dossier|case|reference|ref|lot|confirmation|colis|parcel|package|shipment|envoi|account|compte|contrat|contract|police|policy|serial|serie|sku|article|transaction|reservation|booking|bon|receipt|recu|claim|reclamation|rma|numero (?:de |du )?client|no (?:de )?client|(?:customer|client|member|membre|loyalty) (?:number|no|#))(?:[^a-z]|$)/g;

const hasPhoneKeyword = (text: string, start: number): boolean => PHONE_KEYWORD_RE.test(before(text, start, 30));
const hasSinKeyword = (text: string, start: number): boolean => SIN_KEYWORD_RE.test(before(text, start, 40));
const hasAvsKeyword = (text: string, start: number): boolean => AVS_KEYWORD_RE.test(before(text, start, 40));

/** End of the last match of a global regular expression in a short string, or -1. */
function lastMatchEnd(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let end = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    end = m.index + m[0].length;
    // the trailing delimiter may open the next keyword ("order number"): look again from it
    re.lastIndex = Math.max(m.index + 1, end - 1);
  }
  return end;
}

export type NumberContext = 'phone' | 'reference' | undefined;

/**
 * What the words just before a digit run say it is, read in the 40 characters before it, cut at
 * the end of the previous number (a keyword introduces the number that follows it, not the next
 * one) and at a sentence break. The nearest word decides: "order 4185550142" is a reference,
 * "son numéro 4185550142" a phone, "numéro de commande 4185550142" a reference, "order 58213
 * delayed, her number is 8195550144" a phone.
 */
export function numberContext(text: string, start: number): NumberContext {
  let w = before(text, start, 40);
  let cut = -1;
  for (let k = w.length - 1; k >= 0 && cut < 0; k--) {
    const c = w.charCodeAt(k);
    if (isDigitCode(c) || c === 59 || c === 33 || c === 63 || c === 10) cut = k;
  }
  if (cut >= 0) w = w.slice(cut + 1);
  const ref = lastMatchEnd(REFERENCE_RE, w);
  const phone = lastMatchEnd(STRONG_PHONE_RE, w);
  if (ref >= 0 && ref > phone) return 'reference';
  if (phone >= 0 || lastMatchEnd(NUMBER_WORD_RE, w) >= 0) return 'phone';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Candidates

interface Candidate {
  kind: RedactionKind;
  start: number;
  end: number;
}

/** E-mail addresses: a bounded walk around every "@". */
function findEmails(text: string, out: Candidate[]): void {
  const isLocal = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return isDigitCode(c) || isLetterAt(text, i) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
  };
  const isDomain = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return isDigitCode(c) || isLetterAt(text, i) || c === 46 || c === 45;
  };
  let at = text.indexOf('@');
  while (at !== -1) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocal(s - 1)) s--;
    while (s < at && text[s] === '.') s++;
    let e = at + 1;
    while (e < text.length && e - at <= 253 && isDomain(e)) e++;
    while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    const local = text.slice(s, at);
    const labels = text.slice(at + 1, e).split('.');
    const tld = labels[labels.length - 1];
    if (
      local.length > 0 && !local.endsWith('.') && local.indexOf('..') === -1 &&
      labels.length >= 2 && labels.every(l => l.length > 0 && l[0] !== '-' && l[l.length - 1] !== '-') &&
      tld.length >= 2 && /^\p{L}+$/u.test(tld)
    ) {
      out.push({ kind: 'email', start: s, end: e });
    }
    at = text.indexOf('@', at + 1);
  }
}

/**
 * Top-level domains an obfuscated address may end with. A dictated address ("jean at videotron dot
 * ca") has no "@" to anchor it, so its end must be a real domain ending, not any word after "point".
 */
const DICTATED_TLDS: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'info', 'biz', 'io', 'co', 'me', 'edu', 'gov', 'ca', 'qc', 'quebec', 'fr', 'ch', 'be', 'lu', 'mc',
  'li', 'de', 'at', 'it', 'es', 'pt', 'nl', 'uk', 'ie', 'us', 'eu', 'ma', 'tn', 'dz', 'sn', 'ci', 'ht', 'mx', 'br',
  'example', 'email', 'online', 'app', 'dev', 'ovh', 'swiss', 'paris'
]);

/** Ways people write "@" when they dictate or hide an address; the spaces around count as part of it. */
const AT_FORMS: readonly string[] = [
  ' (arobase) ', ' [arobase] ', '(arobase)', '[arobase]', ' arobase ',
  ' (at) ', ' [at] ', ' {at} ', ' <at> ', '(at)', '[at]', '{at}', '<at>', ' (@) ', '(@)', ' @ ', ' at ', '@'
];
/** Ways people write the dot. */
const DOT_FORMS: readonly string[] = [
  ' (point) ', ' [point] ', '(point)', '[point]', ' point ', ' (dot) ', ' [dot] ', ' {dot} ', '(dot)', '[dot]', '{dot}', ' dot '
];
/** Mail providers customers dictate: "jean at gmail.com" is an address, "shops at walmart.ca" is not. */
const MAIL_PROVIDERS: ReadonlySet<string> = new Set([
  'gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'msn', 'yahoo', 'icloud', 'me', 'aol', 'proton', 'protonmail', 'videotron',
  'sympatico', 'bell', 'cogeco', 'rogers', 'telus', 'shaw', 'orange', 'wanadoo', 'free', 'sfr', 'laposte', 'bbox', 'neuf',
  'bluewin', 'gmx', 'hispeed', 'sunrise', 'swissonline', 'romandie', 'netplus', 'yandex', 'mail', 'zoho'
]);
const EMAIL_KEYWORD_RE = /(?:^|[^a-z])(?:e-?mail|courriel|mail|ecrire|ecrivez|write|adresse|address)(?:[^a-z]|$)/;

/** Whether `form` is written at `i` (ASCII, case-insensitive). */
function formAt(text: string, i: number, form: string): boolean {
  if (i < 0 || i + form.length > text.length) return false;
  for (let k = 0; k < form.length; k++) {
    const a = text.charCodeAt(i + k);
    const b = form.charCodeAt(k);
    if (a !== b && !(b >= 97 && b <= 122 && a === b - 32)) return false;
  }
  return true;
}
const formStartingAt = (text: string, i: number, forms: readonly string[]): string | undefined => forms.find(f => formAt(text, i, f));
const formEndingAt = (text: string, end: number, forms: readonly string[]): string | undefined => forms.find(f => formAt(text, end - f.length, f));

/**
 * Obfuscated and dictated e-mail addresses: "jean.tremblay (at) videotron (dot) ca",
 * "sophie[at]gmail[dot]com", "pierre arobase sympatico point ca", "kevin.obrien at outlook.com".
 * From each way of writing "@", a bounded walk left over the local part and right over the domain,
 * either of which may spell its dots. A plain "@" with real dots is left to findEmails. A bare " at "
 * is English for "at" ("she shops at walmart.ca"), so it needs more: a spelled dot, a local part that
 * only an address has (a dot, an underscore, a digit...) or an e-mail word just before.
 */
function findDictatedEmails(text: string, out: Candidate[]): void {
  const n = text.length;
  const isLocal = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return isDigitCode(c) || isLetterAt(text, i) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
  };
  const isLabel = (i: number): boolean => i < n && (isDigitAt(text, i) || isLetterAt(text, i) || text.charCodeAt(i) === 45);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 64 && c !== 32 && c !== 40 && c !== 91 && c !== 123 && c !== 60) continue;
    // every form but "@" has "a" or "@" right after its first character, or after " ("
    const c1 = i + 1 < n ? text.charCodeAt(i + 1) | 0x20 : 0;
    if (c !== 64 && c1 !== 97 && c1 !== 96 && !(c === 32 && (c1 === 40 || c1 === 123 || c1 === 60))) continue; // "[" | 0x20 is "{"
    const at = formStartingAt(text, i, AT_FORMS);
    if (!at) continue;
    let spelled = at !== '@';
    // the local part, right to left, over at most 64 characters and three spelled dots
    let s = i;
    let dots = 0;
    for (;;) {
      while (s > 0 && i - s < 64 && isLocal(s - 1)) s--;
      const dot = s < i && dots < 3 ? formEndingAt(text, s, DOT_FORMS) : undefined;
      if (!dot || !isLocal(s - dot.length - 1)) break;
      s -= dot.length;
      dots++;
      spelled = true;
    }
    while (s < i && (text[s] === '.' || text[s] === '-')) s++;
    if (s >= i || isWordAt(text, s - 1)) continue;
    // the domain, left to right, over at most 253 characters
    let e = i + at.length;
    const labels: string[] = [];
    let domainSpelled = false;
    while (e < n && e - i < 253) {
      const l0 = e;
      while (isLabel(e) && e - l0 < 63) e++;
      if (e === l0) break;
      labels.push(text.slice(l0, e));
      if (text[e] === '.' && isLabel(e + 1) && text[e + 1] !== '-') {
        e++;
        continue;
      }
      const dot = formStartingAt(text, e, DOT_FORMS);
      if (dot && isLabel(e + dot.length)) {
        e += dot.length;
        domainSpelled = true;
        continue;
      }
      break;
    }
    if (!spelled && !domainSpelled) continue; // a plain address: findEmails has it
    const tld = labels.length >= 2 ? labels[labels.length - 1].toLowerCase() : '';
    if (!DICTATED_TLDS.has(tld) || labels.some(l => l[0] === '-' || l[l.length - 1] === '-') || isWordAt(text, e)) continue;
    const local = text.slice(s, i);
    if (at === ' at ' && !domainSpelled && dots === 0 && !/[._+%\d]/.test(local) && !MAIL_PROVIDERS.has(labels[0].toLowerCase()) &&
      !EMAIL_KEYWORD_RE.test(before(text, s, 40))) continue;
    out.push({ kind: 'email', start: s, end: e });
  }
}

interface Group {
  /** Offset of the group (its "(" when parenthesised). */
  start: number;
  /** Offset after the group (after its ")"). */
  end: number;
  digits: string;
  paren: boolean;
  /** Separator kind before the group: '' (none, first group or next to a parenthesis), ' ', '-', '.'. */
  sep: string;
}

interface Chunk {
  /** Offset of a leading "+", or -1. */
  plus: number;
  groups: Group[];
}

/** Reads one digit group at `i`: digits, or "(" digits ")". */
function readGroup(text: string, i: number): { end: number; digits: string; paren: boolean } | undefined {
  let j = i;
  const paren = text[j] === '(';
  if (paren) j++;
  const d0 = j;
  while (isDigitAt(text, j)) j++;
  if (j === d0) return undefined;
  const digits = text.slice(d0, j);
  if (paren) {
    if (text[j] !== ')') return undefined;
    j++;
  }
  return { end: j, digits, paren };
}

/**
 * Reads a separator between groups at `i`: up to 3 characters of spaces with at most one dash,
 * dot or slash ("418 - 555", "06.12", the Swiss "079/412"). Returns its kind and end, or undefined.
 */
function readSeparator(text: string, i: number): { end: number; kind: string } | undefined {
  let j = i;
  let mark = '';
  while (j < text.length && j - i < 3) {
    const c = text.charCodeAt(j);
    if (isSpaceCode(c)) j++;
    else if ((isDashCode(c) || c === 46 || c === 47) && mark === '') {
      mark = c === 46 ? '.' : c === 47 ? '/' : '-';
      j++;
    } else break;
  }
  if (j === i) return undefined;
  return { end: j, kind: mark || ' ' };
}

const startsGroupAt = (text: string, i: number): boolean =>
  isDigitAt(text, i) || (text[i] === '(' && isDigitAt(text, i + 1));

/** Cuts the text into numeric chunks. Digits glued to letters ("A123", "12h30") are skipped. */
function scanChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const n = text.length;
  let i = 0;
  /** Skips letters, digits and the dashes between them ("INV-2026-004512"). */
  const skipReference = (k: number): number => {
    let j = k;
    while (j < n && (isWordAt(text, j) || (isDashCode(text.charCodeAt(j)) && isWordAt(text, j + 1)))) j++;
    return Math.max(j, k + 1);
  };
  while (i < n) {
    const plus = text[i] === '+' && startsGroupAt(text, i + 1);
    if (!plus && !startsGroupAt(text, i)) {
      i++;
      continue;
    }
    // glued to a word ("A123", "INV-2026-0042"): a reference, not a number of ours
    if (isWordAt(text, i - 1) || (isDashCode(text.charCodeAt(i - 1)) && isLetterAt(text, i - 2))) {
      i = skipReference(i);
      continue;
    }
    const chunk: Chunk = { plus: plus ? i : -1, groups: [] };
    let j = plus ? i + 1 : i;
    let sep = '';
    let next = j;
    for (;;) {
      const g = readGroup(text, j);
      if (!g) break;
      if (isLetterAt(text, g.end) || (isDashCode(text.charCodeAt(g.end)) && isLetterAt(text, g.end + 1))) {
        // digits glued to a word ("0612345678abc", "0612345678-B"): a reference; skip it
        next = skipReference(j);
        break;
      }
      chunk.groups.push({ start: j, end: g.end, digits: g.digits, paren: g.paren, sep });
      next = g.end;
      const s = readSeparator(text, g.end);
      if (s && startsGroupAt(text, s.end)) {
        sep = s.kind;
        j = s.end;
      } else if (!s && (g.paren || text[g.end] === '(') && startsGroupAt(text, g.end)) {
        sep = '';
        j = g.end;
      } else break;
    }
    if (chunk.groups.length > 0) chunks.push(chunk);
    i = Math.max(next, i + 1);
  }
  return chunks;
}

/**
 * National significant number lengths for common calling codes. Other codes accept 8 to 15 digits
 * in all (E.164's maximum).
 */
const CALLING_CODES: Readonly<Record<string, [number, number]>> = {
  '1': [10, 10], '7': [10, 10], '30': [10, 10], '31': [9, 9], '32': [8, 9], '33': [9, 9], '34': [9, 9],
  '39': [6, 11], '41': [9, 9], '43': [4, 13], '44': [9, 10], '45': [8, 8], '46': [7, 13], '47': [8, 8],
  '48': [9, 9], '49': [6, 11], '52': [10, 10], '55': [10, 11], '61': [9, 9], '81': [9, 10], '86': [11, 11],
  '91': [10, 10], '212': [9, 9], '213': [8, 9], '216': [8, 8], '221': [9, 9], '225': [10, 10], '237': [9, 9],
  '351': [9, 9], '352': [6, 11], '353': [7, 9], '509': [8, 8]
};

/** Whether digits after "+" or "00" (trunk "(0)" removed) form a plausible international number. */
function internationalValid(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15 || digits[0] === '0') return false;
  for (const len of [1, 2, 3]) {
    const range = CALLING_CODES[digits.slice(0, len)];
    if (range) {
      const national = digits.length - len;
      return national >= range[0] && national <= range[1];
    }
  }
  return true;
}

const nanpArea = (d: string): boolean => d[0] >= '2' && d[0] <= '9';

/** Tests a run of groups [s, e] of a chunk against every numeric kind. */
function testRun(text: string, chunk: Chunk, s: number, e: number, digits: string, out: Candidate[]): void {
  const groups = chunk.groups;
  const lens: number[] = [];
  const seps = new Set<string>();
  let parens = 0;
  for (let k = s; k <= e; k++) {
    lens.push(groups[k].digits.length);
    if (k > s) seps.add(groups[k].sep);
    if (groups[k].paren) parens++;
  }
  const single = s === e;
  const withPlus = s === 0 && chunk.plus >= 0;
  // A slash only follows a dialling prefix ("079/412 33 21", "021/312 45 67"); elsewhere it is a
  // date or a fraction ("01/02/2026 15").
  if (seps.has('/') && (withPlus || lens[0] !== 3 || groups[s + 1].sep !== '/' || groups.slice(s + 2, e + 1).some(g => g.sep === '/'))) return;
  const start = withPlus ? chunk.plus : groups[s].start;
  const end = groups[e].end;
  const shape = lens.join(',');
  const oneSep = seps.size === 1 ? [...seps][0] : undefined;
  // A card or an identifier is a whole number: a neighbouring group joined by the same separator
  // means it is part of a longer number (a 20-digit tracking number is not a card and its tail).
  const isolated = (s === 0 || groups[s].sep !== oneSep || single) && (e === groups.length - 1 || groups[e + 1].sep !== oneSep || single);

  // Payment card: 12-19 digits, issuer digit 2-6, Luhn; one block, or blocks of 4 (the last 1-4), or 4-6-5 / 4-6-4.
  if (!withPlus && parens === 0 && digits.length >= 12 && digits.length <= MAX_DIGITS && digits[0] >= '2' && digits[0] <= '6' && isolated) {
    const blocks = single ||
      ((oneSep === ' ' || oneSep === '-' || oneSep === '.') && (
        (lens.length >= 3 && lens.slice(0, -1).every(l => l === 4) && lens[lens.length - 1] <= 4) ||
        shape === '4,6,5' || shape === '4,6,4'));
    if (blocks && luhnValid(digits)) out.push({ kind: 'paymentCard', start, end });
  }

  // Canadian SIN: 3-3-3 with one separator, or 9 digits after "NAS"/"SIN".
  if (!withPlus && parens === 0 && digits.length === 9 && isolated && sinValid(digits)) {
    if ((shape === '3,3,3' && oneSep !== undefined) || (single && hasSinKeyword(text, start))) {
      out.push({ kind: 'nationalId', start, end });
    }
  }

  // Swiss AVS number: 756.1234.5678.97 (dots or spaces), or 13 bare digits after "AVS"/"AHV".
  if (!withPlus && parens === 0 && digits.length === 13 && isolated && avsValid(digits)) {
    if ((shape === '3,4,4,2' && (oneSep === '.' || oneSep === ' ')) || (single && hasAvsKeyword(text, start))) {
      out.push({ kind: 'nationalId', start, end });
    }
  }

  // Phones
  let phone = false;
  if (withPlus) {
    // +CC ...: a "(0)" trunk after the country code is dropped.
    const national = groups.slice(s, e + 1).filter((g, k) => !(k > 0 && g.paren && g.digits === '0')).map(g => g.digits).join('');
    const otherParens = groups.slice(s, e + 1).filter(g => g.paren && g.digits !== '0').length;
    phone = otherParens <= 1 && internationalValid(national);
  } else if (/^00[1-9]/.test(digits) && (s === 0 || groups[s].sep !== ' ')) {
    phone = parens === 0 && lens[0] >= 2 && internationalValid(digits.slice(2));
  } else if (parens === 0 && digits.length === 10 && /^0[1-9]/.test(digits) && lens.every(l => l >= 2)) {
    // France (06 12 34 56 78, 01.23.45.67.89, 0612345678), Switzerland (021 123 45 67, 079/412 33 21);
    // ten bare digits after "commande", "suivi"... are that reference
    phone = !(single && numberContext(text, start) === 'reference');
  } else if (digits.length === 10 && nanpArea(digits) && nanpArea(digits.slice(3))) {
    // North America: (418) 555-0142, 418.555.0142, 418 555 0142, 514 555 01 99 (pairs, as often
    // written in Québec); ten bare digits only after a phone word ("her number is", "son numéro")
    phone = (parens === 0 || (parens === 1 && groups[s].paren && lens[0] === 3)) &&
      (shape === '3,3,4' || shape === '3,7' || shape === '3,3,2,2' || (single && numberContext(text, start) === 'phone'));
  } else if (digits.length === 11 && digits[0] === '1' && nanpArea(digits.slice(1)) && nanpArea(digits.slice(4))) {
    // 1-800-555-0199, 1 (800) 555-0199, 1 514 555 01 99
    phone = (parens === 0 || (parens === 1 && s + 1 <= e && groups[s + 1].paren && lens[1] === 3)) &&
      (shape === '1,3,3,4' || shape === '1,3,3,2,2' || (single && numberContext(text, start) === 'phone'));
  } else if (parens === 0 && shape === '3,4' && oneSep !== ' ' && oneSep !== '/' && nanpArea(digits) && hasPhoneKeyword(text, start)) {
    // local seven-digit number (555-0142), only after a keyword
    phone = true;
  }
  // A phone is not the tail or the head of a reference joined by dashes or dots ("2026-11-02-0612345678").
  const joined = (sep: string): boolean => sep !== ' ' && (single || seps.has(sep));
  if (phone && ((s > 0 && joined(groups[s].sep)) || (e < groups.length - 1 && joined(groups[e + 1].sep)))) phone = false;
  if (phone) out.push({ kind: 'phone', start, end: extendWithExtension(text, end) });
}

/** "418 555-0142 poste 234", "ext. 12", "x 5", "#3": the extension belongs to the phone. */
const EXTENSION_RE = /[ \t,;]{0,3}(?:poste|post\.|ext\.?|extension|x|#)[ \t.:]{0,3}\d{1,6}/iy;
function extendWithExtension(text: string, end: number): number {
  EXTENSION_RE.lastIndex = end;
  const m = EXTENSION_RE.exec(text);
  if (!m) return end;
  const e = end + m[0].length;
  return isWordAt(text, e) ? end : e;
}

function findNumbers(text: string, out: Candidate[]): void {
  for (const chunk of scanChunks(text)) {
    const groups = chunk.groups;
    for (let s = 0; s < groups.length; s++) {
      let digits = '';
      for (let e = s; e < groups.length && e - s < MAX_GROUPS; e++) {
        digits += groups[e].digits;
        if (digits.length > MAX_DIGITS) break;
        if (digits.length >= MIN_DIGITS) testRun(text, chunk, s, e, digits, out);
      }
    }
  }
}

/**
 * Reads up to `count` significant characters from `i`, allowing one separator (space, dot, dash)
 * between them; `accept(k, ch)` says whether `ch` may be the k-th significant character.
 */
function readSignificant(text: string, i: number, count: number, accept: (k: number, ch: string, sig: string) => boolean, seps: string): { sig: string; end: number } | undefined {
  let sig = '';
  let j = i;
  while (sig.length < count) {
    if (j < text.length && accept(sig.length, text[j], sig)) {
      sig += text[j];
      j++;
      continue;
    }
    if (sig.length > 0 && j < text.length && seps.indexOf(text[j]) !== -1 && j + 1 < text.length && accept(sig.length, text[j + 1], sig)) {
      j++;
      continue;
    }
    return undefined;
  }
  return { sig, end: j };
}

/** IBANs, with or without spaces, any listed country. */
function findIbans(text: string, out: Candidate[]): void {
  const n = text.length;
  for (let i = 0; i + 4 < n; i++) {
    if (!isLetterAt(text, i) || isWordAt(text, i - 1)) continue;
    if (!isLetterAt(text, i + 1) || !isDigitAt(text, i + 2) || !isDigitAt(text, i + 3)) continue;
    const length = IBAN_LENGTHS[text.slice(i, i + 2).toUpperCase()];
    if (!length) continue;
    const r = readSignificant(text, i, length, (_k, ch) => /^[A-Za-z0-9]$/.test(ch), ' -\u00a0');
    if (r && !isWordAt(text, r.end) && ibanValid(r.sig)) out.push({ kind: 'iban', start: i, end: r.end });
  }
}

/** French NIR, compact or spaced ("1 84 12 76 451 089 46"), Corsica included ("2 A"/"2A"). */
function findNirs(text: string, out: Candidate[]): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c !== '1' && c !== '2' && c !== '3' && c !== '4' && c !== '7' && c !== '8') continue;
    if (isWordAt(text, i - 1) || text[i - 1] === '+') continue;
    const r = readSignificant(text, i, 15, (k, ch, sig) =>
      (ch >= '0' && ch <= '9') || (k === 6 && sig[5] === '2' && (ch === 'A' || ch === 'B' || ch === 'a' || ch === 'b')), ' .-\u00a0');
    if (!r || isWordAt(text, r.end)) continue;
    // not the head of a longer number
    const s = readSeparator(text, r.end);
    if (s && isDigitAt(text, s.end)) continue;
    if (nirValid(r.sig)) out.push({ kind: 'nationalId', start: i, end: r.end });
  }
}

const KIND_ENABLED: Record<RedactionKind, keyof RedactionPolicy> = {
  email: 'emails', phone: 'phones', paymentCard: 'paymentCards', iban: 'ibans', nationalId: 'nationalIds'
};

/**
 * The PII found in `text` under `policy`, ordered by start, never overlapping. Kinds turned off in
 * the policy are not reported (and do not hide others).
 */
export function findPii(text: string, policy: RedactionPolicy, tokens: Partial<Record<RedactionKind, string>> = {}): Redaction[] {
  if (!policy.enabled || !text) return [];
  const candidates: Candidate[] = [];
  if (policy.emails) {
    findEmails(text, candidates);
    findDictatedEmails(text, candidates);
  }
  if (policy.ibans) findIbans(text, candidates);
  if (policy.nationalIds) findNirs(text, candidates);
  if (policy.phones || policy.paymentCards || policy.nationalIds) findNumbers(text, candidates);
  const enabled = candidates.filter(c => policy[KIND_ENABLED[c.kind]] === true);
  enabled.sort((a, b) => (b.end - b.start) - (a.end - a.start) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const chosen: Redaction[] = [];
  for (const c of enabled) {
    let free = true;
    for (let k = c.start; k < c.end && free; k++) if (taken[k]) free = false;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push({ kind: c.kind, start: c.start, end: c.end, replacement: tokens[c.kind] ?? DEFAULT_REDACTION_TOKENS[c.kind] });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Redacts customer PII from a note following the policy. `options` may be a locale string (kept
 * for symmetry with the views; detection does not depend on it) or RedactOptions.
 */
export function redact(text: string, policy: RedactionPolicy, options?: string | RedactOptions): RedactionResult {
  const opts: RedactOptions = typeof options === 'string' ? { locale: options } : options ?? {};
  const redactions = findPii(text, policy, opts.tokens);
  if (redactions.length === 0) return { text, redactions };
  const parts: string[] = [];
  let at = 0;
  for (const r of redactions) {
    parts.push(text.slice(at, r.start), r.replacement);
    at = r.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), redactions };
}
