/**
 * Counts in words, by the language's own plural rules (Intl.PluralRules): English says "1 relay" and
 * "2 relays", French "1 relais", "0 relais" and "1,5 heure" (French takes the singular below 2).
 *
 * A message holds its forms ICU-style, one per plural category, `other` required:
 *   'one {{0} relay} other {{0} relays}'      '=0 {no relay} one {one relay} other {{0} relays}'
 * The count is argument {0} (formatted for the locale); {1}, {2}... are the other arguments. A
 * message without forms is filled as is, so a string not yet written with forms still reads.
 */
import { format } from './format';

const FORM = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\d+\})*)\}/g;

const rulesCache = new Map<string, Intl.PluralRules>();

function rulesOf(locale: string): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  return rules;
}

/** The form of `message` for `count`: an exact `=n` first, then the locale's category, then `other`. */
export function pluralForm(locale: string, message: string, count: number): string {
  const forms = new Map<string, string>();
  for (const m of message.matchAll(FORM)) forms.set(m[1], m[2]);
  if (!forms.has('other')) return message;
  const exact = forms.get(`=${count}`);
  if (exact !== undefined) return exact;
  return forms.get(rulesOf(locale).select(count)) ?? (forms.get('other') as string);
}

/**
 * The message for `count` in `locale`, its placeholders filled: {0} is the count as the locale
 * writes it (or `shown`, e.g. a number already formatted), {1}... the rest.
 */
export function plural(locale: string, message: string, count: number, ...rest: Array<string | number>): string {
  const shown = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(count);
  return format(pluralForm(locale, message, count), shown, ...rest);
}
