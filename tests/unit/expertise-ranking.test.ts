import { analyze } from '../../core/expertise/normalize';
import { bestSkills, blendScore, clauseRelevance, distinctEndorsers, prepareSkills, RANKING_WEIGHTS, RankedSkill, skillPoints, skillReasons } from '../../core/expertise/ranking';
import { createExpertiseIndex } from '../../core/expertise/index';
import type { SkillDefinition } from '../../core/policy/types';
import { createTaxonomy } from '../../core/expertise/taxonomy';
import type { ExpertProfile } from '../../core/expertise/types';

const taxonomy = createTaxonomy([
  { id: 'crm', label: { en: 'Customer relationship management', fr: 'Gestion de la relation client' }, synonyms: ['CRM', 'GRC'] },
  { id: 'logistics', label: { en: 'Logistics', fr: 'Logistique' }, synonyms: ['supply chain'] }
]);

function profile(over: Partial<ExpertProfile>): ExpertProfile {
  return {
    id: 'id-ann', upn: 'ann@northwind-retail.example', displayName: 'Ann', jobTitle: '', department: '', location: '',
    languages: [], customerFacing: false, userType: 'Member', accountEnabled: true, skills: [], askMeAbout: [], interests: [], evidence: {},
    ...over
  };
}

describe('expertise ranking: endorsements', () => {
  it('counts distinct endorsers, case-insensitively, never the person themself, never blanks', () => {
    const person = { id: 'ID-ANN', upn: 'Ann@northwind-retail.example' };
    const n = distinctEndorsers(
      ['bob@x.example', 'BOB@x.example ', 'ann@northwind-retail.example', 'id-ann', '', '  ', 'carl@x.example', 42 as unknown as string],
      person
    );
    expect(Array.from(n).sort()).toEqual(['bob@x.example', 'carl@x.example']);
  });

  it('gives diminishing returns: each doubling of endorsers adds the same points', () => {
    const p = (endorsers: number): number => skillPoints({ endorsers, acceptedAnswers: 0, resolvedInsights: 0 }).endorsements;
    expect(p(0)).toBe(0);
    expect(p(1)).toBeCloseTo(RANKING_WEIGHTS.endorsement, 10);
    expect(p(3)).toBeCloseTo(2 * RANKING_WEIGHTS.endorsement, 10);
    expect(p(15)).toBeCloseTo(4 * RANKING_WEIGHTS.endorsement, 10);
    expect(p(2) - p(1)).toBeGreaterThan(p(3) - p(2));
    expect(p(100)).toBeLessThan(4 * p(1) * 1.75);
  });
});

describe('expertise ranking: the blend', () => {
  const claim = (proficiency: 1 | 2 | 3 | 4): RankedSkill => {
    const s = { proficiency, endorsers: 0, acceptedAnswers: 0, resolvedInsights: 0 };
    return { key: 'crm', skillId: 'crm', label: '', terms: [], ...s, points: skillPoints(s) };
  };
  const evidenced = (acceptedAnswers: number, resolvedInsights: number): RankedSkill => {
    const s = { endorsers: 0, acceptedAnswers, resolvedInsights };
    return { key: 'crm', skillId: 'crm', label: '', terms: [], ...s, points: skillPoints(s) };
  };

  const claimed = (proficiency: 1 | 2 | 3 | 4, endorsers: number, acceptedAnswers: number, resolvedInsights: number): RankedSkill => {
    const s = { proficiency, endorsers, acceptedAnswers, resolvedInsights };
    return { key: 'crm', skillId: 'crm', label: '', terms: [], ...s, points: skillPoints(s) };
  };

  it('one accepted answer or one resolved insight outweighs the highest bare claim at equal text, not a level 3 with an endorsement', () => {
    expect(blendScore(0.5, [evidenced(1, 0)])).toBeGreaterThan(blendScore(0.5, [claim(4)]));
    expect(blendScore(0.5, [evidenced(0, 1)])).toBeGreaterThan(blendScore(0.5, [claim(4)]));
    expect(blendScore(0.5, [evidenced(1, 0)])).toBeLessThan(blendScore(0.5, [claimed(3, 1, 0, 0)]));
  });

  it('never lets a single piece of evidence, even with the best text match, outrank a declared, endorsed skill with more evidence', () => {
    const single = Math.max(blendScore(1, [evidenced(1, 0)]), blendScore(1, [evidenced(0, 1)]));
    expect(blendScore(0, [claimed(1, 1, 2, 0)])).toBeGreaterThan(single);
    expect(blendScore(0, [claimed(1, 1, 0, 2)])).toBeGreaterThan(single);
    expect(blendScore(0, [claimed(1, 1, 1, 1)])).toBeGreaterThan(single);
  });

  it('counts outcomes with diminishing returns, up to a ceiling', () => {
    const answers = (n: number): number => skillPoints({ endorsers: 0, acceptedAnswers: n, resolvedInsights: 0 }).acceptedAnswers;
    expect(answers(0)).toBe(0);
    expect(answers(1)).toBeCloseTo(RANKING_WEIGHTS.acceptedAnswer * (1 - Math.exp(-1 / RANKING_WEIGHTS.outcomeScale)), 10);
    expect(answers(2) - answers(1)).toBeLessThan(answers(1));
    expect(answers(3) - answers(2)).toBeLessThan(answers(2) - answers(1));
    expect(answers(1000)).toBeLessThanOrEqual(RANKING_WEIGHTS.acceptedAnswer);
    expect(skillPoints({ endorsers: 0, acceptedAnswers: 0, resolvedInsights: 3 }).resolvedInsights).toBeCloseTo(answers(3), 10);
  });

  it('a higher declared level ranks above a lower one, all else equal', () => {
    expect(blendScore(0.5, [claim(3)])).toBeGreaterThan(blendScore(0.5, [claim(2)]));
  });

  it('averages the best skill of each clause, so a profile covering every clause ranks first', () => {
    const both = blendScore(0, [claim(3), claim(3)]);
    const one = blendScore(0, [claim(4), undefined]);
    expect(both).toBeGreaterThan(one);
    expect(blendScore(0.3, [])).toBeCloseTo(0.3, 10);
  });

  it('keeps every weight in one frozen constant', () => {
    expect(Object.isFrozen(RANKING_WEIGHTS)).toBe(true);
    expect(RANKING_WEIGHTS.acceptedAnswer).toBeGreaterThan(RANKING_WEIGHTS.proficiency + RANKING_WEIGHTS.text);
  });
});

describe('expertise ranking: preparing a profile', () => {
  it('merges declared skills, free entries that spell a taxonomy skill, and evidence, with cleaned numbers', () => {
    const p = profile({
      skills: [
        { skillId: 'crm', label: 'CRM', proficiency: 2 },
        { label: 'Gestion de la relation client', proficiency: 3 }, // the same skill, typed by hand
        { label: 'Forklift', proficiency: 9 as 4 }, // out of range: clamped
        { label: '   ', proficiency: 2 } // blank: ignored
      ],
      evidence: {
        crm: { endorsers: ['bob@x', 'ann@northwind-retail.example'], acceptedAnswers: 3, resolvedInsights: -2 },
        logistics: { endorsers: [], acceptedAnswers: 1.7, resolvedInsights: Number.NaN }, // evidence without a claim
        forklift: { endorsers: ['carl@x'], acceptedAnswers: 0, resolvedInsights: 0 }
      }
    });
    const skills = prepareSkills(p, taxonomy, analyze);
    const byKey = new Map(skills.map(s => [s.key, s]));
    expect(Array.from(byKey.keys()).sort()).toEqual(['crm', 'forklift', 'logistics']);
    expect(byKey.get('crm')).toMatchObject({ skillId: 'crm', proficiency: 3, endorsers: 1, acceptedAnswers: 3, resolvedInsights: 0 });
    expect(byKey.get('logistics')).toMatchObject({ skillId: 'logistics', acceptedAnswers: 1, resolvedInsights: 0 });
    expect(byKey.get('logistics')!.proficiency).toBeUndefined();
    expect(byKey.get('forklift')).toMatchObject({ label: 'Forklift', proficiency: 4, endorsers: 1, terms: ['forklift'] });
    expect(byKey.get('forklift')!.skillId).toBeUndefined();
  });

  it('picks, per clause, the strongest matching skill and explains it with numbers', () => {
    const skills = prepareSkills(profile({
      skills: [{ skillId: 'crm', label: 'CRM', proficiency: 2 }],
      evidence: { crm: { endorsers: ['a', 'b', 'c', 'd', 'e', 'ann@northwind-retail.example'], acceptedAnswers: 3, resolvedInsights: 1 } }
    }), taxonomy, analyze);
    const best = bestSkills(skills, [{ matches: s => s.skillId === 'crm' }]);
    const reasons = skillReasons(best, s => (s.skillId ? taxonomy.labelOf(s.skillId, 'fr-FR') : s.label));
    // five colleagues now weigh more than a single resolved insight
    expect(reasons.map(r => r.kind)).toEqual(['acceptedAnswers', 'endorsements', 'resolvedInsights', 'declaredSkill']);
    const outcome = (n: number): number => 4 * (1 - Math.exp(-n / 3));
    expect(reasons[0]).toMatchObject({ skillId: 'crm', label: 'Gestion de la relation client', count: 3 });
    expect(reasons[0].points).toBeCloseTo(outcome(3), 10);
    expect(reasons[1]).toMatchObject({ count: 5 });
    expect(reasons[2]).toMatchObject({ count: 1 });
    expect(reasons[2].points).toBeCloseTo(outcome(1), 10);
    expect(reasons[3]).toMatchObject({ proficiency: 2, points: 0.5 });
    const total = reasons.reduce((a, r) => a + r.points, 0);
    expect(blendScore(0, best)).toBeCloseTo(total, 10);
  });
});

describe('expertise ranking: evidence by amount and relevance ("logistique")', () => {
  const skills: SkillDefinition[] = [
    { id: 'logistics', label: { en: 'Logistics', fr: 'Logistique' }, synonyms: ['supply chain'] },
    { id: 'route-planning', label: { en: 'Delivery route planning', fr: 'Planification des tournées' }, synonyms: ['tournées de livraison'] },
    { id: 'community-management', label: { en: 'Community management', fr: 'Gestion de communautés' }, synonyms: ['community manager'] },
    { id: 'warehouse', label: { en: 'Warehouse management', fr: 'Gestion d’entrepôt' }, synonyms: ['WMS'] }
  ];
  // The HR community manager: one question about event logistics answered, credited to Logistics.
  const camille = profile({
    id: 'camille', upn: 'camille@northwind-retail.example', displayName: 'Camille Roy', jobTitle: 'Community manager', department: 'Human Resources',
    skills: [{ skillId: 'community-management', label: 'Community management', proficiency: 4 }],
    evidence: { logistics: { endorsers: [], acceptedAnswers: 1, resolvedInsights: 0 } }
  });
  // The logistics coordinator: declared level 3, endorsed; delivery insights resolved, credited to route planning.
  const luc = profile({
    id: 'luc', upn: 'luc@northwind-retail.example', displayName: 'Luc Bouchard', jobTitle: 'Coordinator', department: 'Distribution',
    skills: [{ skillId: 'logistics', label: 'Logistics', proficiency: 3 }, { skillId: 'route-planning', label: 'Route planning', proficiency: 3 }],
    evidence: {
      logistics: { endorsers: ['a@x.example', 'b@x.example', 'c@x.example'], acceptedAnswers: 0, resolvedInsights: 0 },
      'route-planning': { endorsers: ['a@x.example'], acceptedAnswers: 0, resolvedInsights: 4 }
    }
  });
  const search = (people: ExpertProfile[], text: string) => createExpertiseIndex(people, skills).search({ text, filters: {}, page: 1, pageSize: 10, locale: 'fr-FR' });

  it('ranks the endorsed logistics person above the HR community manager with a single accepted answer', () => {
    const r = search([camille, luc], 'logistique');
    expect(r.results.map(h => h.profile.id)).toEqual(['luc', 'camille']);
    // the reasons say how many answers, and their points are their share of the score
    const answer = r.results[1].reasons.find(x => x.kind === 'acceptedAnswers');
    expect(answer).toMatchObject({ skillId: 'logistics', label: 'Logistique', count: 1 });
    expect(r.results[1].score).toBeCloseTo(r.results[1].reasons.reduce((a, x) => a + x.points, 0), 10);
  });

  it('the same person with several resolved insights on Logistics itself stays first, and says how many', () => {
    const withInsights = { ...luc, evidence: { ...luc.evidence, logistics: { ...luc.evidence.logistics, resolvedInsights: 3 } } };
    const twoAnswers = { ...camille, evidence: { logistics: { endorsers: [], acceptedAnswers: 2, resolvedInsights: 0 } } };
    const r = search([twoAnswers, withInsights], 'logistique');
    expect(r.results.map(h => h.profile.id)).toEqual(['luc', 'camille']);
    expect(r.results[0].reasons.find(x => x.kind === 'resolvedInsights')).toMatchObject({ skillId: 'logistics', count: 3 });
    expect(r.results[1].reasons.find(x => x.kind === 'acceptedAnswers')).toMatchObject({ count: 2 });
  });

  it('weighs an answer less when the query names only part of its skill', () => {
    const answerOn = (skillId: string): ExpertProfile => profile({ id: skillId, displayName: skillId, evidence: { [skillId]: { endorsers: [], acceptedAnswers: 3, resolvedInsights: 0 } } });
    const full = search([answerOn('community-management')], 'gestion de communautés').results[0];
    const half = search([answerOn('community-management')], 'gestion').results[0];
    const pointsOf = (h: typeof full): number => (h.reasons.find(x => x.kind === 'acceptedAnswers') as { points: number }).points;
    expect(pointsOf(half)).toBeCloseTo(pointsOf(full) / 2, 10);
    expect(half.reasons.find(x => x.kind === 'acceptedAnswers')).toMatchObject({ count: 3 });
    expect(clauseRelevance('logistiqu', false, [['logistiqu']])).toBe(1);
    expect(clauseRelevance('logis', true, [['logistiqu']])).toBeCloseTo(5 / 9, 10);
    expect(clauseRelevance('gestion', false, [['gestion', 'communaut']])).toBe(0.5);
    expect(clauseRelevance('forklift', false, [['logistiqu']])).toBe(0);
  });

  it('ranks the same way however often it runs', () => {
    const a = search([camille, luc], 'gestion logistique').results.map(h => [h.profile.id, h.score]);
    const b = search([luc, camille], 'gestion logistique').results.map(h => [h.profile.id, h.score]);
    expect(b).toEqual(a);
  });
});
