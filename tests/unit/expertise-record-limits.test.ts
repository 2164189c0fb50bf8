/**
 * What readers accept from a stored record (core/expertise/record.ts): the editor's limits, in
 * stored order, and nothing at all past the stored bounds; and the keys that step around a squat
 * or a forged endorsement.
 */
import {
  endorsementFallbackKey, endorsementKey, ENDORSEMENT_KEY_MAX, isEndorsementKeyOf, parseStoredEntries, parseStoredLanguages,
  parseStoredSkills, personOfProfileKey, profileFallbackKey, RECORD_LIMITS, STORED_LIMITS, validateRecord
} from '../../core/expertise/record';

const skill = (label: string, proficiency = 2): { label: string; proficiency: number } => ({ label, proficiency });

describe('stored skills', () => {
  it('are cut to the editor\'s number of skills, in stored order', () => {
    const stored = Array.from({ length: 300 }, (_, i) => skill(`S${i}`));
    const read = parseStoredSkills(JSON.stringify(stored));
    expect(read).toHaveLength(RECORD_LIMITS.skills);
    expect(read.map(s => s.label)).toEqual(stored.slice(0, RECORD_LIMITS.skills).map(s => s.label));
  });

  it('count a repeated skill once, at its first place, with its highest level', () => {
    const read = parseStoredSkills(JSON.stringify([skill('CRM', 1), skill('Logistique'), skill('crm', 4), { skillId: 'x', label: 'X', proficiency: 2 }, { skillId: 'x', label: 'Y', proficiency: 3 }]));
    expect(read).toEqual([{ label: 'CRM', proficiency: 4 }, { label: 'Logistique', proficiency: 2 }, { skillId: 'x', label: 'X', proficiency: 3 }]);
  });

  it('drop labels and ids longer than the editor allows', () => {
    const long = 'a'.repeat(RECORD_LIMITS.labelMaxLength + 1);
    expect(parseStoredSkills(JSON.stringify([skill(long), { skillId: long, label: 'x', proficiency: 2 }, skill('ok')]))).toEqual([{ label: 'ok', proficiency: 2 }]);
  });

  it('are not parsed at all past the stored bound', () => {
    const json = JSON.stringify([skill('CRM'), skill(' '.repeat(STORED_LIMITS.skillsJson))]);
    expect(parseStoredSkills(json)).toEqual([]);
  });

  it('the bound holds the largest record the editor can save', () => {
    // Every character escaped as JSON's longest escape, every label and id at its longest.
    const worst = '\u0001'.repeat(RECORD_LIMITS.labelMaxLength);
    const skills = Array.from({ length: RECORD_LIMITS.skills }, (_, i) => ({ skillId: `${i}`.padEnd(RECORD_LIMITS.labelMaxLength, '\u0002'), label: worst, proficiency: 4 }));
    const checked = validateRecord({ personUpn: 'a@b.example', skills, askMeAbout: [], interests: [], languages: [], customerFacing: false });
    expect(checked.ok).toBe(true);
    const json = JSON.stringify(skills);
    expect(json.length).toBeLessThanOrEqual(STORED_LIMITS.skillsJson);
    expect(parseStoredSkills(json)).toHaveLength(RECORD_LIMITS.skills);
  });
});

describe('stored entries and languages', () => {
  it('keep at most the editor\'s number of entries, in stored order, without over-long or repeated lines', () => {
    const lines = ['Retours', 'retours', 'x'.repeat(RECORD_LIMITS.entryMaxLength + 1), ...Array.from({ length: 40 }, (_, i) => `Entrée ${i}`)];
    const read = parseStoredEntries(lines.join('\r\n'));
    expect(read).toHaveLength(RECORD_LIMITS.entries);
    expect(read.slice(0, 3)).toEqual(['Retours', 'Entrée 0', 'Entrée 1']);
  });

  it('are not parsed at all past the stored bound', () => {
    expect(parseStoredEntries(`Retours\n${'x'.repeat(STORED_LIMITS.entries)}`)).toEqual([]);
    const full = Array.from({ length: RECORD_LIMITS.entries }, (_, i) => `${i}`.padEnd(RECORD_LIMITS.entryMaxLength, 'x')).join('\r\n');
    expect(parseStoredEntries(full)).toHaveLength(RECORD_LIMITS.entries);
  });

  it('languages: valid tags only, once each, at most the editor\'s number', () => {
    const many = ['fr', 'FR', 'not a tag', 'en-CA', ...'de es it pt nl sv da fi pl cs hu'.split(' ')].join(';');
    const read = parseStoredLanguages(many);
    expect(read).toHaveLength(RECORD_LIMITS.languages);
    expect(read.slice(0, 3)).toEqual(['fr', 'en-CA', 'de']);
  });
});

describe('fallback keys', () => {
  const nonce = 'abc123def456';

  it('a fallback PersonUpn names the same person; a guest\'s #EXT# is not a nonce', () => {
    expect(personOfProfileKey(profileFallbackKey('Emilie@X.example', nonce))).toBe('emilie@x.example');
    expect(personOfProfileKey('emilie@x.example')).toBe('emilie@x.example');
    expect(personOfProfileKey('ann_contoso.com#EXT#@x.onmicrosoft.com')).toBe('ann_contoso.com#ext#@x.onmicrosoft.com');
    // Not a nonce: kept whole, so it names nobody real.
    expect(personOfProfileKey('emilie@x.example#short')).toBe('emilie@x.example#short');
    expect(() => profileFallbackKey('a@b', 'NOT-A-NONCE')).toThrow();
  });

  it('a fallback endorsement key belongs to its endorser, person and skill only, and fits a text column', () => {
    const key = endorsementFallbackKey('olivia@x.example', 'emilie@x.example', 'crm', nonce);
    expect(key).toBe(`${endorsementKey('olivia@x.example', 'emilie@x.example', 'crm')}#${nonce}`);
    expect(isEndorsementKeyOf(key, 'olivia@x.example', 'emilie@x.example', 'crm')).toBe(true);
    expect(isEndorsementKeyOf(key, 'olivia@x.example', 'emilie@x.example', 'crma')).toBe(false);
    expect(isEndorsementKeyOf(`${key}0`, 'olivia@x.example', 'emilie@x.example', 'crm')).toBe(false);
    const long = `${'a'.repeat(120)}@x.example`;
    const longKey = endorsementFallbackKey(long, long, 'gestion de la relation client avec les grands comptes', nonce);
    expect(longKey.length).toBeLessThanOrEqual(ENDORSEMENT_KEY_MAX);
    expect(isEndorsementKeyOf(longKey, long, long, 'gestion de la relation client avec les grands comptes')).toBe(true);
  });
});
