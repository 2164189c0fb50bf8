/**
 * Turns the structured reasons of a search hit (core/expertise) into sentences in the viewer's
 * language: one sentence per skill, the skill named once ("3 accepted answers on CRM, endorsed by
 * 5 colleagues"), then what the text matched.
 */
import type { Proficiency, Reason, TextField } from '../../../core/expertise/types';
import { format } from '../../../core/format';

type SkillReason = Exclude<Reason, { kind: 'textMatch' }>;

export function levelName(s: IExpertSearchStrings, level: Proficiency | number): string {
  switch (level) {
    case 1: return s.Level1;
    case 2: return s.Level2;
    case 3: return s.Level3;
    default: return s.Level4;
  }
}

function plural(locale: string, n: number): 'one' | 'other' {
  try {
    return new Intl.PluralRules(locale).select(n) === 'one' ? 'one' : 'other';
  } catch {
    return n === 1 ? 'one' : 'other';
  }
}

function fieldName(s: IExpertSearchStrings, field: TextField): string {
  switch (field) {
    case 'displayName': return s.FieldDisplayName;
    case 'jobTitle': return s.FieldJobTitle;
    case 'department': return s.FieldDepartment;
    case 'location': return s.FieldLocation;
    case 'askMeAbout': return s.FieldAskMeAbout;
    default: return s.FieldInterests;
  }
}

function part(s: IExpertSearchStrings, locale: string, r: SkillReason, withSkill: boolean): string {
  const one = r.kind !== 'declaredSkill' && plural(locale, r.count) === 'one';
  switch (r.kind) {
    case 'acceptedAnswers':
      return withSkill
        ? format(one ? s.ReasonAnswersOnOne : s.ReasonAnswersOnOther, r.count, r.label)
        : format(one ? s.ReasonAnswersOne : s.ReasonAnswersOther, r.count);
    case 'resolvedInsights':
      return withSkill
        ? format(one ? s.ReasonInsightsOnOne : s.ReasonInsightsOnOther, r.count, r.label)
        : format(one ? s.ReasonInsightsOne : s.ReasonInsightsOther, r.count);
    case 'endorsements':
      return withSkill
        ? format(one ? s.ReasonEndorsedOnOne : s.ReasonEndorsedOnOther, r.count, r.label)
        : format(one ? s.ReasonEndorsedOne : s.ReasonEndorsedOther, r.count);
    default:
      return withSkill
        ? format(s.ReasonDeclaredOn, levelName(s, r.proficiency), r.label)
        : format(s.ReasonDeclared, levelName(s, r.proficiency));
  }
}

function capitalize(text: string, locale: string): string {
  return text ? text.charAt(0).toLocaleUpperCase(locale) + text.slice(1) : text;
}

/**
 * Sentences explaining a hit, strongest skill first (the order core gives), at most `maxSkills`
 * skills, then the text match. Reasons without a count (0 endorsements) are left out.
 */
export function describeReasons(s: IExpertSearchStrings, locale: string, reasons: readonly Reason[], maxSkills = 2): string[] {
  const bySkill = new Map<string, SkillReason[]>();
  const sentences: string[] = [];
  let text: Extract<Reason, { kind: 'textMatch' }> | undefined;
  for (const r of reasons) {
    if (r.kind === 'textMatch') {
      text = r;
      continue;
    }
    if (r.kind !== 'declaredSkill' && r.count <= 0) continue;
    const list = bySkill.get(r.skillKey);
    if (list) list.push(r);
    else bySkill.set(r.skillKey, [r]);
  }
  for (const list of Array.from(bySkill.values()).slice(0, maxSkills)) {
    sentences.push(capitalize(list.map((r, i) => part(s, locale, r, i === 0)).join(s.ListSeparator), locale));
  }
  if (text && (text.fields.length > 0 || text.entries.length > 0)) {
    const fields = text.fields.map(f => fieldName(s, f)).join(s.ListSeparator);
    const matched = format(s.ReasonTextMatch, fields);
    sentences.push(capitalize(text.entries.length ? format(s.ReasonTextEntries, matched, text.entries.join(s.ListSeparator)) : matched, locale));
  }
  return sentences;
}
