/**
 * How the profile words expertise: a skill's name in the viewer's language, level names, counts.
 */
import type { SkillDefinition } from '../../core/policy/types';
import type { ProfileSkill } from '../../core/expertise/types';
import { format } from '../../core/format';

/** The skill's name in the viewer's language: the taxonomy label, or the free entry as written. */
export function skillName(skill: ProfileSkill, taxonomy: SkillDefinition[], locale: string): string {
  const def = skill.skillId ? taxonomy.find(d => d.id === skill.skillId) : undefined;
  if (!def) return skill.label;
  return /^fr/i.test(locale) ? def.label.fr || def.label.en : def.label.en || def.label.fr;
}

/** Picks the singular or plural form of a count in the viewer's language (French: 0 and 1 are singular). */
export function plural(locale: string, n: number, one: string, other: string): string {
  let category = n === 1 ? 'one' : 'other';
  try {
    category = new Intl.PluralRules(locale).select(n);
  } catch {
    // an unknown locale keeps the English rule
  }
  return format(category === 'one' ? one : other, n);
}

export function levelName(strings: ISuiteStrings, level: number): string {
  switch (level) {
    case 1: return strings.ExpertiseLevel1;
    case 2: return strings.ExpertiseLevel2;
    case 3: return strings.ExpertiseLevel3;
    default: return strings.ExpertiseLevel4;
  }
}
