/**
 * The local expertise search provider: posting lists of the profiles' words (looked up through
 * MiniSearch over the vocabulary, for typos and prefixes), of taxonomy skills, of skills named in
 * the profiles' own words and of sites; the taxonomy's synonym expansion; the ranking blend of
 * ranking.ts. Pure and synchronous: no I/O, no clock. Details and rationale: docs/expertise-ranking.md.
 *
 * How a query runs:
 * 1. the text is analyzed (normalize.ts) and cut into clauses: a run of words naming a site of the
 *    organisation ("Québec", "Lévis") is a site clause; a run that spells a skill's label or synonym
 *    (taxonomy.ts) is a concept clause; any other word is a term clause;
 * 2. a term clause matches the profile's words (name, title, free skills, "ask me about",
 *    interests) with typo tolerance by length and prefix on the last word, or a taxonomy skill
 *    whose labels or synonyms hold such a word. A concept clause matches the concept's skills, or
 *    any of their labels and synonyms written in the profile's own words. A site clause keeps the
 *    people of that site;
 * 3. every clause must match (AND); when that finds nobody, any term or concept clause may (OR),
 *    sites still apply. Guests, disabled accounts and filtered-out profiles are dropped;
 * 4. the rest is scored by the blend and ordered by score, then display name, then id; the page is
 *    cut with a bounded heap (first page) or a full sort (kept for the next pages).
 *
 * Taxonomy skills are indexed under their id, once per profile; their labels and synonyms live in
 * the taxonomy, consulted per query: a profile is found by every label and synonym of its skills
 * without storing them a hundred thousand times.
 */
import MiniSearch from 'minisearch';
import type { SkillDefinition } from '../policy/types';
import type { ExpertiseIndex, ExpertProfile, Reason, SearchFilters, SearchHit, SearchQuery, SearchResult, TextField } from './types';
import { analyze, createAnalyzerCache, editDistance, fuzzyDistance, memoize, normalizeLabel } from './normalize';
import { createTaxonomy, QuerySegment, Taxonomy, termMatches } from './taxonomy';
import { bestSkills, clausePoints, ClauseMatcher, clauseRelevance, prepareSkills, RankedSkill, RANKING_WEIGHTS, RankingWeights, skillReasons } from './ranking';

export * from './types';
export { RANKING_WEIGHTS } from './ranking';

export const MAX_PAGE_SIZE = 100;

type WordField = 'displayName' | 'jobTitle' | 'freeSkills' | 'askMeAbout' | 'interests';
const WORD_FIELDS: WordField[] = ['displayName', 'jobTitle', 'freeSkills', 'askMeAbout', 'interests'];

/** Field boosts of the full-text part (the text relevance of the blend). */
export const FIELD_BOOSTS: Readonly<Record<WordField, number>> = Object.freeze({
  freeSkills: 2,
  askMeAbout: 2,
  displayName: 2,
  jobTitle: 1.5,
  interests: 1
});

/**
 * Text score of a concept named in a profile's own words (a label or synonym in "ask me about",
 * a free skill, the job title...), per field boost: about the BM25 score of a fairly rare word.
 */
export const MENTION_SCORE = 3;

const TEXT_FIELD_ORDER: TextField[] = ['displayName', 'jobTitle', 'department', 'location', 'askMeAbout', 'interests'];

/** First pages up to this many results are cut with a heap; deeper ones sort everything once. */
const HEAP_LIMIT = 1000;

export interface ExpertiseIndexOptions {
  /** Ranked result lists kept for paging through the same query (0 disables). Default 16. */
  cacheSize?: number;
  weights?: RankingWeights;
}

interface Entry {
  /** Dense number of the entry: index in `docs` and in the flat and work arrays. */
  ord: number;
  id: string;
  profile: ExpertProfile;
  /** Copies of the indexed words, so removal sees what was added even if the caller mutates the profile. */
  text: Record<WordField, string>;
  sortName: string;
  department: string;
  location: string;
  /** Analyzed site, the key of a site clause. */
  site: string;
  languages: string[];
  customerFacing: boolean;
  skills: RankedSkill[];
  taxonomyIds: string[];
  /** Taxonomy skills named in the profile's own words, with the fields naming them. */
  mentions: Map<string, WordField[]>;
}

interface Clause extends ClauseMatcher {
  kind: 'term' | 'concept' | 'site';
  skillIds: string[];
  /** mask[n] = 1 when taxonomy skill number n satisfies the clause. */
  mask: Uint8Array;
  /** How fully the clause names taxonomy skill number n (0..1; ranking.ts, clauseRelevance). */
  weight: Float64Array;
  /** Answers for free skills, by free skill number (see freeMatches): how fully the clause names it, 0 when not at all. */
  free: Map<number, number>;
  relevance(skill: RankedSkill): number;
  /** Term clauses: the word, whether a prefix matches, and the test of one indexed word. */
  term?: string;
  prefix?: boolean;
  wordMatches?: (word: string) => boolean;
  site?: string;
}

interface Ranking {
  clauses: Clause[];
  /** Site clauses of the query (analyzed site names). */
  sites: string[];
  /** Entry numbers of the matches, and their blended scores and text relevance, same positions. */
  ords: number[];
  scores: number[];
  relevance: number[];
  /** Positions in `ords` in result order, once fully sorted. */
  order?: Int32Array;
}

const NO_MENTIONS: Map<string, WordField[]> = new Map();
const splitSpaces = (s: string): string[] => s.split(' ').filter(t => t !== '');
const one = (s: string): string[] => [s];
const keepTerm = (t: string): string => t;

export function isSearchable(p: ExpertProfile): boolean {
  return p.accountEnabled === true && p.userType === 'Member';
}

const primaryLanguage = (tag: string): string => normalizeLabel(tag).split(' ')[0] || '';

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

/** Skills per profile kept in the flat arrays; a profile with more takes the slower object path. */
const SLOTS = 8;
const OBJECT_PATH = 255;

/**
 * Flat per-profile data for the hot loops (typed arrays indexed by entry number): walking
 * 100,000 objects and their skill objects is dominated by memory latency, arrays are not.
 */
interface Flat {
  slotCount: Uint8Array;
  slotSkill: Int32Array;
  /** Claim points of each slot (declared level and endorsements), counted whole. */
  slotBase: Float64Array;
  /** Outcome points of each slot (accepted answers and resolved insights), weighed per clause. */
  slotOutcome: Float64Array;
  department: Int32Array;
  location: Int32Array;
  site: Int32Array;
  languages: Int32Array;
  customerFacing: Uint8Array;
}

function allocFlat(size: number, old?: Flat): Flat {
  const grow = <T extends Uint8Array | Int32Array | Float64Array>(make: (n: number) => T, prev: T | undefined, n: number): T => {
    const a = make(n);
    if (prev) a.set(prev as never);
    return a;
  };
  return {
    slotCount: grow(n => new Uint8Array(n), old && old.slotCount, size),
    slotSkill: grow(n => new Int32Array(n), old && old.slotSkill, size * SLOTS),
    slotBase: grow(n => new Float64Array(n), old && old.slotBase, size * SLOTS),
    slotOutcome: grow(n => new Float64Array(n), old && old.slotOutcome, size * SLOTS),
    department: grow(n => new Int32Array(n), old && old.department, size),
    location: grow(n => new Int32Array(n), old && old.location, size),
    site: grow(n => new Int32Array(n), old && old.site, size),
    languages: grow(n => new Int32Array(n), old && old.languages, size),
    customerFacing: grow(n => new Uint8Array(n), old && old.customerFacing, size)
  };
}

/** How fully a clause names a free skill (by its number: the same label, the same answer), 0 when it does not match; memoized per clause. */
function freeMatches(c: Clause, free: number, docs: Entry[], o: number, k: number): number {
  let m = c.free.get(free);
  if (m === undefined) {
    const s = docs[o].skills[k];
    c.free.set(free, (m = c.matches(s) ? c.relevance(s) : 0));
  }
  return m;
}

/**
 * The blend for every match (hot loop): text relevance plus the mean over clauses of the best
 * matching skill's points (ranking.ts).
 */
function blendAll(ords: number[], docs: Entry[], flat: Flat, clauses: Clause[], text: Float64Array, weights: RankingWeights, scores: number[], relevance: number[]): void {
  const nClauses = clauses.length;
  const { slotCount, slotSkill, slotBase, slotOutcome } = flat;
  for (let i = 0; i < ords.length; i++) {
    const o = ords[i];
    const rel = text[o] / (text[o] + weights.textHalf);
    const count = slotCount[o];
    const base = o * SLOTS;
    let skill = 0;
    for (let ci = 0; ci < nClauses; ci++) {
      const c = clauses[ci];
      const mask = c.mask;
      const weight = c.weight;
      let best = 0;
      if (count === OBJECT_PATH) {
        for (const s of docs[o].skills) if (s.points.total > best && c.matches(s)) best = Math.max(best, clausePoints(s, c.relevance(s)));
      } else {
        for (let k = 0; k < count; k++) {
          const claim = slotBase[base + k], outcome = slotOutcome[base + k];
          if (claim + outcome <= best) continue; // an upper bound of the clause's points
          const id = slotSkill[base + k];
          const rel = id >= 0 ? (mask[id] === 1 ? weight[id] : -1) : freeMatches(c, -id, docs, o, k) || -1;
          if (rel < 0) continue;
          // the arithmetic of clausePoints, so that scores equal the reasons' sum exactly
          const value = claim + rel * outcome;
          if (value > best) best = value;
        }
      }
      skill += best;
    }
    relevance.push(rel);
    scores.push(weights.text * rel + (nClauses > 0 ? skill / nClauses : 0));
  }
}

export function createExpertiseIndex(
  profiles: readonly ExpertProfile[],
  taxonomyDefinitions: readonly SkillDefinition[],
  options: ExpertiseIndexOptions = {}
): ExpertiseIndex {
  const weights = options.weights || RANKING_WEIGHTS;
  const cacheSize = Math.max(0, options.cacheSize === undefined ? 16 : options.cacheSize);
  const taxonomy: Taxonomy = createTaxonomy(taxonomyDefinitions);
  const analyzeCached = createAnalyzerCache();
  const labelCached = memoize(normalizeLabel);
  const languageCached = memoize(primaryLanguage, 1000);
  let conceptCache = new Map<string, string[]>();
  /** Taxonomy skills whose label or synonym is spelled in a text ("migration CRM" → crm). */
  const conceptsIn = (text: string): string[] => {
    let ids = conceptCache.get(text);
    if (!ids) {
      const found = new Set<string>();
      for (const seg of taxonomy.segment(analyzeCached(text))) if (seg.kind === 'concept') seg.skillIds.forEach(id => found.add(id));
      ids = Array.from(found);
      if (conceptCache.size >= 50000) conceptCache = new Map();
      conceptCache.set(text, ids);
    }
    return ids;
  };

  const docs: Array<Entry | undefined> = [];
  const freeOrds: number[] = [];
  const byId = new Map<string, Entry>();
  const skillPostings = new Map<string, Set<number>>();
  const mentionPostings = new Map<string, Set<number>>();
  const sitePostings = new Map<string, Set<number>>();
  let longestSite = 1;
  let cache = new Map<string, Ranking>();
  const skillNumbers = new Map<string, number>();
  taxonomy.skills.forEach((_d, id) => skillNumbers.set(id, skillNumbers.size));
  const maskOf = (ids: readonly string[]): Uint8Array => {
    const mask = new Uint8Array(skillNumbers.size);
    for (const id of ids) { const n = skillNumbers.get(id); if (n !== undefined) mask[n] = 1; }
    return mask;
  };
  const weightOf = (ids: readonly string[], named: (id: string) => number): Float64Array => {
    const weight = new Float64Array(skillNumbers.size);
    for (const id of ids) { const n = skillNumbers.get(id); if (n !== undefined) weight[n] = named(id); }
    return weight;
  };
  const interned = new Map<string, number>();
  /** A number per distinct string (departments, locations, sites, languages share one table). */
  const intern = (v: string): number => {
    let n = interned.get(v);
    if (n === undefined) interned.set(v, (n = interned.size + 1));
    return n;
  };
  const languageBits = new Map<string, number>();
  /** Bit of a language in a profile's language mask; the 31st and later languages share the last bit. */
  const languageBit = (code: string): number => {
    let b = languageBits.get(code);
    if (b === undefined) languageBits.set(code, (b = Math.min(languageBits.size, 30)));
    return 1 << b;
  };
  let flat = allocFlat(0);
  /** Posting sets as arrays (see postingArray), dropped at every change. */
  let arrays = new Map<string, Int32Array>();
  /** Text score of each mention in a mention posting array (same positions), while the array lives. */
  const mentionWeightCache = new WeakMap<Int32Array, Float64Array>();
  /** Position of each entry in (name, display name, id) order; rebuilt lazily after changes. */
  let nameRank: Int32Array | undefined;

  // Work arrays reused by every query (a generation number marks what belongs to the current one).
  let gen = new Int32Array(0), count = new Int32Array(0), last = new Int32Array(0), textScore = new Float64Array(0), cands = new Int32Array(0);
  let generation = 0;

  // The profiles' words: a posting list per word (entry numbers, and which fields hold the word),
  // and MiniSearch over the vocabulary itself (one document per distinct word) for typo-tolerant
  // and prefix lookups. MiniSearch's own result objects cost about a microsecond per matching
  // profile, too much for broad queries over 100,000 profiles; posting arrays do not.
  interface Posting { ords: number[]; masks: number[] }
  const postings = new Map<string, Posting>();
  const vocabularyWords: string[] = [];
  const vocabularyIds = new Map<string, number>();
  const vocabulary = new MiniSearch<{ id: number; word: string }>({
    fields: ['word'],
    tokenize: one,
    processTerm: keepTerm,
    searchOptions: { tokenize: one, processTerm: keepTerm }
  });
  const fieldTerms = (e: Entry, field: WordField): string[] => (field === 'freeSkills' ? splitSpaces(e.text.freeSkills) : analyzeCached(e.text[field]));
  const masks = new Map<string, number>();
  /** The distinct words of an entry and the fields holding each (in `masks`, reused). */
  const wordMasks = (e: Entry): Map<string, number> => {
    masks.clear();
    WORD_FIELDS.forEach((f, i) => { for (const t of fieldTerms(e, f)) masks.set(t, (masks.get(t) || 0) | (1 << i)); });
    return masks;
  };
  const indexWords = (e: Entry): void => {
    wordMasks(e).forEach((mask, word) => {
      let p = postings.get(word);
      if (!p) {
        postings.set(word, (p = { ords: [], masks: [] }));
        if (!vocabularyIds.has(word)) {
          vocabularyIds.set(word, vocabularyWords.length);
          vocabulary.add({ id: vocabularyWords.length, word });
          vocabularyWords.push(word);
        }
      }
      p.ords.push(e.ord);
      p.masks.push(mask);
    });
  };
  const unindexWords = (e: Entry): void => {
    for (const word of Array.from(wordMasks(e).keys())) {
      const p = postings.get(word);
      if (!p) continue;
      const i = p.ords.indexOf(e.ord);
      if (i >= 0) { p.ords.splice(i, 1); p.masks.splice(i, 1); }
      if (p.ords.length === 0) postings.delete(word);
    }
  };
  /** Sum of the boosts of the fields in a field mask. */
  const maskBoost = new Float64Array(1 << WORD_FIELDS.length);
  for (let m = 0; m < maskBoost.length; m++) WORD_FIELDS.forEach((f, i) => { if (m & (1 << i)) maskBoost[m] += FIELD_BOOSTS[f]; });
  /**
   * Indexed words matching a query word, with their weight: exact 1; prefix and typo matches
   * weigh less the further they are (the weights MiniSearch uses by default).
   */
  const wordsMatching = (term: string, prefix: boolean): Array<{ word: string; weight: number }> => {
    const out: Array<{ word: string; weight: number }> = [];
    if (postings.has(term)) out.push({ word: term, weight: 1 });
    const fuzzy = fuzzyDistance(term);
    if (!prefix && fuzzy === 0) return out;
    for (const r of vocabulary.search(term, { fuzzy: fuzzy > 0 ? fuzzy : false, prefix })) {
      const word = vocabularyWords[r.id as number];
      if (word === term || !postings.has(word)) continue;
      if (prefix && word.startsWith(term)) out.push({ word, weight: 0.375 * word.length / (word.length + 0.3 * (word.length - term.length)) });
      else out.push({ word, weight: 0.45 * word.length / (word.length + editDistance(term, word)) });
    }
    return out;
  };

  const post = (map: Map<string, Set<number>>, key: string, ord: number): void => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(ord);
  };
  const unpost = (map: Map<string, Set<number>>, key: string, ord: number): void => {
    const set = map.get(key);
    if (!set) return;
    set.delete(ord);
    if (set.size === 0) map.delete(key);
  };

  const toEntry = (profile: ExpertProfile, ord: number): Entry => {
    const skills = prepareSkills(profile, taxonomy, analyzeCached, weights, labelCached);
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const taxonomyIds: string[] = [];
    const free: string[] = [];
    for (const s of skills) {
      if (s.skillId && taxonomy.skills.has(s.skillId)) taxonomyIds.push(s.skillId);
      else free.push(...s.terms);
    }
    const mentions = new Map<string, WordField[]>();
    const mention = (field: WordField, texts: string[]): void => {
      for (const t of texts) {
        for (const id of conceptsIn(t)) {
          const fields = mentions.get(id);
          if (!fields) mentions.set(id, [field]);
          else if (fields.indexOf(field) < 0) fields.push(field);
        }
      }
    };
    mention('jobTitle', [str(profile.jobTitle)]);
    mention('freeSkills', skills.filter(x => !(x.skillId && taxonomy.skills.has(x.skillId))).map(x => x.label));
    mention('askMeAbout', list(profile.askMeAbout));
    mention('interests', list(profile.interests));
    return {
      ord,
      id: profile.id,
      profile,
      mentions: mentions.size > 0 ? mentions : NO_MENTIONS,
      text: {
        displayName: str(profile.displayName),
        jobTitle: str(profile.jobTitle),
        freeSkills: free.join(' '),
        askMeAbout: list(profile.askMeAbout).join('\n'),
        interests: list(profile.interests).join('\n')
      },
      sortName: labelCached(str(profile.displayName)),
      department: labelCached(str(profile.department)),
      location: labelCached(str(profile.location)),
      site: analyzeCached(str(profile.location)).join(' '),
      languages: list(profile.languages).map(languageCached),
      customerFacing: profile.customerFacing === true,
      skills,
      taxonomyIds
    };
  };

  const changed = (): void => {
    cache = new Map();
    if (arrays.size > 0) arrays = new Map();
    nameRank = undefined;
  };

  const removeId = (id: string): void => {
    const old = byId.get(id);
    if (!old) return;
    unindexWords(old);
    for (const s of old.taxonomyIds) unpost(skillPostings, s, old.ord);
    old.mentions.forEach((_f, s) => unpost(mentionPostings, s, old.ord));
    if (old.site) unpost(sitePostings, old.site, old.ord);
    byId.delete(id);
    docs[old.ord] = undefined;
    freeOrds.push(old.ord);
  };

  const add = (profile: ExpertProfile): void => {
    if (!profile || typeof profile.id !== 'string' || profile.id === '') throw new TypeError('expertise index: a profile needs an id');
    changed();
    removeId(profile.id);
    if (!isSearchable(profile)) return; // guests and disabled accounts are never indexed
    const ord = freeOrds.length > 0 ? (freeOrds.pop() as number) : docs.length;
    const entry = toEntry(profile, ord);
    indexWords(entry);
    docs[ord] = entry;
    byId.set(entry.id, entry);
    if (flat.slotCount.length <= ord) flat = allocFlat(Math.max(1024, (ord + 1) * 2), flat);
    const base = ord * SLOTS;
    if (entry.skills.length > SLOTS) flat.slotCount[ord] = OBJECT_PATH;
    else {
      flat.slotCount[ord] = entry.skills.length;
      entry.skills.forEach((sk, k) => {
        const n = sk.skillId !== undefined ? skillNumbers.get(sk.skillId) : undefined;
        // free skills (and retired taxonomy ids, matched by label) are numbered by key, negative
        flat.slotSkill[base + k] = n === undefined || sk.terms.length > 0 ? -(1 + intern(`free:${sk.key}`)) : n;
        flat.slotBase[base + k] = sk.points.proficiency + sk.points.endorsements;
        flat.slotOutcome[base + k] = sk.points.acceptedAnswers + sk.points.resolvedInsights;
      });
    }
    flat.department[ord] = intern(entry.department);
    flat.location[ord] = intern(entry.location);
    flat.site[ord] = intern(entry.site);
    flat.languages[ord] = entry.languages.reduce((m, l) => m | languageBit(l), 0);
    flat.customerFacing[ord] = entry.customerFacing ? 1 : 0;
    for (const s of entry.taxonomyIds) post(skillPostings, s, ord);
    entry.mentions.forEach((_f, s) => post(mentionPostings, s, ord));
    if (entry.site) {
      post(sitePostings, entry.site, ord);
      longestSite = Math.max(longestSite, entry.site.split(' ').length);
    }
  };

  const rankByName = (): Int32Array => {
    if (nameRank && nameRank.length >= docs.length) return nameRank;
    const live: Entry[] = [];
    for (const e of docs) if (e) live.push(e);
    live.sort((a, b) => {
      if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
      const an = a.profile.displayName, bn = b.profile.displayName;
      if (an !== bn) return an < bn ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    const rank = new Int32Array(docs.length);
    live.forEach((e, i) => { rank[e.ord] = i; });
    return (nameRank = rank);
  };

  for (const p of profiles) add(p);
  rankByName();

  /** Filters as numbers: -1 = any; 0 = a value nobody has. */
  interface FlatFilters { department: number; location: number; language: number; languageExact?: string; customerFacing: number }
  const flatFilters = (f: NormalizedFilters): FlatFilters => {
    const lookup = (v: string | undefined): number => (v === undefined ? -1 : interned.get(v) || 0);
    const bit = f.language === undefined ? -1 : languageBits.get(f.language);
    return {
      department: lookup(f.department),
      location: lookup(f.location),
      language: f.language === undefined ? -1 : bit === undefined ? 0 : 1 << bit,
      languageExact: bit === 30 ? f.language : undefined,
      customerFacing: f.customerFacing === undefined ? -1 : f.customerFacing ? 1 : 0
    };
  };
  const passesFlat = (o: number, f: FlatFilters): boolean =>
    (f.department < 0 || flat.department[o] === f.department) &&
    (f.location < 0 || flat.location[o] === f.location) &&
    (f.language < 0 || ((flat.languages[o] & f.language) !== 0 && (f.languageExact === undefined || (docs[o] as Entry).languages.indexOf(f.languageExact) >= 0))) &&
    (f.customerFacing < 0 || flat.customerFacing[o] === f.customerFacing);

  /** Sites first (longest run of words naming a site), then the taxonomy's concepts and terms. */
  const segment = (terms: string[]): Array<QuerySegment | { kind: 'site'; site: string }> => {
    const out: Array<QuerySegment | { kind: 'site'; site: string }> = [];
    let rest: string[] = [];
    const flush = (): void => { out.push(...taxonomy.segment(rest)); rest = []; };
    let i = 0;
    while (i < terms.length) {
      let site: string | undefined;
      for (let len = Math.min(longestSite, terms.length - i); len >= 1 && !site; len--) {
        const key = terms.slice(i, i + len).join(' ');
        if (sitePostings.has(key)) site = key;
      }
      if (site) {
        flush();
        out.push({ kind: 'site', site });
        i += site.split(' ').length;
      } else {
        rest.push(terms[i]);
        i += 1;
      }
    }
    flush();
    return out;
  };

  const buildClauses = (terms: string[]): Clause[] => {
    const segments = segment(terms);
    const wordSegments = segments.filter(s => s.kind !== 'site').length;
    let seen = 0;
    return segments.map((seg): Clause => {
      if (seg.kind === 'site') return { kind: 'site', skillIds: [], mask: maskOf([]), weight: weightOf([], () => 0), free: new Map(), site: seg.site, matches: () => false, relevance: () => 0 };
      seen += 1;
      if (seg.kind === 'term') {
        const prefix = seen === wordSegments && seg.term.length >= 3;
        const ids = taxonomy.skillsMatching(seg.term, prefix);
        const idSet = new Set(ids);
        const memo = new Map<string, boolean>();
        const wordMatches = (w: string): boolean => {
          let m = memo.get(w);
          if (m === undefined) memo.set(w, (m = termMatches(seg.term, w, prefix)));
          return m;
        };
        const named = (id: string): number => clauseRelevance(seg.term, prefix, taxonomy.phrasesOf(id));
        const weight = weightOf(ids, named);
        return {
          kind: 'term',
          skillIds: ids,
          mask: maskOf(ids),
          weight,
          free: new Map(),
          term: seg.term,
          prefix,
          wordMatches,
          matches: s => (s.skillId !== undefined && idSet.has(s.skillId)) || (s.terms.length > 0 && s.terms.some(wordMatches)),
          relevance: s => (s.skillId !== undefined && idSet.has(s.skillId) ? named(s.skillId) : clauseRelevance(seg.term, prefix, [s.terms]))
        };
      }
      const idSet = new Set(seg.skillIds);
      const phrases = new Map<string, string[]>();
      for (const id of seg.skillIds) for (const p of taxonomy.phrasesOf(id)) phrases.set(p.join(' '), p);
      const phraseList = Array.from(phrases.values());
      return {
        kind: 'concept',
        skillIds: seg.skillIds,
        mask: maskOf(seg.skillIds),
        // the query spells a label or synonym of these skills: they are named in full
        weight: weightOf(seg.skillIds, () => 1),
        free: new Map(),
        relevance: () => 1,
        matches: s => (s.skillId !== undefined && idSet.has(s.skillId)) || (s.terms.length > 0 && phraseList.some(p => p.every(t => s.terms.indexOf(t) >= 0)))
      };
    });
  };

  const ensureCapacity = (): void => {
    if (gen.length >= docs.length) return;
    const size = Math.max(docs.length, 1024);
    gen = new Int32Array(size); count = new Int32Array(size); last = new Int32Array(size); textScore = new Float64Array(size); cands = new Int32Array(size);
    generation = 0;
  };

  /** A posting set as an array, built once per key until the next change of the index. */
  const postingArray = (map: Map<string, Set<number>>, prefix: string, key: string): Int32Array | undefined => {
    const k = prefix + key;
    let a = arrays.get(k);
    if (!a) {
      const set = map.get(key);
      if (!set) return undefined;
      a = Int32Array.from(set);
      arrays.set(k, a);
    }
    return a;
  };

  const mentionWeights = (id: string, list: Int32Array): Float64Array => {
    let w = mentionWeightCache.get(list);
    if (!w) {
      w = new Float64Array(list.length);
      for (let j = 0; j < list.length; j++) {
        for (const f of (docs[list[j]] as Entry).mentions.get(id) || []) w[j] += FIELD_BOOSTS[f] * MENTION_SCORE;
      }
      mentionWeightCache.set(list, w);
    }
    return w;
  };

  const rank = (terms: string[], blank: boolean, filters: NormalizedFilters): Ranking => {
    const empty: Ranking = { clauses: [], sites: [], ords: [], scores: [], relevance: [] };
    ensureCapacity();
    const G = ++generation;
    const genA = gen, countA = count, lastA = last, textA = textScore, candA = cands;
    let n = 0;
    let clauses: Clause[] = [];
    let sites: string[] = [];
    let need = 0;
    if (blank) {
      for (const e of docs) if (e) candA[n++] = e.ord;
    } else {
      if (terms.length === 0) return empty;
      const all = buildClauses(terms);
      clauses = all.filter(c => c.kind !== 'site');
      sites = all.filter(c => c.kind === 'site').map(c => c.site as string);
      const touchAll = (list: Int32Array, ci: number): void => {
        for (let j = 0; j < list.length; j++) {
          const ord = list[j];
          if (genA[ord] !== G) { genA[ord] = G; countA[ord] = 0; lastA[ord] = -1; textA[ord] = 0; candA[n++] = ord; }
          if (lastA[ord] !== ci) { lastA[ord] = ci; countA[ord] += 1; }
        }
      };
      const touch = (ord: number, ci: number, score: number): void => {
        if (genA[ord] !== G) { genA[ord] = G; countA[ord] = 0; lastA[ord] = -1; textA[ord] = 0; candA[n++] = ord; }
        if (lastA[ord] !== ci) { lastA[ord] = ci; countA[ord] += 1; }
        textA[ord] += score;
      };
      for (let ci = 0; ci < clauses.length; ci++) {
        const c = clauses[ci];
        for (const id of c.skillIds) {
          const list = postingArray(skillPostings, 's:', id);
          if (list) touchAll(list, ci);
        }
        if (c.kind === 'concept') {
          for (const id of c.skillIds) {
            const list = postingArray(mentionPostings, 'm:', id);
            if (!list) continue;
            const weight = mentionWeights(id, list);
            for (let j = 0; j < list.length; j++) touch(list[j], ci, weight[j]);
          }
        }
        if (c.term !== undefined) {
          const live = byId.size;
          for (const { word, weight } of wordsMatching(c.term, c.prefix === true)) {
            const p = postings.get(word) as Posting;
            const idf = Math.log(1 + (live - p.ords.length + 0.5) / (p.ords.length + 0.5));
            const ords = p.ords, masks = p.masks;
            for (let j = 0; j < ords.length; j++) touch(ords[j], ci, weight * idf * maskBoost[masks[j]]);
          }
        }
      }
      if (clauses.length === 0) {
        // only sites: everybody there
        const list = postingArray(sitePostings, 'l:', sites[0]);
        if (list) for (let j = 0; j < list.length; j++) { const ord = list[j]; genA[ord] = G; countA[ord] = 0; textA[ord] = 0; candA[n++] = ord; }
      }
      need = clauses.length;
    }
    // sites and filters, then AND (every word clause) or, when that finds nobody, OR (any)
    const noFilter = filters.department === undefined && filters.location === undefined && filters.language === undefined && filters.customerFacing === undefined;
    const ff = flatFilters(filters);
    const siteNums = sites.map(x => interned.get(x) || 0);
    const siteA = flat.site;
    let kept = 0;
    let every = 0;
    for (let i = 0; i < n; i++) {
      const o = candA[i];
      if (siteNums.length > 0 && !siteNums.every(x => x === siteA[o])) continue;
      if (!noFilter && !passesFlat(o, ff)) continue;
      candA[kept++] = o;
      if (!blank && countA[o] >= need) every += 1;
    }
    const andMode = !blank && need > 1 && every > 0;
    // plain arrays: typed arrays of this size live outside the heap and make the engine collect
    // garbage far more often (a full collection of a 100,000-profile heap costs tens of ms)
    const ords: number[] = [];
    for (let i = 0; i < kept; i++) {
      const o = candA[i];
      if (andMode && countA[o] < need) continue;
      ords.push(o);
    }
    const scores: number[] = [];
    const relevance: number[] = [];
    if (blank) for (let i = 0; i < ords.length; i++) { scores.push(0); relevance.push(0); }
    else blendAll(ords, docs as Entry[], flat, clauses, textA, weights, scores, relevance);
    return { clauses, sites, ords, scores, relevance };
  };

  /** Positions (in ranking.ords) of results [0, k) in order. */
  const firstK = (r: Ranking, k: number, keep: boolean): Int32Array => {
    const names = rankByName();
    const { ords, scores } = r;
    const before = (a: number, b: number): boolean => scores[a] > scores[b] || (scores[a] === scores[b] && names[ords[a]] < names[ords[b]]);
    const n = ords.length;
    if (r.order) return r.order.subarray(0, Math.min(k, n));
    if (keep || k >= n || k > HEAP_LIMIT) {
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => (scores[b] - scores[a]) || (names[ords[a]] - names[ords[b]]));
      r.order = order;
      return order.subarray(0, Math.min(k, n));
    }
    // bounded heap of the k best, worst on top
    const heap: number[] = [];
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1, rr = l + 1;
        let w = i;
        if (l < heap.length && before(heap[w], heap[l])) w = l;
        if (rr < heap.length && before(heap[w], heap[rr])) w = rr;
        if (w === i) return;
        const t = heap[i]; heap[i] = heap[w]; heap[w] = t;
        i = w;
      }
    };
    for (let i = 0; i < n; i++) {
      if (heap.length < k) {
        heap.push(i);
        let j = heap.length - 1;
        while (j > 0) {
          const p = (j - 1) >> 1;
          if (!before(heap[p], heap[j])) break;
          const t = heap[p]; heap[p] = heap[j]; heap[j] = t;
          j = p;
        }
      } else if (k > 0 && before(i, heap[0])) {
        heap[0] = i;
        down(0);
      }
    }
    heap.sort((a, b) => (before(a, b) ? -1 : 1));
    return Int32Array.from(heap);
  };

  const textReason = (r: Ranking, e: Entry, relevance: number): Reason | undefined => {
    const fields = new Set<string>();
    if (r.sites.length > 0) fields.add('location');
    const termClauses = r.clauses.filter(c => c.wordMatches !== undefined);
    const concepts = new Set<string>();
    for (const c of r.clauses) {
      if (c.kind !== 'concept') continue;
      for (const id of c.skillIds) {
        const named = e.mentions.get(id);
        if (!named) continue;
        concepts.add(id);
        named.forEach(f => fields.add(f));
      }
    }
    const wordHit = (text: string): boolean => analyzeCached(text).some(w => termClauses.some(c => (c.wordMatches as (w: string) => boolean)(w)));
    for (const f of ['displayName', 'jobTitle'] as const) if (termClauses.length > 0 && wordHit(e.text[f])) fields.add(f);
    const entries: string[] = [];
    for (const f of ['askMeAbout', 'interests'] as const) {
      for (const item of e.profile[f] || []) {
        if (typeof item !== 'string' || entries.indexOf(item) >= 0) continue;
        if ((termClauses.length > 0 && wordHit(item)) || conceptsIn(item).some(id => concepts.has(id))) {
          entries.push(item);
          fields.add(f);
        }
      }
    }
    const shown = TEXT_FIELD_ORDER.filter(f => fields.has(f));
    if (shown.length === 0) return undefined;
    return { kind: 'textMatch', fields: shown, entries, points: weights.text * relevance };
  };

  const search = (query: SearchQuery): SearchResult => {
    const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, 20);
    const page = clampInt(query.page, 1, Number.MAX_SAFE_INTEGER, 1);
    const text = typeof query.text === 'string' ? query.text : '';
    const blank = text.trim() === '';
    const terms = blank ? [] : analyze(text);
    const filters = normalizeFilters(query.filters || {});
    const key = `${blank ? '*' : terms.join(' ')}|${JSON.stringify(filters)}`;
    let ranking = cacheSize > 0 ? cache.get(key) : undefined;
    if (ranking) cache.delete(key);
    else ranking = rank(terms, blank, filters);
    if (cacheSize > 0) {
      cache.set(key, ranking);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    const total = ranking.ords.length;
    const from = (page - 1) * pageSize;
    const results: SearchHit[] = [];
    if (from < total) {
      const positions = firstK(ranking, Math.min(total, page * pageSize), page > 1 && cacheSize > 0);
      const locale = typeof query.locale === 'string' ? query.locale : 'en-US';
      const labelOf = (s: RankedSkill): string => (s.skillId && taxonomy.skills.has(s.skillId) ? taxonomy.labelOf(s.skillId, locale) : s.label);
      for (let i = from; i < positions.length; i++) {
        const pos = positions[i];
        const e = docs[ranking.ords[pos]] as Entry;
        const reasons = skillReasons(bestSkills(e.skills, ranking.clauses), labelOf);
        const t = textReason(ranking, e, ranking.relevance[pos]);
        if (t) reasons.push(t);
        results.push({ profile: e.profile, score: ranking.scores[pos], relevance: ranking.relevance[pos], reasons });
      }
    }
    return { total, page, pageSize, results };
  };

  return {
    search,
    add,
    replace: add,
    remove: (p: ExpertProfile | string) => {
      const id = typeof p === 'string' ? p : p && p.id;
      if (typeof id !== 'string') return;
      changed();
      removeId(id);
    },
    has: (id: string) => byId.has(id),
    get size(): number {
      return byId.size;
    }
  };
}

interface NormalizedFilters {
  department?: string;
  location?: string;
  language?: string;
  customerFacing?: boolean;
}

function normalizeFilters(f: SearchFilters): NormalizedFilters {
  const out: NormalizedFilters = {};
  if (typeof f.department === 'string' && f.department.trim() !== '') out.department = normalizeLabel(f.department);
  if (typeof f.location === 'string' && f.location.trim() !== '') out.location = normalizeLabel(f.location);
  if (typeof f.language === 'string' && f.language.trim() !== '') out.language = primaryLanguage(f.language);
  if (typeof f.customerFacing === 'boolean') out.customerFacing = f.customerFacing;
  return out;
}
