/**
 * Text analysis for relay matching, the same for indexed insights and for a relay being typed, in
 * English and French (see docs/redaction.md, "Matching"):
 *
 * 1. folding: the expertise search's (core/expertise/normalize.ts): Unicode compatibility
 *    decomposition, diacritics removed, lower case, œ/æ/ß... spelled out;
 * 2. tokens: runs of letters and digits; apostrophes and hyphens separate ("l’attente" → "l", "attente");
 * 3. stop words of both languages (the expertise search's, plus the auxiliaries and adverbs of a
 *    call-centre note) and one-letter tokens are dropped;
 * 4. light stemming (`stemTerm`): plurals, French participles and verb endings (-é, -ée, -er,
 *    -ait...), English -ing/-ed/-ly, nominal -ement/-ation. It only needs to be consistent between
 *    the index and the query, not linguistically exact; what it misses (typos, other inflections)
 *    is caught by the matcher's fuzzy expansion over character trigrams.
 */

import { fold, STOP_WORDS, withinDistance } from '../expertise/normalize';

const SEPARATORS_RE = /[^\p{L}\p{N}]+/u;

/** Accent and case folding: "Reportée" → "reportee", "Œuvre" → "oeuvre". */
export const foldText: (text: string) => string = fold;

/** Folded tokens in order, stop words kept. */
export function tokenize(text: string): string[] {
  return foldText(text).split(SEPARATORS_RE).filter(t => t.length > 0);
}

/** Function words of English and French, in folded form, plus the auxiliaries of a relay note. */
export const RELAY_STOP_WORDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  // English
  'a', 'about', 'after', 'again', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'because', 'been',
  'before', 'being', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'during', 'each', 'even', 'for', 'from',
  'get', 'got', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'him', 'his', 'how', 'i', 'if', 'in', 'into', 'is',
  'it', 'its', 'just', 'let', 'me', 'more', 'most', 'much', 'my', 'no', 'nor', 'not', 'now', 'of', 'off', 'on', 'once',
  'only', 'or', 'other', 'our', 'out', 'over', 'said', 'says', 'she', 'should', 'so', 'some', 'still', 'such', 'than',
  'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'to', 'too', 'up',
  'us', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with',
  'without', 'would', 'you', 'your', 'yet', 'don', 'doesn', 'didn', 'isn', 'wasn', 'won', 'couldn', 'll', 've', 're',
  // French (folded: "à" is "a", "où" is "ou", "été" is "ete")
  'ai', 'aie', 'aient', 'ait', 'alors', 'apres', 'as', 'au', 'aucun', 'aucune', 'aussi', 'autre', 'aux', 'avait',
  'avaient', 'avant', 'avec', 'avoir', 'avons', 'ayant', 'c', 'ca', 'car', 'ce', 'ceci', 'cela', 'celle', 'celui',
  'ces', 'cet', 'cette', 'chez', 'comme', 'd', 'dans', 'de', 'depuis', 'des', 'deja', 'donc', 'du', 'elle', 'elles',
  'en', 'encore', 'entre', 'es', 'est', 'et', 'ete', 'etaient', 'etait', 'etant', 'etre', 'eu', 'eux', 'fait', 'fois',
  'il', 'ils', 'j', 'je', 'jamais', 'l', 'la', 'le', 'les', 'leur', 'leurs', 'lors', 'lui', 'm', 'ma', 'mais', 'me',
  'meme', 'mes', 'moi', 'mon', 'n', 'ne', 'ni', 'nos', 'notre', 'nous', 'on', 'ont', 'ou', 'par', 'pas', 'peu', 'peut',
  'plus', 'pour', 'qu', 'quand', 'que', 'quel', 'quelle', 'quelles', 'quels', 'qui', 'quoi', 's', 'sa', 'sans', 'se',
  'sera', 'ses', 'si', 'son', 'sont', 'sous', 'suis', 'sur', 't', 'ta', 'te', 'tes', 'toi', 'ton', 'toujours', 'tous',
  'tout', 'toute', 'toutes', 'tres', 'tu', 'un', 'une', 'va', 'vais', 'vont', 'vos', 'votre', 'vous', 'y'
]);

const VOWEL_RE = /[aeiouy]/;

/**
 * Suffixes removed (first match wins, after the plural step) when at least three letters, one of
 * them a vowel, remain. Ordered longest first.
 */
const SUFFIXES = [
  'issements', 'issement', 'ements', 'ement', 'ations', 'ation', 'erions', 'eraient', 'erait', 'eront', 'erons',
  'aient', 'ments', 'ment', 'ees', 'ee', 'ing', 'ies', 'ied', 'ait', 'ant', 'er', 'ez', 'ed', 'es', 'ly', 'e', 'y', 's'
];

/**
 * Light stemmer for both languages: "reportée" → "report", "rescheduled" → "reschedul",
 * "remboursement" → "rembours", "deliveries" → "deliver". Digits are left alone.
 */
export function stemTerm(term: string): string {
  if (/^\d+$/.test(term)) return term;
  const keeps = (s: string): boolean => s.length >= 3 && VOWEL_RE.test(s);
  let t = term;
  if (t.endsWith('ies') && keeps(t.slice(0, -3))) t = t.slice(0, -3) + 'y';
  else if (t.endsWith('eaux') && keeps(t.slice(0, -1))) t = t.slice(0, -1);
  else if (t.endsWith('aux') && keeps(t.slice(0, -3))) t = t.slice(0, -3) + 'al';
  else if (t.length > 4 && (t.endsWith('s') || t.endsWith('x')) && !/(ss|us|is)$/.test(t) && keeps(t.slice(0, -1))) t = t.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (t.endsWith(suffix) && keeps(t.slice(0, -suffix.length))) {
      t = t.slice(0, -suffix.length);
      break;
    }
  }
  return t;
}

/** The term of one folded token, or undefined for a stop word or a single letter. */
export function termOf(token: string): string | undefined {
  return token.length < 2 || RELAY_STOP_WORDS.has(token) ? undefined : stemTerm(token);
}

/** Folded, stop-worded and stemmed terms, in order: "Livraison reportée au samedi" → ["livraison", "report", "samedi"]. */
export function analyzeRelayText(text: string): string[] {
  const out: string[] = [];
  for (const w of tokenize(text)) {
    const t = termOf(w);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** Character trigrams of a term, with boundary marks: "colis" → ["^co", "col", "oli", "lis", "is$"]. */
export function trigrams(term: string): string[] {
  const padded = `^${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/** Whether the Levenshtein distance between a and b is at most `max` (banded, stops early). */
export const editDistanceAtMost: (a: string, b: string, max: number) => boolean = withinDistance;
