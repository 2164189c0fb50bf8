/**
 * The local expertise search provider: a MiniSearch full-text index over profiles, the taxonomy's
 * synonym expansion, and the ranking blend of ranking.ts. Pure and synchronous: no I/O, no clock.
 *
 * How a query runs (details in docs/expertise-ranking.md):
 * 1. the text is analyzed (normalize.ts) and cut into clauses (taxonomy.ts): a run of terms that
 *    spells a skill's label or synonym is one "concept" clause, any other term is a "term" clause;
 * 2. every clause must match (AND; when that finds nobody, any clause may: OR). A term clause
 *    matches the profile's text with typo tolerance by length (prefix on the last term), or a
 *    taxonomy skill whose labels or synonyms hold a matching word. A concept clause matches the
 *    concept's skills, or any of their labels and synonyms written in the profile's own text;
 * 3. guests, disabled accounts and filtered-out profiles are dropped; the rest is ranked by the
 *    blend and ordered by score, then display name, then id, and cut into pages.
 *
 * Taxonomy skills are indexed under their id, once per profile; their labels and synonyms live in
 * the taxonomy, consulted per query. A profile is therefore found by every label and synonym of its
 * skills without storing them thousands of times.
 */
import MiniSearch from 'minisearch';
import type { Query, SearchResult as MiniResult } from 'minisearch';
import type { SkillDefinition } from '../policy/types';
import type { ExpertiseIndex, ExpertProfile, Reason, SearchFilters, SearchHit, SearchQuery, SearchResult, TextField } from './types';
import { analyze, createAnalyzerCache, fuzzyDistance, normalizeLabel } from './normalize';
import { createTaxonomy, QuerySegment, Taxonomy, termMatches } from './taxonomy';
import { bestSkills, blendScore, ClauseMatcher, prepareSkills, RankedSkill, RANKING_WEIGHTS, RankingWeights, skillReasons } from './ranking';

export * from './types';
export { RANKING_WEIGHTS } from './ranking';

export const MAX_PAGE_SIZE = 100;

/** Field boosts of the full-text part (the text relevance of the blend). */
export const FIELD_BOOSTS: Readonly<Record<IndexField, number>> = Object.freeze({
  skillIds: 3,
  freeSkills: 2,
  askMeAbout: 2,
  displayName: 2,
  jobTitle: 1.5,
  interests: 1,
  department: 0.75,
  location: 0.5
});

type IndexField = TextField | 'skillIds' | 'freeSkills';
const FIELDS: IndexField[] = ['skillIds', 'freeSkills', 'askMeAbout', 'displayName', 'jobTitle', 'interests', 'department', 'location'];
const WORD_FIELDS: IndexField[] = FIELDS.filter(f => f !== 'skillIds');
const TEXT_FIELD_ORDER: TextField[] = ['displayName', 'jobTitle', 'department', 'location', 'askMeAbout', 'interests'];

export interface ExpertiseIndexOptions {
  /** Ranked result lists kept for paging through the same query (0 disables). Default 16. */
  cacheSize?: number;
  weights?: RankingWeights;
}

interface Entry {
  id: string;
  profile: ExpertProfile;
  /** Copies of the indexed text, so removal sees what was added even if the caller mutates the profile. */
  text: Record<IndexField, string>;
  sortName: string;
  department: string;
  location: string;
  languages: string[];
  skills: RankedSkill[];
}

interface Ranked {
  entry: Entry;
  score: number;
  relevance: number;
  raw?: MiniResult;
  best: Array<RankedSkill | undefined>;
}

interface Clause extends ClauseMatcher {
  query: Query;
}

/** A skill id as one index term. */
const idTerm = (id: string): string => id.replace(/\s+/g, '_');
const splitSpaces = (s: string): string[] => s.split(' ').filter(t => t !== '');
const keepTerm = (t: string): string => t;

export function isSearchable(p: ExpertProfile): boolean {
  return p.accountEnabled === true && p.userType === 'Member';
}

const primaryLanguage = (tag: string): string => normalizeLabel(tag).split(' ')[0] || '';

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.entry.sortName !== b.entry.sortName) return a.entry.sortName < b.entry.sortName ? -1 : 1;
  const an = a.entry.profile.displayName, bn = b.entry.profile.displayName;
  if (an !== bn) return an < bn ? -1 : 1;
  return a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(max, Math.max(min, n));
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
  const entries = new Map<string, Entry>();
  let cache = new Map<string, Ranked[]>();

  const mini = new MiniSearch<Entry>({
    fields: FIELDS,
    idField: 'id',
    extractField: (entry, field) => (field === 'id' ? entry.id : entry.text[field as IndexField]),
    tokenize: (text, field) => (field === 'skillIds' || field === 'freeSkills' ? splitSpaces(text) : analyzeCached(text)),
    processTerm: keepTerm,
    autoVacuum: false,
    searchOptions: { tokenize: splitSpaces, processTerm: keepTerm, boost: FIELD_BOOSTS }
  });

  const toEntry = (profile: ExpertProfile): Entry => {
    const skills = prepareSkills(profile, taxonomy, analyzeCached, weights);
    const str = (v: unknown): string => (typeof v === 'string' ? v : '');
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const ids: string[] = [];
    const free: string[] = [];
    for (const s of skills) {
      if (s.skillId && taxonomy.skills.has(s.skillId)) ids.push(idTerm(s.skillId));
      else free.push(...s.terms);
    }
    return {
      id: profile.id,
      profile,
      text: {
        skillIds: ids.join(' '),
        freeSkills: free.join(' '),
        askMeAbout: list(profile.askMeAbout).join('\n'),
        interests: list(profile.interests).join('\n'),
        displayName: str(profile.displayName),
        jobTitle: str(profile.jobTitle),
        department: str(profile.department),
        location: str(profile.location)
      },
      sortName: normalizeLabel(str(profile.displayName)),
      department: normalizeLabel(str(profile.department)),
      location: normalizeLabel(str(profile.location)),
      languages: list(profile.languages).map(primaryLanguage),
      skills
    };
  };

  const removeId = (id: string): void => {
    const old = entries.get(id);
    if (!old) return;
    mini.remove(old);
    entries.delete(id);
  };

  const add = (profile: ExpertProfile): void => {
    if (!profile || typeof profile.id !== 'string' || profile.id === '') throw new TypeError('expertise index: a profile needs an id');
    cache = new Map();
    removeId(profile.id);
    if (!isSearchable(profile)) return; // guests and disabled accounts are never indexed
    const entry = toEntry(profile);
    mini.add(entry);
    entries.set(entry.id, entry);
  };

  for (const p of profiles) add(p);

  const passes = (e: Entry, f: NormalizedFilters): boolean =>
    (f.department === undefined || e.department === f.department) &&
    (f.location === undefined || e.location === f.location) &&
    (f.language === undefined || e.languages.indexOf(f.language) >= 0) &&
    (f.customerFacing === undefined || e.profile.customerFacing === f.customerFacing);

  const buildClauses = (segments: QuerySegment[]): Clause[] =>
    segments.map((seg, i): Clause => {
      if (seg.kind === 'term') {
        const prefix = i === segments.length - 1 && seg.term.length >= 3;
        const ids = taxonomy.skillsMatching(seg.term, prefix);
        const idSet = new Set(ids);
        const memo = new Map<string, boolean>();
        const wordMatches = (w: string): boolean => {
          let m = memo.get(w);
          if (m === undefined) memo.set(w, (m = termMatches(seg.term, w, prefix)));
          return m;
        };
        const fuzzy = fuzzyDistance(seg.term);
        const queries: Query[] = [{ queries: [seg.term], fields: WORD_FIELDS, fuzzy: fuzzy > 0 ? fuzzy : false, prefix }];
        if (ids.length > 0) queries.push({ queries: [ids.map(idTerm).join(' ')], fields: ['skillIds'], fuzzy: false, prefix: false, combineWith: 'OR' });
        return {
          query: { queries, combineWith: 'OR' },
          matches: s => (s.skillId !== undefined && idSet.has(s.skillId)) || s.terms.some(wordMatches)
        };
      }
      const idSet = new Set(seg.skillIds);
      const phrases = new Map<string, string[]>();
      for (const id of seg.skillIds) for (const p of taxonomy.phrasesOf(id)) phrases.set(p.join(' '), p);
      const phraseList = Array.from(phrases.values());
      const queries: Query[] = [{ queries: [seg.skillIds.map(idTerm).join(' ')], fields: ['skillIds'], fuzzy: false, prefix: false, combineWith: 'OR' }];
      for (const p of phraseList) queries.push({ queries: [p.join(' ')], fields: WORD_FIELDS, fuzzy: false, prefix: false, combineWith: 'AND' });
      return {
        query: { queries, combineWith: 'OR' },
        matches: s => (s.skillId !== undefined && idSet.has(s.skillId)) || (s.terms.length > 0 && phraseList.some(p => p.every(t => s.terms.indexOf(t) >= 0)))
      };
    });

  const rank = (terms: string[], blank: boolean, filters: NormalizedFilters): Ranked[] => {
    if (blank) {
      const all: Ranked[] = [];
      entries.forEach(e => { if (passes(e, filters)) all.push({ entry: e, score: 0, relevance: 0, best: [] }); });
      return all.sort(compareRanked);
    }
    if (terms.length === 0) return [];
    const clauses = buildClauses(taxonomy.segment(terms));
    const filter = (r: MiniResult): boolean => { const e = entries.get(r.id); return e !== undefined && passes(e, filters); };
    let raw = mini.search({ queries: clauses.map(c => c.query), combineWith: 'AND' }, { filter });
    if (raw.length === 0 && clauses.length > 1) raw = mini.search({ queries: clauses.map(c => c.query), combineWith: 'OR' }, { filter });
    let top = 0;
    for (const r of raw) if (r.score > top) top = r.score;
    const out: Ranked[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i];
      const entry = entries.get(r.id) as Entry;
      const relevance = top > 0 ? r.score / top : 0;
      const best = bestSkills(entry.skills, clauses);
      out[i] = { entry, score: blendScore(relevance, best, weights), relevance, raw: r, best };
    }
    return out.sort(compareRanked);
  };

  const textReason = (r: Ranked): Reason | undefined => {
    if (!r.raw) return undefined;
    const fields = new Set<string>();
    const matched = new Set(r.raw.terms);
    Object.keys(r.raw.match).forEach(term => r.raw!.match[term].forEach(f => fields.add(f)));
    const shown = TEXT_FIELD_ORDER.filter(f => fields.has(f));
    if (shown.length === 0) return undefined;
    const entries: string[] = [];
    for (const f of ['askMeAbout', 'interests'] as const) {
      if (!fields.has(f)) continue;
      for (const item of r.entry.profile[f] || []) {
        if (typeof item === 'string' && analyzeCached(item).some(t => matched.has(t)) && entries.indexOf(item) < 0) entries.push(item);
      }
    }
    return { kind: 'textMatch', fields: shown, entries, points: weights.text * r.relevance };
  };

  const search = (query: SearchQuery): SearchResult => {
    const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, 20);
    const page = clampInt(query.page, 1, Number.MAX_SAFE_INTEGER, 1);
    const text = typeof query.text === 'string' ? query.text : '';
    const blank = text.trim() === '';
    const terms = blank ? [] : analyze(text);
    const filters = normalizeFilters(query.filters || {});
    const key = `${blank ? '*' : terms.join(' ')}|${JSON.stringify(filters)}`;
    let ranked = cacheSize > 0 ? cache.get(key) : undefined;
    if (ranked) {
      cache.delete(key);
    } else {
      ranked = rank(terms, blank, filters);
    }
    if (cacheSize > 0) {
      cache.set(key, ranked);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    }
    const locale = typeof query.locale === 'string' ? query.locale : 'en-US';
    const labelOf = (s: RankedSkill): string => (s.skillId && taxonomy.skills.has(s.skillId) ? taxonomy.labelOf(s.skillId, locale) : s.label);
    const slice = ranked.slice((page - 1) * pageSize, page * pageSize);
    const results: SearchHit[] = slice.map(r => {
      const reasons = skillReasons(r.best, labelOf);
      const t = textReason(r);
      if (t) reasons.push(t);
      return { profile: r.entry.profile, score: r.score, relevance: r.relevance, reasons };
    });
    return { total: ranked.length, page, pageSize, results };
  };

  return {
    search,
    add,
    replace: add,
    remove: (p: ExpertProfile | string) => {
      const id = typeof p === 'string' ? p : p && p.id;
      if (typeof id !== 'string') return;
      cache = new Map();
      removeId(id);
    },
    has: (id: string) => entries.has(id),
    get size(): number {
      return entries.size;
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
