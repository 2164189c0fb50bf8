import { createExpertiseIndex, MAX_PAGE_SIZE, RANKING_WEIGHTS } from '../../core/expertise';
import type { ExpertProfile, Reason, SearchFilters, SearchQuery, SkillDefinition } from '../../core/expertise';
import { SKILLS } from '../../workbench/tenant/seed/skills';

const TAXONOMY: SkillDefinition[] = [
  { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM', 'GRC', 'gestion relation client', 'relation client'] },
  { id: 'logistics', label: { en: 'Logistics', fr: 'Logistique' }, synonyms: ['supply chain', 'chaîne d\'approvisionnement'] },
  { id: 'poka-yoke', label: { en: 'Poka-yoke', fr: 'Poka-yoke' }, synonyms: ['error-proofing', 'détrompeur'] },
  { id: 'sharepoint', label: { en: 'SharePoint', fr: 'SharePoint' }, synonyms: ['SPO', 'SharePoint Online'] },
  { id: 'billing', label: { en: 'Billing', fr: 'Facturation' }, synonyms: ['invoicing'] }
];

let seq = 0;
function person(over: Partial<ExpertProfile> & { displayName: string }): ExpertProfile {
  const id = over.id || `p${++seq}`;
  return {
    id, upn: `${id}@northwind-retail.example`, jobTitle: 'Agent', department: 'Customer Service', location: 'Québec',
    languages: ['fr'], customerFacing: true, userType: 'Member', accountEnabled: true, skills: [], askMeAbout: [], interests: [], evidence: {},
    ...over
  };
}

function q(text: string, filters: SearchFilters = {}, extra: Partial<SearchQuery> = {}): SearchQuery {
  return { text, filters, page: 1, pageSize: 50, locale: 'en-US', ...extra };
}

const names = (index: ReturnType<typeof createExpertiseIndex>, query: SearchQuery): string[] => index.search(query).results.map(r => r.profile.displayName);
const idSet = (index: ReturnType<typeof createExpertiseIndex>, text: string): string[] => index.search(q(text)).results.map(r => r.profile.id).sort();

describe('expertise index: evidence outranks a bare claim', () => {
  const claimer = person({ displayName: 'Aaron Claim', jobTitle: 'CRM expert', askMeAbout: ['CRM', 'customer relationship management'], skills: [{ skillId: 'crm', label: 'CRM', proficiency: 4 }] });
  // two pieces of evidence each: a single one is a hint that a strong claim with text can outweigh
  const answerer = person({ displayName: 'Zoé Answers', skills: [{ skillId: 'crm', label: 'CRM', proficiency: 1 }], evidence: { crm: { endorsers: [], acceptedAnswers: 2, resolvedInsights: 0 } } });
  const resolver = person({ displayName: 'Yves Resolves', evidence: { crm: { endorsers: [], acceptedAnswers: 0, resolvedInsights: 2 } } });
  const index = createExpertiseIndex([claimer, answerer, resolver], TAXONOMY);

  it('puts people with accepted answers or resolved insights above an expert-level claim with more text', () => {
    const ranked = names(index, q('CRM'));
    expect(ranked).toEqual(['Zoé Answers', 'Yves Resolves', 'Aaron Claim']);
  });

  it('finds a person by evidence alone, even without a declared skill', () => {
    expect(names(index, q('gestion de la relation client'))).toContain('Yves Resolves');
  });
});

describe('expertise index: synonyms from the taxonomy', () => {
  const index = createExpertiseIndex([
    person({ displayName: 'Ana Taxonomy', skills: [{ skillId: 'crm', label: 'CRM', proficiency: 3 }] }),
    person({ displayName: 'Ben Free', skills: [{ label: 'gestion de la relation client', proficiency: 2 }] }),
    person({ displayName: 'Cleo Askme', askMeAbout: ['GRC et fidélisation'] }),
    person({ displayName: 'Dev Other', skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 4 }], askMeAbout: ['client visits'] })
  ], TAXONOMY);

  it('"CRM", "customer relationship management" and "gestion de la relation client" find the same people', () => {
    const crm = idSet(index, 'CRM');
    expect(crm).toHaveLength(3);
    expect(idSet(index, 'customer relationship management')).toEqual(crm);
    expect(idSet(index, 'gestion de la relation client')).toEqual(crm);
    expect(idSet(index, 'gestion relation client')).toEqual(crm);
    expect(idSet(index, 'Gestion des relations clients')).toEqual(crm);
    expect(names(index, q('CRM'))).not.toContain('Dev Other');
  });

  it('expands a concept to the synonyms written in free text ("GRC" in ask-me-about)', () => {
    const hit = index.search(q('customer relationship management')).results.find(r => r.profile.displayName === 'Cleo Askme');
    expect(hit).toBeDefined();
    expect(hit!.reasons).toEqual([expect.objectContaining({ kind: 'textMatch', fields: ['askMeAbout'], entries: ['GRC et fidélisation'] })]);
  });

  it('finds taxonomy holders by any word, prefix or typo of any label or synonym', () => {
    expect(names(index, q('relationship'))).toContain('Ana Taxonomy');
    expect(names(index, q('approvisionnement'))).toEqual(['Dev Other']);
    expect(names(index, q('logis'))).toEqual(['Dev Other']); // prefix of the last term
  });

  it('answers the demo taxonomy\'s own synonyms', () => {
    const demo = createExpertiseIndex([
      person({ displayName: 'Émilie', skills: [{ skillId: 'crm', label: 'CRM', proficiency: 3 }] }),
      person({ displayName: 'Marc', skills: [{ skillId: 'ctpat', label: 'C-TPAT', proficiency: 3 }] })
    ], SKILLS.map(s => ({ id: s.id, label: { en: s.en, fr: s.fr }, synonyms: s.synonyms })));
    expect(names(demo, q('gestion relation client'))).toEqual(['Émilie']);
    expect(names(demo, q('C-TPAT'))).toEqual(['Marc']);
    expect(names(demo, q('ctpat'))).toEqual(['Marc']);
    expect(names(demo, q('douanes'))).toEqual(['Marc']);
  });
});

describe('expertise index: accents, case and typos', () => {
  const index = createExpertiseIndex([
    person({ displayName: 'Pierre Poka', skills: [{ skillId: 'poka-yoke', label: 'Poka-yoke', proficiency: 3 }] }),
    person({ displayName: 'Luc Logistique', location: 'Lévis', skills: [{ label: 'LOGISTIQUE inverse', proficiency: 2 }] }),
    person({ displayName: 'Sophie Tremblay', jobTitle: 'Analyste', location: 'Montréal', skills: [{ skillId: 'sharepoint', label: 'SharePoint', proficiency: 2 }] }),
    person({ displayName: 'Hugo Québec', location: 'Québec', jobTitle: 'Caissier' })
  ], TAXONOMY);

  it('"Poka-yoke", "poka yoke" and "POKA YOKE" are one query', () => {
    expect(names(index, q('Poka-yoke'))).toEqual(['Pierre Poka']);
    expect(names(index, q('poka yoke'))).toEqual(['Pierre Poka']);
    expect(names(index, q('POKA YOKE'))).toEqual(['Pierre Poka']);
  });

  it('"logistique" finds "LOGISTIQUE" in a free entry; "Québec" = "quebec" = "QUEBEC"', () => {
    expect(names(index, q('logistique'))).toEqual(['Luc Logistique']);
    const quebec = names(index, q('Québec'));
    expect(quebec).toContain('Hugo Québec');
    expect(names(index, q('quebec'))).toEqual(quebec);
    expect(names(index, q('QUEBEC'))).toEqual(quebec);
    expect(names(index, q('levis'))).toEqual(['Luc Logistique']);
  });

  it('tolerates typos by word length, not in short words', () => {
    expect(names(index, q('logistque'))).toEqual(['Luc Logistique']);
    expect(names(index, q('sharepint'))).toEqual(['Sophie Tremblay']);
    expect(names(index, q('Tremblai'))).toEqual(['Sophie Tremblay']);
    expect(names(index, q('Montreal'))).toEqual(['Sophie Tremblay']);
    expect(names(index, q('spx'))).toEqual([]); // 3 letters: no typo tolerance ("SPO" is a synonym)
    expect(names(index, q('spo'))).toEqual(['Sophie Tremblay']);
  });
});

describe('expertise index: stop words', () => {
  const index = createExpertiseIndex([
    person({ displayName: 'Luc', skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 2 }] }),
    person({ displayName: 'Léa', skills: [{ skillId: 'billing', label: 'Billing', proficiency: 2 }] })
  ], TAXONOMY);

  it('ignores English and French function words', () => {
    expect(names(index, q('the logistics'))).toEqual(['Luc']);
    expect(names(index, q('who knows about logistics'))).toEqual(['Luc']);
    expect(names(index, q('qui connaît la logistique'))).toEqual(['Luc']); // "connaît" matches nothing: any clause may match
    expect(names(index, q('de la facturation'))).toEqual(['Léa']);
  });

  it('a query of stop words only finds nobody; a blank query lists everybody', () => {
    expect(index.search(q('de la the of')).total).toBe(0);
    expect(names(index, q('  '))).toEqual(['Léa', 'Luc']);
  });
});

describe('expertise index: filters, guests and disabled accounts', () => {
  const crm = [{ skillId: 'crm', label: 'CRM', proficiency: 3 as const }];
  const people = [
    person({ id: 'qc', displayName: 'Anne Québec', location: 'Québec', department: 'Customer Service', languages: ['fr'], customerFacing: true, skills: crm }),
    person({ id: 'mtl', displayName: 'Bruno Montréal', location: 'Montréal', department: 'Billing', languages: ['fr-CA', 'en'], customerFacing: false, skills: crm }),
    person({ id: 'par', displayName: 'Chantal Paris', location: 'Paris', department: 'E-commerce', languages: ['fr-FR'], customerFacing: true, skills: crm }),
    person({ id: 'guest', displayName: 'Gary Guest', userType: 'Guest', skills: crm, evidence: { crm: { endorsers: ['x'], acceptedAnswers: 9, resolvedInsights: 9 } } }),
    person({ id: 'off', displayName: 'Dora Disabled', accountEnabled: false, skills: crm, evidence: { crm: { endorsers: ['x'], acceptedAnswers: 9, resolvedInsights: 9 } } })
  ];
  const index = createExpertiseIndex(people, TAXONOMY);
  const ids = (text: string, filters: SearchFilters): string[] => index.search(q(text, filters)).results.map(r => r.profile.id).sort();

  it('filters by department, location, language and customer-facing, accent- and case-insensitively', () => {
    expect(ids('crm', { department: 'billing' })).toEqual(['mtl']);
    expect(ids('crm', { location: 'Montreal' })).toEqual(['mtl']);
    expect(ids('crm', { location: 'QUÉBEC' })).toEqual(['qc']);
    expect(ids('crm', { language: 'en' })).toEqual(['mtl']);
    expect(ids('crm', { language: 'fr' })).toEqual(['mtl', 'par', 'qc']);
    expect(ids('crm', { language: 'fr-CA' })).toEqual(['mtl', 'par', 'qc']);
    expect(ids('crm', { customerFacing: false })).toEqual(['mtl']);
    expect(ids('crm', { customerFacing: true, location: 'Paris' })).toEqual(['par']);
    expect(ids('', { customerFacing: true })).toEqual(['par', 'qc']);
    expect(ids('crm', { department: 'Nowhere' })).toEqual([]);
  });

  it('never returns guests or disabled accounts, however well they match', () => {
    expect(ids('crm', {})).toEqual(['mtl', 'par', 'qc']);
    expect(ids('Gary Guest', {})).toEqual([]);
    expect(ids('Dora', {})).toEqual([]);
    expect(ids('', {})).toEqual(['mtl', 'par', 'qc']);
    expect(index.size).toBe(3);
    expect(index.has('guest')).toBe(false);
  });

  it('hides a member who becomes a guest or is disabled, and shows them again when re-enabled', () => {
    const local = createExpertiseIndex(people.slice(0, 3), TAXONOMY);
    local.replace({ ...people[0], accountEnabled: false });
    expect(local.search(q('crm')).results.map(r => r.profile.id)).not.toContain('qc');
    local.replace({ ...people[0], userType: 'Guest' });
    expect(local.has('qc')).toBe(false);
    local.replace(people[0]);
    expect(local.search(q('crm')).results.map(r => r.profile.id)).toContain('qc');
  });
});

describe('expertise index: paging beyond 500 results', () => {
  const N = 1234;
  const crowd: ExpertProfile[] = [];
  for (let i = 0; i < N; i++) {
    crowd.push(person({
      id: `crowd-${String(i).padStart(4, '0')}`,
      // many equal names and equal scores: ties must be broken the same way every time
      displayName: `Person ${i % 37}`,
      skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: ((i % 4) + 1) as 1 | 2 | 3 | 4 }],
      evidence: i % 5 === 0 ? { logistics: { endorsers: [`e${i % 3}`], acceptedAnswers: i % 3, resolvedInsights: 0 } } : {}
    }));
  }
  crowd.push(person({ id: 'other', displayName: 'Olivia Billing', skills: [{ skillId: 'billing', label: 'Billing', proficiency: 4 }] }));
  // added in a fixed scrambled order (1237 is prime), so the id order of ties cannot come from insertion
  const scrambled = crowd.map((p, i) => ({ p, k: (i * 7919) % 1237 })).sort((a, b) => a.k - b.k).map(x => x.p);

  it('returns every match exactly once, in score, name, id order, with the total', () => {
    for (const cacheSize of [0, 16]) {
      const index = createExpertiseIndex(scrambled, TAXONOMY, { cacheSize });
      const seen: Array<{ id: string; score: number; name: string }> = [];
      let page = 1;
      for (;;) {
        const r = index.search(q('logistique', {}, { page, pageSize: 50 }));
        expect(r.total).toBe(N);
        expect(r.page).toBe(page);
        if (r.results.length === 0) break;
        seen.push(...r.results.map(h => ({ id: h.profile.id, score: h.score, name: h.profile.displayName })));
        page += 1;
      }
      expect(page).toBe(Math.ceil(N / 50) + 1);
      expect(seen).toHaveLength(N);
      expect(new Set(seen.map(s => s.id)).size).toBe(N);
      for (let i = 1; i < seen.length; i++) {
        const a = seen[i - 1], b = seen[i];
        const ordered = a.score > b.score || (a.score === b.score && (a.name < b.name || (a.name === b.name && a.id < b.id)));
        expect(ordered).toBe(true);
      }
    }
  });

  it('gives the same page for the same query, and clamps page and page size', () => {
    const index = createExpertiseIndex(scrambled, TAXONOMY, { cacheSize: 0 });
    const a = index.search(q('logistics', {}, { page: 11, pageSize: 50 })).results.map(r => r.profile.id);
    const b = index.search(q('logistics', {}, { page: 11, pageSize: 50 })).results.map(r => r.profile.id);
    expect(a).toEqual(b);
    expect(a).toHaveLength(50);
    const big = index.search(q('logistics', {}, { pageSize: 10000 }));
    expect(big.pageSize).toBe(MAX_PAGE_SIZE);
    expect(big.results).toHaveLength(MAX_PAGE_SIZE);
    expect(index.search(q('logistics', {}, { page: 0 })).page).toBe(1);
    expect(index.search(q('logistics', {}, { page: 999 })).results).toEqual([]);
  });
});

describe('expertise index: reasons', () => {
  const expert = person({
    id: 'emilie', upn: 'emilie@northwind-retail.example', displayName: 'Émilie Tremblay',
    askMeAbout: ['Migration CRM'],
    skills: [{ skillId: 'crm', label: 'CRM', proficiency: 3 }],
    evidence: {
      crm: {
        endorsers: ['a@x', 'b@x', 'c@x', 'd@x', 'e@x', 'E@X', 'emilie@northwind-retail.example', 'EMILIE'],
        acceptedAnswers: 3,
        resolvedInsights: 0
      }
    }
  });
  const selfOnly = person({
    id: 'sam', displayName: 'Sam Self', skills: [{ skillId: 'crm', label: 'CRM', proficiency: 3 }],
    evidence: { crm: { endorsers: ['sam@northwind-retail.example', 'SAM', 'sam'], acceptedAnswers: 0, resolvedInsights: 0 } }
  });
  const plain = person({ id: 'pat', displayName: 'Pat Plain', skills: [{ skillId: 'crm', label: 'CRM', proficiency: 3 }] });
  const index = createExpertiseIndex([expert, selfOnly, plain], TAXONOMY);

  it('say "3 accepted answers on CRM, endorsed by 5 colleagues" with numbers, id and localized label', () => {
    const fr = index.search(q('CRM', {}, { locale: 'fr-FR' })).results[0];
    expect(fr.profile.id).toBe('emilie');
    const kinds = fr.reasons.map(r => r.kind);
    expect(kinds).toEqual(['acceptedAnswers', 'endorsements', 'declaredSkill', 'textMatch']);
    expect(fr.reasons[0]).toEqual({ kind: 'acceptedAnswers', skillKey: 'crm', skillId: 'crm', label: 'Gestion de la relation client', count: 3, points: RANKING_WEIGHTS.acceptedAnswer * (1 - Math.exp(-3 / RANKING_WEIGHTS.outcomeScale)) });
    expect(fr.reasons[1]).toMatchObject({ kind: 'endorsements', skillId: 'crm', count: 5 });
    expect(fr.reasons[2]).toMatchObject({ kind: 'declaredSkill', proficiency: 3 });
    expect(fr.reasons[3]).toMatchObject({ kind: 'textMatch', fields: ['askMeAbout'], entries: ['Migration CRM'] });
    const en = index.search(q('CRM', {}, { locale: 'en-US' })).results[0];
    expect(en.reasons[0]).toMatchObject({ label: 'Customer relationship management' });
  });

  it('points add up to the score', () => {
    for (const hit of index.search(q('gestion relation client')).results) {
      const skillPoints = hit.reasons.filter(r => r.kind !== 'textMatch').reduce((a, r) => a + r.points, 0);
      expect(hit.score).toBeCloseTo(RANKING_WEIGHTS.text * hit.relevance + skillPoints, 10);
    }
  });

  it('ignores self-endorsements: endorsing oneself changes nothing', () => {
    const results = index.search(q('CRM')).results;
    const sam = results.find(r => r.profile.id === 'sam')!;
    const pat = results.find(r => r.profile.id === 'pat')!;
    expect(sam.reasons.some((r: Reason) => r.kind === 'endorsements')).toBe(false);
    expect(sam.score).toBeCloseTo(pat.score, 10);
    expect(results.map(r => r.profile.id)).toEqual(['emilie', 'pat', 'sam']); // equal scores: by name
  });
});

describe('expertise index: updates', () => {
  it('add, replace and remove are seen by the next search, cached or not', () => {
    const index = createExpertiseIndex([person({ id: 'a', displayName: 'Alpha', skills: [{ skillId: 'billing', label: 'Billing', proficiency: 2 }] })], TAXONOMY);
    expect(names(index, q('facturation'))).toEqual(['Alpha']);
    index.add(person({ id: 'b', displayName: 'Bravo', skills: [{ skillId: 'billing', label: 'Billing', proficiency: 1 }], evidence: { billing: { endorsers: [], acceptedAnswers: 2, resolvedInsights: 0 } } }));
    expect(names(index, q('facturation'))).toEqual(['Bravo', 'Alpha']);
    index.replace(person({ id: 'a', displayName: 'Alpha', skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 2 }] }));
    expect(names(index, q('facturation'))).toEqual(['Bravo']);
    expect(names(index, q('logistics'))).toEqual(['Alpha']);
    index.remove('b');
    expect(names(index, q('facturation'))).toEqual([]);
    index.remove('unknown');
    expect(index.size).toBe(1);
  });

  it('is not fooled by a caller mutating a profile after adding it', () => {
    const p = person({ id: 'm', displayName: 'Mutable', jobTitle: 'Dispatcher' });
    const index = createExpertiseIndex([p], TAXONOMY);
    p.jobTitle = 'Something else entirely';
    index.replace({ ...p });
    expect(names(index, q('dispatcher'))).toEqual([]);
    expect(names(index, q('entirely'))).toEqual(['Mutable']);
  });
});

describe('expertise index: sites, concepts in free text, typo weight', () => {
  const index = createExpertiseIndex([
    person({ id: 'lev', displayName: 'Luc Lévis', location: 'Lévis', skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 2 }] }),
    person({ id: 'qc', displayName: 'Quentin Québec', location: 'Québec', skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 2 }] }),
    person({ id: 'title', displayName: 'Tina Title', location: 'Québec', jobTitle: 'Coordonnatrice logistique' }),
    person({ id: 'bill', displayName: 'Bea Billing', department: 'Billing', location: 'Paris' }),
    person({ id: 'tremblay', displayName: 'Marie Tremblay', location: 'Paris' }),
    person({ id: 'tremblai', displayName: 'Marie Tremblai', location: 'Paris' })
  ], TAXONOMY);
  const ids = (text: string): string[] => index.search(q(text)).results.map(r => r.profile.id);

  it('a word naming a site keeps the people of that site, with the other words', () => {
    expect(ids('logistique Lévis')).toEqual(['lev']);
    expect(ids('levis logistics')).toEqual(['lev']);
    expect(ids('logistique québec').sort()).toEqual(['qc', 'title']);
    expect(ids('Paris').sort()).toEqual(['bill', 'tremblai', 'tremblay']);
    const reasons = index.search(q('logistique Lévis')).results[0].reasons;
    expect(reasons[reasons.length - 1]).toMatchObject({ kind: 'textMatch', fields: ['location'] });
  });

  it('finds a skill named in a job title by any of its synonyms, ranked below declared skills', () => {
    expect(ids('supply chain')).toEqual(['lev', 'qc', 'title']);
    const title = index.search(q('logistics')).results.find(r => r.profile.id === 'title')!;
    expect(title.reasons).toEqual([expect.objectContaining({ kind: 'textMatch', fields: ['jobTitle'] })]);
  });

  it('does not search departments as text (they are a filter)', () => {
    expect(ids('billing')).toEqual([]);
    expect(index.search(q('', { department: 'Billing' })).results.map(r => r.profile.id)).toEqual(['bill']);
  });

  it('ranks the exact word above a typo match', () => {
    expect(ids('tremblay')).toEqual(['tremblay', 'tremblai']);
    expect(ids('tremblai')).toEqual(['tremblai', 'tremblay']);
  });
});

describe('expertise index: unusual profiles', () => {
  it('ranks a profile with many skills, free entries and a retired taxonomy id like any other', () => {
    const many = Array.from({ length: 12 }, (_v, i) => ({ label: `Outil ${i}`, proficiency: 1 as const }));
    const index = createExpertiseIndex([
      person({ id: 'many', displayName: 'Manon Many', skills: [...many, { skillId: 'billing', label: 'Billing', proficiency: 1 }], evidence: { billing: { endorsers: [], acceptedAnswers: 1, resolvedInsights: 0 } } }),
      person({ id: 'few', displayName: 'Fanny Few', skills: [{ skillId: 'billing', label: 'Billing', proficiency: 4 }] }),
      person({ id: 'retired', displayName: 'Rita Retired', skills: [{ skillId: 'old-forklift', label: 'Forklift driving', proficiency: 3 }] })
    ], TAXONOMY);
    expect(index.search(q('facturation')).results.map(r => r.profile.id)).toEqual(['many', 'few']);
    expect(index.search(q('outil 7')).results.map(r => r.profile.id)).toEqual(['many']);
    const retired = index.search(q('forklift')).results;
    expect(retired.map(r => r.profile.id)).toEqual(['retired']);
    expect(retired[0].reasons[0]).toMatchObject({ kind: 'declaredSkill', skillId: 'old-forklift', label: 'Forklift driving', proficiency: 3 });
  });
});
