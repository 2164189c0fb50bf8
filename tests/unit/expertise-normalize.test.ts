import { analyze, fold, fuzzyDistance, normalizeLabel, stem, STOP_WORDS, withinDistance, words } from '../../core/expertise/normalize';
import { createTaxonomy, suggestSkills } from '../../core/expertise/taxonomy';

describe('expertise text normalization', () => {
  it('folds accents, case and the letters that do not decompose', () => {
    expect(fold('Québec')).toBe('quebec');
    expect(fold('LOGISTIQUE')).toBe('logistique');
    expect(fold('Œuvre cœur')).toBe('oeuvre coeur');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Ærø Łódź')).toBe('aero lodz');
    expect(fold('ﬁnance')).toBe('finance'); // compatibility ligature
  });

  it('splits on hyphens, apostrophes and punctuation, any script kept', () => {
    expect(words('Poka-yoke')).toEqual(['poka', 'yoke']);
    expect(words('Centre d’appels')).toEqual(['centre', 'd', 'appels']);
    expect(words("l'entrepôt, (Lévis)")).toEqual(['l', 'entrepot', 'levis']);
    expect(words('Москва 2025')).toEqual(['москва', '2025']);
  });

  it('drops English and French stop words and single letters', () => {
    expect(analyze('the head of logistics')).toEqual(analyze('head logistics'));
    expect(analyze('Gestion de la relation client')).toEqual(['gestion', 'relation', 'client']);
    expect(analyze('gestion relation client')).toEqual(analyze('gestion des relations clients'));
    expect(analyze('qui connaît la logistique à Québec')).toEqual(analyze('connaît logistique Québec'));
    expect(analyze('de la du des the of')).toEqual([]);
    expect(analyze("centre d'appels")).toEqual([stem('centre'), stem('appels')]);
    // topic words that look like function words are kept
    expect(analyze('IT support')).toEqual(['it', 'support']);
    expect(STOP_WORDS.has('it')).toBe(false);
  });

  it('stems plural and feminine forms of both languages to the same term', () => {
    const same = (a: string, b: string): void => expect(stem(fold(a))).toBe(stem(fold(b)));
    same('clients', 'client');
    same('services', 'service');
    same('employées', 'employé');
    same('employees', 'employee');
    same('plaintes', 'plainte');
    same('journaux', 'journal');
    same('bureaux', 'bureau');
    same('companies', 'company');
    same('processes', 'process');
    same('managed', 'manage');
    same('invoicing', 'invoices');
    // words ending in -ss, -us, -is keep their s
    expect(stem('process')).toBe('process');
    expect(stem('status')).toBe('status');
    expect(stem('analysis')).toBe('analysis');
    // too short to strip
    expect(stem('bus')).toBe('bus');
    expect(stem('sst')).toBe('sst');
    expect(stem('25')).toBe('25');
  });

  it('"Poka-yoke" and "poka yoke" analyze the same, as do "LOGISTIQUE" and "logistique"', () => {
    expect(analyze('Poka-yoke')).toEqual(analyze('poka yoke'));
    expect(analyze('LOGISTIQUE')).toEqual(analyze('logistique'));
    expect(analyze('QUÉBEC')).toEqual(analyze('quebec'));
  });

  it('tolerates typos by term length and bounds the edit distance', () => {
    expect(fuzzyDistance('crm')).toBe(0);
    expect(fuzzyDistance('lean')).toBe(1);
    expect(fuzzyDistance('logistqu')).toBe(2);
    expect(fuzzyDistance('12345678')).toBe(0);
    expect(withinDistance('logistqu', 'logistiqu', 2)).toBe(true);
    expect(withinDistance('sharepint', 'sharepoint', 1)).toBe(true);
    expect(withinDistance('kitten', 'sitting', 2)).toBe(false);
    expect(withinDistance('kitten', 'sitting', 3)).toBe(true);
    expect(withinDistance('abc', 'abc', 0)).toBe(true);
    expect(withinDistance('abc', 'abd', 0)).toBe(false);
  });

  it('normalizes free labels into evidence keys without stemming', () => {
    expect(normalizeLabel('  Gestion  de la Relation-Client ')).toBe('gestion de la relation client');
    expect(normalizeLabel('Événements')).toBe('evenements');
  });
});

describe('expertise taxonomy', () => {
  const taxonomy = createTaxonomy([
    { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM', 'GRC', 'gestion relation client', 'relation client'] },
    { id: 'security', label: { en: 'Cybersecurity', fr: 'Cybersécurité' }, synonyms: ['sécurité', 'intranet'] },
    { id: 'sharepoint', label: { en: 'SharePoint', fr: 'SharePoint' }, synonyms: ['intranet'] }
  ]);

  it('recognizes labels and synonyms as concepts, longest first', () => {
    expect(taxonomy.segment(analyze('gestion de la relation client Québec'))).toEqual([
      { kind: 'concept', terms: ['gestion', 'relation', 'client'], skillIds: ['crm'] },
      { kind: 'term', term: 'quebec' }
    ]);
    expect(taxonomy.segment(analyze('CRM'))).toEqual([{ kind: 'concept', terms: ['crm'], skillIds: ['crm'] }]);
    expect(taxonomy.segment(analyze('intranet'))).toEqual([{ kind: 'concept', terms: ['intranet'], skillIds: ['security', 'sharepoint'] }]);
  });

  it('maps a word, a prefix or a typo to the skills whose vocabulary holds it', () => {
    expect(taxonomy.skillsMatching('relationship', false)).toEqual(['crm']);
    expect(taxonomy.skillsMatching('sharepint', false)).toEqual(['sharepoint']);
    expect(taxonomy.skillsMatching('cyber', false)).toEqual([]);
    expect(taxonomy.skillsMatching('cyber', true)).toEqual(['security']);
  });

  it('resolves a free entry that spells exactly one skill, not an ambiguous one', () => {
    expect(taxonomy.resolveLabel('Gestion de la relation client')).toBe('crm');
    expect(taxonomy.resolveLabel('intranet')).toBeUndefined();
    expect(taxonomy.resolveLabel('forklift')).toBeUndefined();
    expect(taxonomy.labelOf('crm', 'fr-FR')).toBe('Gestion de la relation client');
    expect(taxonomy.labelOf('crm', 'en-US')).toBe('Customer relationship management');
  });
});

describe('expertise taxonomy: free entries and suggestions', () => {
  const skills = [
    { id: 'power-platform', label: { en: 'Power Platform', fr: 'Power Platform' }, synonyms: ['Power Automate', 'Power Apps', 'Power BI', 'flows'] },
    { id: 'accounting', label: { en: 'Accounting', fr: 'Comptabilité' }, synonyms: ['bookkeeping'] },
    { id: 'recruiting', label: { en: 'Recruiting', fr: 'Recrutement' }, synonyms: ['hiring'] },
    { id: 'logistics', label: { en: 'Logistics', fr: 'Logistique' }, synonyms: ['supply chain'] },
    { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM'] }
  ];
  const taxonomy = createTaxonomy(skills);

  it('attaches a free label only to the skill it spells word for word (label or synonym, any case or accents)', () => {
    expect(taxonomy.resolveLabel('power bi')).toBe('power-platform'); // a synonym the organisation lists
    expect(taxonomy.resolveLabel('COMPTABILITE')).toBe('accounting');
    expect(taxonomy.resolveLabel('Gestion de la relation-client')).toBe('crm');
    // stems, prefixes and single words of a longer name are not the skill
    expect(taxonomy.resolveLabel('Flow')).toBeUndefined(); // "flows" stems to "flow"
    expect(taxonomy.resolveLabel('Accounts')).toBeUndefined(); // "accounting" stems to "account"
    expect(taxonomy.resolveLabel('Hire')).toBeUndefined(); // "hiring" stems to "hir"
    expect(taxonomy.resolveLabel('Power')).toBeUndefined();
    expect(taxonomy.resolveLabel('Power BI Report Server')).toBeUndefined();
    expect(taxonomy.resolveLabel('relation client')).toBeUndefined();
  });

  it('suggests labels and synonyms in both languages from the first letters, accent- and case-insensitively', () => {
    const texts = (typed: string, locale = 'en-US'): string[] => suggestSkills(skills, typed, locale).map(s => s.text);
    expect(texts('pow')).toEqual(['Power Platform', 'Power Apps', 'Power Automate', 'Power BI']);
    expect(suggestSkills(skills, 'POW', 'en-US').find(s => s.text === 'Power BI')).toEqual({ skillId: 'power-platform', text: 'Power BI', synonym: true });
    expect(texts('comptabilite')).toEqual(['Comptabilité']); // the French label, typed without its accent
    expect(texts('logis', 'fr-FR')).toEqual(['Logistique']);
    expect(texts('relation cl', 'fr-FR')).toEqual(['Gestion de la relation client']);
    expect(texts('chain')).toEqual(['supply chain']);
    expect(texts('xyz')).toEqual([]);
    expect(texts('', 'fr-FR')).toEqual(['Comptabilité', 'Gestion de la relation client', 'Logistique', 'Power Platform', 'Recrutement']);
    expect(suggestSkills(skills, 'pow', 'en-US', { exclude: new Set(['power-platform']) })).toEqual([]);
    expect(suggestSkills(skills, 'pow', 'en-US', { limit: 2 })).toHaveLength(2);
  });
});
