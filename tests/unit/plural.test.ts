import { plural, pluralForm } from '../../core/plural';

describe('plural', () => {
  const relays = { en: 'one {{0} relay} other {{0} relays}', fr: 'one {{0} relais} other {{0} relais}' };

  it('follows each language\'s rules: English singular for 1 only, French for 0 and 1', () => {
    expect(plural('en-US', relays.en, 1)).toBe('1 relay');
    expect(plural('en-US', relays.en, 0)).toBe('0 relays');
    expect(plural('en-US', relays.en, 2)).toBe('2 relays');
    const hours = { en: 'one {{0} business hour left} other {{0} business hours left}', fr: 'one {{0} heure ouvrable restante} other {{0} heures ouvrables restantes}' };
    expect(plural('en-US', hours.en, 1.5)).toBe('1.5 business hours left');
    expect(plural('fr-FR', hours.fr, 1.5)).toBe('1,5 heure ouvrable restante');
    expect(plural('fr-FR', hours.fr, 0)).toBe('0 heure ouvrable restante');
    expect(plural('fr-FR', hours.fr, 2)).toBe('2 heures ouvrables restantes');
  });

  it('prefers an exact form, fills the other arguments, and leaves a message without forms as it is', () => {
    const times = 'one {relayed once} other {relayed {0} times}';
    expect(plural('en-US', '=1 {relayed once by {1}} other {relayed {0} times by {1}}', 1, 'Marc')).toBe('relayed once by Marc');
    expect(plural('en-US', times, 3)).toBe('relayed 3 times');
    expect(plural('en-US', 'Reach: {0}', 4)).toBe('Reach: 4');
    expect(pluralForm('en-US', 'one {x}', 2)).toBe('one {x}');
    expect(plural('en-US', relays.en, 1234)).toBe('1,234 relays');
  });
});
