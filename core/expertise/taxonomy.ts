/**
 * The skills taxonomy seen by search: every label (English, French) and synonym of a skill, analyzed
 * like any text, so that a query phrase or term can be mapped to skill ids (synonym expansion).
 */
import type { SkillDefinition } from '../policy/types';
import { analyze, fuzzyDistance, withinDistance } from './normalize';

/** A piece of an analyzed query. */
export type QuerySegment =
  /** Consecutive terms that spell a label or synonym of one or more skills ("gestion relation client"). */
  | { kind: 'concept'; terms: string[]; skillIds: string[] }
  /** Any other term. */
  | { kind: 'term'; term: string };

export interface Taxonomy {
  readonly skills: ReadonlyMap<string, SkillDefinition>;
  /** Analyzed labels and synonyms of a skill, deduplicated ("customer relationship management" → ["customer", "relationship", "management"]). */
  phrasesOf(skillId: string): readonly string[][];
  /** Splits analyzed query terms into concepts (longest label or synonym first) and plain terms. */
  segment(terms: readonly string[]): QuerySegment[];
  /**
   * Skills whose labels or synonyms contain a term matching `term`: exactly, by prefix when
   * `prefix` is set, or within the typo tolerance of its length.
   */
  skillsMatching(term: string, prefix: boolean): string[];
  /**
   * The taxonomy skill a free entry names (given analyzed) when it is exactly one skill's label or
   * synonym: "Gestion de la relation client" typed by hand is the CRM skill.
   */
  resolveTerms(terms: readonly string[]): string | undefined;
  /** Label in a locale ('fr...' gives French, anything else English); the id when unknown. */
  labelOf(skillId: string, locale: string): string;
}

/** Whether `candidate` (a word of the index) matches query term `term` under the search rules. */
export function termMatches(term: string, candidate: string, prefix: boolean): boolean {
  if (candidate === term) return true;
  if (prefix && candidate.startsWith(term)) return true;
  return withinDistance(term, candidate, fuzzyDistance(term));
}

export function createTaxonomy(definitions: readonly SkillDefinition[]): Taxonomy {
  const skills = new Map<string, SkillDefinition>();
  const phrases = new Map<string, string[][]>();
  const dictionary = new Map<string, Set<string>>();
  const vocabulary = new Map<string, Set<string>>();
  let longest = 1;

  for (const def of definitions) {
    if (!def || typeof def.id !== 'string' || def.id.trim() === '' || skills.has(def.id)) continue;
    skills.set(def.id, def);
    const own: string[][] = [];
    const seen = new Set<string>();
    for (const text of [def.label.en, def.label.fr, ...(def.synonyms || [])]) {
      if (typeof text !== 'string') continue;
      const terms = analyze(text);
      const key = terms.join(' ');
      if (terms.length === 0 || seen.has(key)) continue;
      seen.add(key);
      own.push(terms);
      longest = Math.max(longest, terms.length);
      let ids = dictionary.get(key);
      if (!ids) dictionary.set(key, (ids = new Set()));
      ids.add(def.id);
      for (const t of terms) {
        let holders = vocabulary.get(t);
        if (!holders) vocabulary.set(t, (holders = new Set()));
        holders.add(def.id);
      }
    }
    phrases.set(def.id, own);
  }

  const segment = (terms: readonly string[]): QuerySegment[] => {
    const out: QuerySegment[] = [];
    let i = 0;
    while (i < terms.length) {
      let found: QuerySegment | undefined;
      for (let len = Math.min(longest, terms.length - i); len >= 1 && !found; len--) {
        const slice = terms.slice(i, i + len);
        const ids = dictionary.get(slice.join(' '));
        if (ids) found = { kind: 'concept', terms: slice, skillIds: Array.from(ids).sort() };
      }
      if (found && found.kind === 'concept') {
        out.push(found);
        i += found.terms.length;
      } else {
        out.push({ kind: 'term', term: terms[i] });
        i += 1;
      }
    }
    return out;
  };

  const skillsMatching = (term: string, prefix: boolean): string[] => {
    const ids = new Set<string>();
    vocabulary.forEach((holders, candidate) => {
      if (termMatches(term, candidate, prefix)) holders.forEach(id => ids.add(id));
    });
    return Array.from(ids).sort();
  };

  const resolveTerms = (terms: readonly string[]): string | undefined => {
    const ids = dictionary.get(terms.join(' '));
    return ids && ids.size === 1 ? Array.from(ids)[0] : undefined;
  };

  return {
    skills,
    phrasesOf: id => phrases.get(id) || [],
    segment,
    skillsMatching,
    resolveTerms,
    labelOf: (id, locale) => {
      const def = skills.get(id);
      if (!def) return id;
      return /^fr/i.test(locale || '') ? def.label.fr : def.label.en;
    }
  };
}
