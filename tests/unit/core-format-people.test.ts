import { format } from '../../core/format';
import { initials, isActiveMember, languageName, teamsChatLink, telLink } from '../../core/people';

describe('format', () => {
  it('fills numbered placeholders in any order and repeats', () => {
    expect(format('{1} then {0}, again {1}', 'a', 'b')).toBe('b then a, again b');
  });
  it('keeps a placeholder that has no argument so a missing value is visible', () => {
    expect(format('Hello {0} {1}', 'Ana')).toBe('Hello Ana {1}');
  });
  it('does not interpret $ patterns in values', () => {
    expect(format('Total: {0}', '$& $1')).toBe('Total: $& $1');
  });
});

describe('initials', () => {
  it.each([
    ['Émilie Tremblay', 'ÉT'],
    ['Jean-François Côté', 'JC'],
    ['Zoë', 'Z'],
    ['  ', '?'],
    ['Marie (Service client) Gagnon', 'MG'],
    ["O'Neil Dubé", 'OD']
  ])('%s -> %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe('teamsChatLink', () => {
  it('builds the documented 1:1 chat deep link with the UPN encoded', () => {
    expect(teamsChatLink('zoe.o+test@northwind.example')).toBe(
      'https://teams.microsoft.com/l/chat/0/0?users=zoe.o%2Btest%40northwind.example'
    );
  });
  it('refuses what is not an address (no link rather than a broken one)', () => {
    expect(teamsChatLink('not an address')).toBeNull();
    expect(teamsChatLink('a@b.c,evil@x.y')).toBeNull();
    expect(teamsChatLink(null)).toBeNull();
  });
});

describe('telLink', () => {
  it.each([
    ['+1 418 555-0142', 'tel:+14185550142'],
    ['(418) 555-0142 poste 12', 'tel:418555014212'],
    ['+33 1 23 45 67 89', 'tel:+33123456789'],
    ['01 23 45 67 89', 'tel:0123456789']
  ])('%s -> %s', (raw, expected) => {
    expect(telLink(raw)).toBe(expected);
  });
  it('gives nothing for text without a usable number', () => {
    expect(telLink('n/a')).toBeNull();
    expect(telLink('')).toBeNull();
  });
});

describe('languageName', () => {
  it('names a language in the viewer locale', () => {
    expect(languageName('fr-CA', 'en-US')).toMatch(/French/);
    expect(languageName('en-US', 'fr-FR')).toMatch(/anglais/i);
  });
  it('returns the tag when it cannot be named', () => {
    expect(languageName('not a tag!', 'en-US')).toBe('not a tag!');
  });
});

describe('isActiveMember', () => {
  it('hides guests and disabled accounts', () => {
    expect(isActiveMember({ userType: 'Member', accountEnabled: true })).toBe(true);
    expect(isActiveMember({ userType: 'Guest', accountEnabled: true })).toBe(false);
    expect(isActiveMember({ userType: 'Member', accountEnabled: false })).toBe(false);
    expect(isActiveMember({ userType: null, accountEnabled: null })).toBe(true);
  });
});
