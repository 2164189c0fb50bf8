/**
 * Which skills of the taxonomy an outcome is about. Resolved customer insights and answered
 * community questions carry no skill key: their text names the skill, or it does not.
 *
 * A skill is named when one of its labels (English or French) or synonyms occurs in the text as
 * whole words, in order (multi-word labels and synonyms as phrases). Both sides go through the same
 * folding as the expertise index (core/expertise/normalize.ts `words`: accents and case folded,
 * anything but letters and digits separates) and the same light stemming (`stem`: "invoices" names
 * "invoice"). Stop words are kept, so "gestion de la relation client" only matches as written; no
 * typo tolerance and no partial words: "crm" never names a skill in "crmx".
 *
 * Insights also have a category and a product: their labels in the policy (FeedbackPolicy options,
 * English and French) are matched like text, so "Billing and payment reminders" names the billing
 * skills. No fixed mapping from categories to skills: categories and skills are the organisation's.
 *
 * Limits: a skill the text does not name (only its effect, or in other words than its labels and
 * synonyms) is missed; a common synonym ("support", "budget") is found in passing.
 */
import type { FeedbackPolicy, PolicyOption, SkillDefinition } from '../policy/types';
import { stem, words } from './normalize';

/** Folded, stemmed words of a text, stop words kept ("Gestion d’entrepôts" → ["gestion", "d", "entrepot"]). */
function tokens(text: string): string[] {
  return words(text).map(stem);
}

/** The skills named in a text, compiled once for a taxonomy: ids in taxonomy order, each once. */
export type SkillMatcher = (text: string) => string[];

export function createSkillMatcher(skills: readonly SkillDefinition[]): SkillMatcher {
  const order = new Map<string, number>();
  // Phrases by their first token: each phrase once per skill.
  const byFirst = new Map<string, { terms: string[]; id: string }[]>();
  for (const def of skills) {
    if (!def || typeof def.id !== 'string' || def.id.trim() === '' || order.has(def.id)) continue;
    order.set(def.id, order.size);
    const seen = new Set<string>();
    const label = def.label || { en: '', fr: '' };
    for (const text of [label.en, label.fr, ...(def.synonyms || [])]) {
      if (typeof text !== 'string') continue;
      const terms = tokens(text);
      const key = terms.join(' ');
      if (terms.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const list = byFirst.get(terms[0]);
      if (list) list.push({ terms, id: def.id });
      else byFirst.set(terms[0], [{ terms, id: def.id }]);
    }
  }
  return (text: string): string[] => {
    const found = new Set<string>();
    const t = tokens(text || '');
    for (let i = 0; i < t.length; i++) {
      const candidates = byFirst.get(t[i]);
      if (!candidates) continue;
      for (const c of candidates) {
        if (found.has(c.id) || i + c.terms.length > t.length) continue;
        let k = 1;
        while (k < c.terms.length && t[i + k] === c.terms[k]) k++;
        if (k === c.terms.length) found.add(c.id);
      }
    }
    return Array.from(found).sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  };
}

/** The taxonomy skill ids a text names (see the module's comment). */
export function skillsOfText(text: string, skills: readonly SkillDefinition[]): string[] {
  return createSkillMatcher(skills)(text);
}

/** English and French labels of a policy option by key, one line each; '' when the key is unknown or empty. */
export function optionLabels(options: readonly PolicyOption[] | undefined, key: string | null | undefined): string {
  if (!key || !options) return '';
  const o = options.find(x => x && x.key === key);
  return o && o.label ? `${o.label.en || ''}\n${o.label.fr || ''}` : '';
}

/** What an insight is about: its texts, its category key and its product key. */
export interface InsightText {
  title?: string | null;
  summary?: string | null;
  category?: string | null;
  product?: string | null;
}

/** The text matched for an insight: title, summary, and the labels of its category and product in the policy. */
export function insightMatchText(insight: InsightText, feedback?: Pick<FeedbackPolicy, 'categories' | 'products'>): string {
  return [
    insight.title || '', insight.summary || '',
    optionLabels(feedback && feedback.categories, insight.category),
    optionLabels(feedback && feedback.products, insight.product)
  ].join('\n');
}
