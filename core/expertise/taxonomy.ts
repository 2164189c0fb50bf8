/**
 * The skills taxonomy seen by search: every label (English, French) and synonym of a skill, analyzed
 * like any text, so that a query phrase or term can be mapped to skill ids (synonym expansion).
 */
import type { SkillDefinition } from '../policy/types';
import { analyze, fold, fuzzyDistance, normalizeLabel, withinDistance, words } from './normalize';

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
   * The taxonomy skill a free entry is, when it spells exactly one skill's label or synonym, word
   * for word after folding (accents, case, punctuation): "gestion de la relation-client" is the CRM
   * skill. No stemming, stop-word removal, prefix or typo rule: "Accounts" is not Accounting,
   * "Flow" is not Power Platform (whose synonym is "flows"), "Power" is nothing.
   */
  resolveLabel(label: string): string | undefined;
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
  const spelled = new Map<string, Set<string>>();
  let longest = 1;

  for (const def of definitions) {
    if (!def || typeof def.id !== 'string' || def.id.trim() === '' || skills.has(def.id)) continue;
    skills.set(def.id, def);
    const own: string[][] = [];
    const seen = new Set<string>();
    for (const text of [def.label.en, def.label.fr, ...(def.synonyms || [])]) {
      if (typeof text !== 'string') continue;
      const name = normalizeLabel(text);
      if (name !== '') {
        let named = spelled.get(name);
        if (!named) spelled.set(name, (named = new Set()));
        named.add(def.id);
      }
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

  const resolveLabel = (label: string): string | undefined => {
    const ids = spelled.get(normalizeLabel(label));
    return ids && ids.size === 1 ? Array.from(ids)[0] : undefined;
  };

  return {
    skills,
    phrasesOf: id => phrases.get(id) || [],
    segment,
    skillsMatching,
    resolveLabel,
    labelOf: (id, locale) => {
      const def = skills.get(id);
      if (!def) return id;
      return /^fr/i.test(locale || '') ? def.label.fr : def.label.en;
    }
  };
}

/** One suggestion of the skill editor: a label or synonym of a taxonomy skill that the typed text starts. */
export interface SkillSuggestion {
  skillId: string;
  /** The label or synonym as the taxonomy writes it. */
  text: string;
  /** True when `text` is a synonym (the skill is then named by its label in the viewer's language). */
  synonym: boolean;
}

/**
 * Taxonomy skills whose English or French label or synonym has a word starting with the typed
 * text, accent- and case-insensitively ("pow" → Power Platform, Power BI; "logis" → Logistique;
 * "relation cl" → Gestion de la relation client). Labels before synonyms, names starting with the
 * text before those with a later word starting with it, then alphabetical in the viewer's language;
 * each spelling once, skills in `exclude` left out. An empty text suggests every label.
 */
export function suggestSkills(definitions: readonly SkillDefinition[], typed: string, locale: string, options: { exclude?: ReadonlySet<string>; limit?: number } = {}): SkillSuggestion[] {
  const query = words(typed).join(' ');
  const french = /^fr/i.test(locale || '');
  const found: Array<SkillSuggestion & { rank: number }> = [];
  for (const def of definitions) {
    if (!def || typeof def.id !== 'string' || (options.exclude && options.exclude.has(def.id))) continue;
    const own = french ? [def.label.fr, def.label.en] : [def.label.en, def.label.fr];
    const seen = new Set<string>();
    const names = [...own.map(text => ({ text, synonym: false })), ...(query === '' ? [] : (def.synonyms || []).map(text => ({ text, synonym: true })))];
    names.forEach(({ text, synonym }, i) => {
      if (typeof text !== 'string' || text.trim() === '') return;
      const folded = words(text).join(' ');
      if (seen.has(folded)) return;
      seen.add(folded);
      // the label in the other language only when the viewer's one does not match
      if (!synonym && i === 1 && found.some(f => f.skillId === def.id && !f.synonym)) return;
      const at = query === '' ? 0 : folded.startsWith(query) ? 0 : (' ' + folded).indexOf(' ' + query) >= 0 ? 1 : -1;
      if (at < 0) return;
      found.push({ skillId: def.id, text, synonym, rank: (synonym ? 2 : 0) + at });
    });
  }
  const collate = (a: string, b: string): number => fold(a).localeCompare(fold(b), locale || 'en') || (a < b ? -1 : a > b ? 1 : 0);
  found.sort((a, b) => a.rank - b.rank || collate(a.text, b.text) || (a.skillId < b.skillId ? -1 : 1));
  const limit = options.limit === undefined ? found.length : Math.max(0, options.limit);
  return found.slice(0, limit).map(({ skillId, text, synonym }) => ({ skillId, text, synonym }));
}
