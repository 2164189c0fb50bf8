/**
 * The pure helpers of the settings form: number reading per language, immutable updates, readable
 * paths and the message of every error code in both languages.
 */
import { parseNumber } from '../../ui/settings/editors';
import { describePath, describeValue, errorMessage, fieldId, setAt } from '../../ui/settings/policyForm';
import { POLICY_SECTIONS, areaOf, partSchema, sectionDefaults } from '../../ui/settings/policySections';
import { defaultPolicy } from '../../core/policy';
import type { PolicyErrorCode, PolicyFieldError } from '../../core/policy';
import en from '../../ui/settings/loc/en-us.js';
import fr from '../../ui/settings/loc/fr-fr.js';

const EN = en as ISuiteSettingsStrings;
const FR = fr as ISuiteSettingsStrings;

const ALL_CODES: PolicyErrorCode[] = [
  'required', 'tooShort', 'tooLong', 'tooSmall', 'tooBig', 'notInteger', 'invalidType', 'invalidChoice',
  'duplicateKey', 'unknownReference', 'invalidTimeZone', 'invalidTime', 'invalidDate', 'startAfterEnd',
  'resolveBeforeAcknowledge', 'invalidGroup', 'emptyAudience', 'noTenantAdmin', 'unsupportedVersion', 'invalid'
];

const PARAMS = { min: 1, max: 3650, options: 'en-US, fr-FR', key: 'delivery', start: '17:00', version: 3, supported: 1 };

describe('settings form helpers', () => {
  it('reads numbers as each language writes them', () => {
    expect(parseNumber('1.5', 'en-US')).toBe(1.5);
    expect(parseNumber('1,5', 'fr-CA')).toBe(1.5);
    expect(parseNumber('1 000', 'fr-FR')).toBe(1000);
    // A thousands separator in English is not a decimal point: kept as text, refused by validation.
    expect(parseNumber('1,000', 'en-US')).toBe('1,000');
    expect(parseNumber('abc', 'en-US')).toBe('abc');
    expect(parseNumber('  ', 'en-US')).toBeUndefined();
    expect(parseNumber('-30', 'en-US')).toBe(-30);
  });

  it('updates a copy at a path and leaves the original alone', () => {
    const before = defaultPolicy();
    const after = setAt(before, ['feedback', 'severities', 1, 'resolveHours'], 12);
    expect(after.feedback.severities[1].resolveHours).toBe(12);
    expect(before.feedback.severities[1].resolveHours).toBe(8);
    expect(after.feedback.severities[0]).toBe(before.feedback.severities[0]);
    expect(after.moderation).toBe(before.moderation);
    const removed = setAt(after, ['feedback', 'routing', 0, 'when', 'category'], undefined);
    expect(Object.keys(removed.feedback.routing[0].when)).toEqual([]);
  });

  it('names settings by area and field, in both languages', () => {
    expect(describePath('feedback.severities.0.resolveHours', EN)).toBe('Feedback › Severities › no. 1 › Resolve within (business hours)');
    expect(describePath('feedback.severities.0.resolveHours', FR)).toBe('Rétroaction › Niveaux de gravité › n° 1 › Résoudre en (heures ouvrables)');
    // Paths of the review name items by their key.
    expect(describePath('feedback.categories.delivery.label.fr', EN)).toBe('Feedback › Categories › delivery › Label › French');
    expect(describePath('features.highlights.audience.except', FR)).toBe('Fonctionnalités › Faits saillants choisis › Public › Groupes exclus');
    expect(describePath('', EN)).toBe('The whole document');
    expect(areaOf('feedback.calendar.timeZone')).toBe('feedback');
    expect(areaOf('defaultLocale')).toBe('general');
    expect(areaOf('')).toBe('general');
    expect(fieldId('feedback.severities.0.resolveHours')).toBe('suite-settings-feedback-severities-0-resolveHours');
  });

  it('shows values readably', () => {
    expect(describeValue(false, EN, 'en-US')).toBe('Off');
    expect(describeValue(true, FR, 'fr-CA')).toBe('Activé');
    expect(describeValue(2.5, FR, 'fr-CA')).toBe('2,5');
    expect(describeValue('Europe/Paris', FR, 'fr-CA')).toBe('« Europe/Paris »');
    expect(describeValue({ key: 'delivery', label: { en: 'Delivery', fr: 'Livraison' }, active: true }, FR, 'fr-CA')).toBe('delivery (Livraison)');
    expect(describeValue({ kind: 'entra', id: 'x', name: 'Dept – IT' }, EN, 'en-US')).toBe('Dept – IT');
    expect(describeValue([], EN, 'en-US')).toBe('(empty)');
    expect(describeValue(undefined, EN, 'en-US')).toBe('(none)');
  });

  it.each([['en-US', EN], ['fr-CA', FR]])('has a filled message for every error code (%s)', (locale, strings) => {
    const messages = ALL_CODES.map(code => errorMessage({ path: 'x', code, params: PARAMS } as PolicyFieldError, strings, locale));
    for (const m of messages) {
      expect(m).not.toMatch(/\{\d\}|\?/);
      expect(m.length).toBeGreaterThan(10);
    }
    // One distinct message per code.
    expect(new Set(messages).size).toBe(ALL_CODES.length);
    expect(errorMessage({ path: 'x', code: 'tooBig', params: { max: 3650 } }, strings, locale)).toMatch(locale === 'en-US' ? /3,650/ : /3\s650/);
  });
});

describe('policy sections', () => {
  it('declares every part of the policy once, with a sub-schema its defaults satisfy, a label and an editor', () => {
    const defaults = defaultPolicy();
    const parts = POLICY_SECTIONS.flatMap(x => [...x.parts]);
    expect(new Set(parts).size).toBe(parts.length);
    expect([...parts, 'schemaVersion'].sort()).toEqual(Object.keys(defaults).sort());
    for (const x of POLICY_SECTIONS) {
      expect(typeof x.label(en as ISuiteSettingsStrings)).toBe('string');
      expect(typeof x.Editor).toBe('function');
      const picked = sectionDefaults(x, defaults) as Record<string, unknown>;
      for (const part of x.parts) expect(partSchema(part).safeParse(picked[part]).success).toBe(true);
      for (const part of x.parts) expect(areaOf(`${part}.anything`)).toBe(x.area);
    }
  });
});
