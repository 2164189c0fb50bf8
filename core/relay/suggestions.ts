/**
 * Redaction suggestions: what looks like a customer's name or street address in a note
 * (docs/redaction.md). Unlike `redact`, nothing here is removed on its own: a name or an address is
 * too ambiguous to be taken silently ("Mme Roy" is a customer, "Avenue" is also a sofa model), so
 * the capture form highlights each suggestion and the agent removes it (`applySuggestion`, which
 * writes the token into the draft itself) or keeps it. The trusted side never applies suggestions:
 * what the agent kept is stored as written, what the agent removed is no longer in the text.
 *
 * Read in one pass over the note's words (a linear tokeniser), each rule looking at most a dozen
 * words ahead; no regular expression runs over the note.
 *
 * - Names: one to four capitalised words after a title ("Mme", "M.", "Madame", "Monsieur", "Mlle",
 *   "Mr", "Mrs", "Ms", "Miss") or an introduction ("my name is", "her name is", "named", "name:",
 *   "je m'appelle", "il s'appelle", "se nomme", "nom :"), particles between them ("Marie de la Fontaine").
 * - Street addresses: a house number then a street word ("12 rue de la Roquette", "1450, boul.
 *   Laurier", "3 bis avenue Victor-Hugo"), a house number then a street name then a street word
 *   ("88 Maple Street", "4521 Sherbrooke Street West"), or the Swiss and German order, street then
 *   number ("Avenue de la Gare 12", "Bahnhofstrasse 21"); then a unit ("app. 302", "apt 4"), a city
 *   and a postal code when written (H2X 1Y4, 75011 Paris, 1003 Lausanne).
 */
import type { RedactionPolicy } from '../policy/types';
import type { Redaction } from './redaction';

export type SuggestionKind = 'name' | 'address';

export interface Suggestion {
  kind: SuggestionKind;
  /** Offset of the first character in the text. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** What replaces it when the agent removes it. */
  replacement: string;
}

export const DEFAULT_SUGGESTION_TOKENS: Readonly<Record<SuggestionKind, string>> = { name: '[name]', address: '[address]' };

// ---------------------------------------------------------------------------------------------
// Words

type TokenType = 'word' | 'num' | 'alnum' | 'punct';

interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The token as written. */
  raw: string;
  /** Lower case, accents removed, typographic apostrophe as "'". */
  fold: string;
  /** Whether only spaces (at most two) separate it from the previous token. */
  near: boolean;
}

const LETTER_RE = /\p{L}/u;
const isLetter = (ch: string | undefined): boolean => {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  return c >= 0xc0 && LETTER_RE.test(ch);
};
const isDigit = (ch: string | undefined): boolean => !!ch && ch >= '0' && ch <= '9';
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\u00a0' || ch === '\u202f' || ch === '\t';
const ASCII_RE = /^[ -~]*$/;
const fold = (s: string): string => (ASCII_RE.test(s) ? s.toLowerCase() : s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\u2019/g, "'"));
const isCapitalised = (t: Token | undefined): boolean =>
  !!t && t.type === 'word' && t.raw[0] !== t.raw[0].toLowerCase() && (t.raw.length === 1 || t.raw !== t.raw.toUpperCase() || t.raw.length <= 3);

/** Cuts a text into words (letters joined by apostrophes and hyphens), numbers, and other characters. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let gap = 0;
  let newline = false;
  while (i < n) {
    const ch = text[i];
    if (isSpace(ch) || ch === '\n' || ch === '\r') {
      if (ch === '\n' || ch === '\r') newline = true;
      gap++;
      i++;
      continue;
    }
    const start = i;
    let type: TokenType;
    if (isLetter(ch) || isDigit(ch)) {
      let letters = false;
      let digits = false;
      while (i < n) {
        const c = text[i];
        if (isLetter(c)) letters = true;
        else if (isDigit(c)) digits = true;
        else if ((c === "'" || c === '\u2019' || c === '-') && isLetter(text[i + 1]) && isLetter(text[i - 1])) { /* joined word */ } else break;
        i++;
      }
      type = letters && digits ? 'alnum' : digits ? 'num' : 'word';
    } else {
      i++;
      type = 'punct';
    }
    const raw = text.slice(start, i);
    tokens.push({ type, start, end: i, raw, fold: fold(raw), near: tokens.length > 0 && gap <= 2 && !newline });
    gap = 0;
    newline = false;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Titles, as written (case matters: "MS Teams" is not a title). "M" needs its full stop. */
const TITLES: ReadonlySet<string> = new Set(['Mme', 'Mmes', 'Mlle', 'Mlles', 'Madame', 'Mesdames', 'Monsieur', 'Messieurs', 'Mademoiselle', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Herr', 'Frau']);
const PARTICLES: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'van', 'von', 'der', 'da', 'di', 'del', 'della', 'dos', 'bin', 'ben', 'el', 'al']);
/** Capitalised words that follow a title or "my name is" without being a name. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'le', 'la', 'les', 'the', 'a', 'an', 'un', 'une', 'et', 'and', 'or', 'ou', 'is', 'est', 'not', 'pas', 'on', 'in', 'sur', 'dans',
  'client', 'cliente', 'customer', 'manager', 'gerant', 'gerante', 'directeur', 'directrice', 'service', 'office', 'teams'
]);

/** Index of the first name word after an introduction ending at token k, or -1. */
function introEnd(t: Token[], k: number): number {
  const w = t[k];
  if (w.type === 'word' && TITLES.has(w.raw)) return t[k + 1] && t[k + 1].raw === '.' && t[k + 1].near ? k + 2 : k + 1;
  if (w.raw === 'M' && t[k + 1] && t[k + 1].raw === '.' && t[k + 1].near && (k === 0 || t[k - 1].type !== 'word' || !t[k].near)) return k + 2;
  if (w.type !== 'word') return -1;
  const f = w.fold;
  // "je m'appelle", "il s'appelle", "elle se nomme", "named", "prénommée"
  if (f === "m'appelle" || f === "s'appelle" || f === "t'appelle" || f === 'named' || f === 'nomme' || f === 'nommee' || f === 'prenomme' || f === 'prenommee') {
    return f === 'nomme' && !(t[k - 1] && t[k - 1].fold === 'se') ? -1 : k + 1;
  }
  // "name is", "name's", "nom est", "name:", "nom :", "prénom :"
  if (f === 'name' || f === 'nom' || f === 'prenom' || f === "name's") {
    const next = t[k + 1];
    if (f === "name's") return k + 1;
    if (next && (next.fold === 'is' || next.fold === 'est' || next.fold === 'was')) return k + 2;
    if (next && next.raw === ':') return k + 2;
  }
  return -1;
}

/** The name starting at token k: capitalised words with particles between them, at most four words. */
function readName(t: Token[], k: number): { first: number; last: number } | undefined {
  let last = -1;
  let words = 0;
  let j = k;
  while (j < t.length && words < 4) {
    const w = t[j];
    if (j > k && !w.near) break;
    if (isCapitalised(w) && !NOT_NAMES.has(w.fold)) {
      last = j;
      words++;
      j++;
      continue;
    }
    // a particle, only between two name words ("de la", "d'", "van der")
    if (last >= 0 && w.type === 'word' && PARTICLES.has(w.fold)) {
      j++;
      continue;
    }
    break;
  }
  return last >= 0 ? { first: k, last } : undefined;
}

/** End of a name word, without a possessive ("Smith's number"). */
const nameEnd = (w: Token): number => (/['\u2019]s$/.test(w.raw) && w.raw.length > 3 ? w.end - 2 : w.end);

// ---------------------------------------------------------------------------------------------
// Street addresses

/** Street words written before the street's name ("rue de la Roquette", "Avenue de la Gare"). */
const STREET_BEFORE: ReadonlySet<string> = new Set([
  'rue', 'avenue', 'av', 'ave', 'boulevard', 'boul', 'bd', 'blvd', 'chemin', 'ch', 'route', 'rte', 'place', 'pl', 'allee', 'impasse',
  'quai', 'cours', 'rang', 'montee', 'cote', 'square', 'promenade', 'ruelle', 'sentier', 'voie', 'passage', 'terrasse', 'croissant',
  'carre', 'parvis', 'esplanade', 'faubourg', 'fbg', 'ruelle', 'lotissement', 'residence', 'via', 'viale', 'strada', 'piazza'
]);
/** Street words written after the street's name ("Maple Street", "Sherbrooke Street West"). */
const STREET_AFTER: ReadonlySet<string> = new Set([
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'av', 'drive', 'dr', 'lane', 'ln', 'boulevard', 'blvd', 'way', 'court', 'ct',
  'crescent', 'cres', 'place', 'pl', 'terrace', 'circle', 'parkway', 'pkwy', 'highway', 'hwy', 'trail', 'row', 'close', 'square'
]);
/** German street names are one word: "Bahnhofstrasse", "Marktgasse", "Seeweg". */
const GERMAN_STREET_RE = /(?:strasse|straße|str|gasse|weg|platz|allee|ring|quai)$/;
const DIRECTIONS: ReadonlySet<string> = new Set(['est', 'ouest', 'nord', 'sud', 'east', 'west', 'north', 'south', 'e', 'o', 'n', 's', 'w', 'ne', 'nw', 'se', 'sw', 'no', 'so']);
const UNITS: ReadonlySet<string> = new Set(['app', 'appt', 'apt', 'appartement', 'apartment', 'suite', 'unit', 'unite', 'bureau', 'porte', 'etage', 'logement', 'local']);
const HOUSE_SUFFIXES: ReadonlySet<string> = new Set(['bis', 'ter', 'quater', 'a', 'b', 'c', 'd']);
/** The place is the business's own ("le magasin du 2500 boulevard Laurier"), not a customer's. */
const OWN_PLACE_WORDS: ReadonlySet<string> = new Set(['magasin', 'store', 'succursale', 'branch', 'boutique', 'entrepot', 'warehouse', 'agence', 'siege', 'depot']);

const isHouseNumber = (t: Token | undefined): boolean =>
  !!t && ((t.type === 'num' && t.raw.length <= 5 && t.raw[0] !== '0') || (t.type === 'alnum' && /^[1-9]\d{0,4}[a-z]$/i.test(t.raw)));
/** A street word, and its optional abbreviation full stop: returns the index after it. */
function streetWord(t: Token[], k: number, words: ReadonlySet<string>): number {
  const w = t[k];
  if (!w || w.type !== 'word' || !words.has(w.fold)) return -1;
  return t[k + 1] && t[k + 1].raw === '.' && t[k + 1].near ? k + 2 : k + 1;
}
/** Name words of a street after a street word: particles and capitalised words, ordinals ("1re", "3e"). Returns the index after. */
function streetName(t: Token[], k: number): number {
  let j = k;
  let last = -1;
  while (j < t.length && j - k < 7 && t[j].near) {
    const w = t[j];
    if (isCapitalised(w) || (w.type === 'alnum' && /^\d{1,3}(?:e|re|er|eme|st|nd|rd|th)$/i.test(w.raw))) {
      last = j;
      j++;
    } else if (w.type === 'word' && (PARTICLES.has(w.fold) || w.fold === "l'" || w.fold === "d'" || w.fold === 'of' || w.fold === 'the' || w.fold === 'les')) {
      j++;
    } else if (w.raw === "'" || w.raw === '\u2019') {
      j++; // "de l'Église" as "l" "'" "Église"
    } else break;
  }
  return last >= 0 ? last + 1 : -1;
}

/** Postal codes: Canadian "H2X 1Y4" / "H2X1Y4" at k; returns the index after, or -1. */
function canadianPostal(t: Token[], k: number): number {
  const a = t[k];
  if (!a || a.type !== 'alnum') return -1;
  if (/^[A-Za-z]\d[A-Za-z]\d[A-Za-z]\d$/.test(a.raw)) return k + 1;
  const b = t[k + 1];
  if (/^[A-Za-z]\d[A-Za-z]$/.test(a.raw) && b && b.near && b.type === 'alnum' && /^\d[A-Za-z]\d$/.test(b.raw)) return k + 2;
  return -1;
}

/** Capitalised words of a city ("Montréal", "Saint-Jean-sur-Richelieu", "La Chaux-de-Fonds"), at most three; index after, or -1. */
function city(t: Token[], k: number): number {
  let j = k;
  while (j < t.length && j - k < 3 && (j === k || t[j].near) && isCapitalised(t[j])) j++;
  return j > k ? j : -1;
}

/** What may follow a street: a unit, a city and a postal code. Returns the index after the last token taken. */
function addressTail(t: Token[], k: number): number {
  let end = k;
  const comma = (j: number): number => (t[j] && t[j].raw === ',' ? j + 1 : j);
  // unit: ", app. 302", "apt 4", "#12", "suite 200"
  let j = comma(end);
  if (t[j] && ((t[j].type === 'word' && UNITS.has(t[j].fold)) || t[j].raw === '#')) {
    let u = t[j + 1] && t[j + 1].raw === '.' ? j + 2 : j + 1;
    if (t[u] && t[u].raw === ':') u++;
    if (t[u] && (t[u].type === 'num' || t[u].type === 'alnum') && t[u].raw.length <= 6) end = u + 1;
  }
  // "75011 Paris", "1003 Lausanne", "H2X 1Y4"
  j = comma(end);
  const postalFirst = (p: number): number => {
    const w = t[p];
    if (w && w.type === 'num' && (w.raw.length === 4 || w.raw.length === 5) && w.raw[0] !== '0' || (w && w.type === 'num' && w.raw.length === 5)) {
      const c = city(t, p + 1);
      if (c > 0 && t[p + 1].near) return c;
    }
    return canadianPostal(t, p);
  };
  const direct = postalFirst(j);
  if (direct > 0) return direct;
  // "Montréal H2X 1Y4", "Québec (QC) G1R 1T1", "Montreal, QC H3Z 1E5"
  const c = city(t, j);
  if (c > 0) {
    let p = comma(c);
    if (t[p] && t[p].raw === '(' && t[p + 1] && /^[A-Z]{2}$/.test(t[p + 1].raw) && t[p + 2] && t[p + 2].raw === ')') p += 3;
    else if (t[p] && t[p].type === 'word' && /^[A-Z]{2}$/.test(t[p].raw)) p = comma(p + 1);
    const postal = canadianPostal(t, p);
    if (postal > 0) return postal;
  }
  return end;
}

/** The street address starting at token k, as [first token, index after the last], or undefined. */
function readAddress(t: Token[], k: number): [number, number] | undefined {
  const w = t[k];
  if (isHouseNumber(w) && (k === 0 || t[k - 1].raw !== '-')) {
    let j = k + 1;
    if (t[j] && t[j].raw === ',') j++;
    if (t[j] && t[j].type === 'word' && HOUSE_SUFFIXES.has(t[j].fold) && t[j].fold.length > 1) j++;
    // "12 rue de la Roquette", "1450, boul. Laurier"
    const sw = streetWord(t, j, STREET_BEFORE);
    if (sw > 0 && t[j].near) {
      const name = streetName(t, sw);
      if (name > 0) return [k, addressTail(t, name)];
    }
    // "88 Maple Street", "4521 Sherbrooke Street West", "22 St. Catherine Street": the furthest street
    // word after one to three capitalised words
    let street = -1;
    for (let m = j; m < t.length && m - j < 5 && t[m].near; m++) {
      if (m > j && streetWord(t, m, STREET_AFTER) > 0) street = m;
      if (!isCapitalised(t[m]) && t[m].raw !== '.') break;
    }
    if (street > j) {
      const after = streetWord(t, street, STREET_AFTER);
      {
        let end = after;
        if (t[end] && t[end].near && t[end].type === 'word' && DIRECTIONS.has(t[end].fold) && isCapitalised(t[end])) end++;
        return [k, addressTail(t, end)];
      }
    }
    return undefined;
  }
  if (w.type !== 'word') return undefined;
  // "Avenue de la Gare 12", "Chemin des Vignes 5"
  const sw = streetWord(t, k, STREET_BEFORE);
  if (sw > 0 && isCapitalised(w)) {
    const name = streetName(t, sw);
    if (name > 0 && isHouseNumber(t[name]) && t[name].near && !(t[name + 1] && t[name + 1].near && t[name + 1].type === 'num')) {
      let end = name + 1;
      if (t[end] && t[end].near && t[end].type === 'word' && HOUSE_SUFFIXES.has(t[end].fold)) end++;
      return [k, addressTail(t, end)];
    }
  }
  // "Bahnhofstrasse 21"
  if (isCapitalised(w) && w.raw.length > 5 && GERMAN_STREET_RE.test(w.fold) && isHouseNumber(t[k + 1]) && t[k + 1].near) {
    return [k, addressTail(t, k + 2)];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export interface SuggestOptions {
  tokens?: Partial<Record<SuggestionKind, string>>;
  /** Redactions already found in the text: a suggestion never overlaps one. */
  redactions?: readonly Redaction[];
}

/**
 * Names and street addresses in `text`, ordered by start, never overlapping each other or the
 * given redactions. Off when redaction is off in the policy.
 */
export function suggestPii(text: string, policy: RedactionPolicy, options: SuggestOptions = {}): Suggestion[] {
  if (!policy.enabled || !text) return [];
  const tokens = { ...DEFAULT_SUGGESTION_TOKENS, ...options.tokens };
  const t = tokenize(text);
  const out: Suggestion[] = [];
  // Suggestions are found left to right and redactions are ordered: one pointer each keeps it linear.
  const redactions = options.redactions || [];
  let r = 0;
  const taken = (start: number, end: number): boolean => {
    while (r < redactions.length && redactions[r].end <= start) r++;
    const prev = out[out.length - 1];
    return (r < redactions.length && redactions[r].start < end) || (!!prev && prev.end > start);
  };
  for (let k = 0; k < t.length; k++) {
    const address = readAddress(t, k);
    if (address) {
      const [first, after] = address;
      const own = t.slice(Math.max(0, first - 4), first).some(x => OWN_PLACE_WORDS.has(x.fold));
      const start = t[first].start;
      const end = t[after - 1].end;
      if (!own && !taken(start, end)) out.push({ kind: 'address', start, end, replacement: tokens.address });
      k = after - 1;
      continue;
    }
    const intro = introEnd(t, k);
    if (intro < 0 || intro >= t.length || !t[intro].near) continue;
    const name = readName(t, intro);
    if (!name) continue;
    const start = t[name.first].start;
    const end = nameEnd(t[name.last]);
    if (!taken(start, end)) out.push({ kind: 'name', start, end, replacement: tokens.name });
    k = name.last;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with one suggestion removed (its token written in its place). */
export function applySuggestion(text: string, s: Pick<Suggestion, 'start' | 'end' | 'replacement'>): string {
  return text.slice(0, s.start) + s.replacement + text.slice(s.end);
}

/**
 * A key for a suggestion that survives edits elsewhere in the text (offsets move as the agent
 * types): its kind and the words it covers. The form remembers the keys the agent chose to keep.
 */
export function suggestionKey(text: string, s: Pick<Suggestion, 'kind' | 'start' | 'end'>): string {
  return `${s.kind}:${text.slice(s.start, s.end).toLowerCase()}`;
}
