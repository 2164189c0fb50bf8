/**
 * Text normalization for expertise search, the same for indexed text and queries, in English and
 * French (see docs/expertise-ranking.md, "Text analysis"):
 *
 * 1. folding: Unicode compatibility decomposition, diacritics removed, lower case, and the letters
 *    that do not decompose spelled out (œ → oe, æ → ae, ß → ss, ø → o, ł → l, đ → d, þ → th);
 * 2. tokenization: letters and digits of any script; everything else separates (hyphens,
 *    apostrophes and elisions: "d’appels" → "d", "appels");
 * 3. stop words of both languages and one-letter tokens are dropped;
 * 4. light stemming, one suffix stripper for both languages (`stem`): plural and feminine endings,
 *    English -ing/-ed. It only needs to be consistent (the index and the query go through it),
 *    not linguistically exact.
 */

const SPELLED_OUT: Record<string, string> = {
  'œ': 'oe', 'æ': 'ae', 'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ħ': 'h', 'ı': 'i', 'ŀ': 'l'
};
const SPELLED_OUT_RE = /[œæßøłđðþħıŀ]/g;
const COMBINING_MARKS_RE = /\p{M}/gu;
const SEPARATORS_RE = /[^\p{L}\p{N}]+/u;

/** Accent and case folding: "Québec" → "quebec", "Œuvre" → "oeuvre", "STRAẞE" → "strasse". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(SPELLED_OUT_RE, c => SPELLED_OUT[c]);
}

/** Folded words, in order (stop words kept): "Centre d’appels" → ["centre", "d", "appels"]. */
export function words(text: string): string[] {
  return fold(text).split(SEPARATORS_RE).filter(w => w.length > 0);
}

/**
 * Words that carry no topic, in folded form. English and French function words only: topic words
 * that happen to be short ("it", "ti", "ux", "pos") are kept on purpose.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'about', 'an', 'and', 'any', 'anyone', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'for', 'from',
  'has', 'have', 'he', 'her', 'his', 'how', 'i', 'in', 'into', 'is', 'me', 'my', 'of', 'on', 'or', 'our', 'she',
  'someone', 'that', 'the', 'their', 'them', 'there', 'these', 'they', 'this', 'those', 'to', 'was', 'we', 'what',
  'when', 'where', 'which', 'who', 'whom', 'why', 'with', 'you', 'your',
  // French (folded: "à" is "a", "où" is "ou")
  'au', 'aux', 'avec', 'ce', 'ces', 'cet', 'cette', 'chez', 'dans', 'de', 'des', 'du', 'elle', 'elles', 'en', 'est',
  'et', 'il', 'ils', 'je', 'la', 'le', 'les', 'leur', 'leurs', 'lui', 'ma', 'mes', 'mon', 'ne', 'nos', 'notre', 'nous',
  'ou', 'par', 'pas', 'pour', 'qu', 'que', 'quel', 'quelle', 'quelqu', 'qui', 'quoi', 'sa', 'sans', 'se',
  'ses', 'son', 'sont', 'sur', 'ta', 'tes', 'ton', 'tu', 'un', 'une', 'vos', 'votre', 'vous'
]);

const VOWEL_RE = /[aeiouy]/;

/**
 * Light suffix stripper for English and French, applied in order, each step only when at least
 * three letters (one of them a vowel) remain:
 * - "eaux" → "eau" (bureaux), "aux" → "al" (journaux), "ies" → "y" (companies);
 * - a final "s" unless the word ends in "ss", "us" or "is" (clients, services; not process, status, analysis);
 * - "ing" and "ed" (billing, managed);
 * - up to two final "e" (plainte, employée, service).
 * Digits-only tokens are left alone.
 */
export function stem(term: string): string {
  const keeps = (s: string): boolean => s.length >= 3 && VOWEL_RE.test(s);
  let t = term;
  if (/^\d+$/.test(t)) return t;
  if (t.endsWith('eaux') && keeps(t.slice(0, -1))) t = t.slice(0, -1);
  else if (t.endsWith('aux') && keeps(t.slice(0, -3) + 'al')) t = t.slice(0, -3) + 'al';
  else if (t.endsWith('ies') && keeps(t.slice(0, -3) + 'y')) t = t.slice(0, -3) + 'y';
  else if (t.endsWith('s') && !/(ss|us|is)$/.test(t) && keeps(t.slice(0, -1))) t = t.slice(0, -1);
  if (t.endsWith('ing') && keeps(t.slice(0, -3))) t = t.slice(0, -3);
  else if (t.endsWith('ed') && keeps(t.slice(0, -2))) t = t.slice(0, -2);
  for (let i = 0; i < 2 && t.endsWith('e') && keeps(t.slice(0, -1)); i++) t = t.slice(0, -1);
  return t;
}

/** A word kept for search: not a stop word, more than one letter (single digits are kept). */
function isTopicWord(w: string): boolean {
  return (w.length > 1 || /\d/.test(w)) && !STOP_WORDS.has(w);
}

/** The full pipeline: fold, split, drop stop words, stem. "Gestion de la relation client" → ["gestion", "relation", "client"]. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (isTopicWord(w)) out.push(stem(w));
  return out;
}

/**
 * Evidence key of a free skill entry: folded words joined by one space, stop words kept, no
 * stemming ("Gestion  de la Relation-Client" → "gestion de la relation client").
 */
export function normalizeLabel(label: string): string {
  return words(label).join(' ');
}

/**
 * Typo tolerance by term length (after stemming): none under 4 letters, one edit up to 7
 * letters, two from 8. "logistque" (stem "logistqu") is two edits from "logistiqu".
 */
export function fuzzyDistance(term: string): number {
  if (term.length < 4 || /^\d+$/.test(term)) return 0;
  return term.length < 8 ? 1 : 2;
}

/** Whether the Levenshtein distance between a and b is at most `max` (stops early). */
export function withinDistance(a: string, b: string, max: number): boolean {
  return editDistance(a, b, max) <= max;
}

/** Levenshtein distance between a and b, or `max + 1` as soon as it is known to exceed `max`. */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev.push(j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return Math.min(prev[b.length], max + 1);
}

/**
 * Memoizing analyzer for indexing: profiles repeat the same departments, titles and phrases, so
 * each distinct string is analyzed once. Bounded: cleared when it reaches `limit` entries.
 */
export function createAnalyzerCache(limit = 50000): (text: string) => string[] {
  return memoize(analyze, limit);
}

/** A bounded memo of a one-string function (cleared when it reaches `limit` entries). */
export function memoize<T>(fn: (text: string) => T, limit = 50000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string): T => {
    let value = cache.get(text);
    if (value === undefined) {
      value = fn(text);
      if (cache.size >= limit) cache = new Map();
      cache.set(text, value);
    }
    return value;
  };
}
