import { analyze } from '../../core/expertise/normalize';
import { bestSkills, blendScore, distinctEndorsers, prepareSkills, RANKING_WEIGHTS, RankedSkill, skillPoints, skillReasons } from '../../core/expertise/ranking';
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

  it('one accepted answer or one resolved insight outweighs the highest claim plus the best text match', () => {
    const bestClaim = blendScore(1, [claim(4)]);
    expect(blendScore(0, [evidenced(1, 0)])).toBeGreaterThan(bestClaim);
    expect(blendScore(0, [evidenced(0, 1)])).toBeGreaterThan(bestClaim);
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
    expect(reasons.map(r => r.kind)).toEqual(['acceptedAnswers', 'resolvedInsights', 'endorsements', 'declaredSkill']);
    expect(reasons[0]).toMatchObject({ skillId: 'crm', label: 'Gestion de la relation client', count: 3, points: 5 });
    expect(reasons[1]).toMatchObject({ count: 1, points: 2.5 });
    expect(reasons[2]).toMatchObject({ count: 5 });
    expect(reasons[3]).toMatchObject({ proficiency: 2, points: 0.5 });
    const total = reasons.reduce((a, r) => a + r.points, 0);
    expect(blendScore(0, best)).toBeCloseTo(total, 10);
  });
});
