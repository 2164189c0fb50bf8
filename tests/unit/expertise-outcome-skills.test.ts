import { createSkillMatcher, insightMatchText, optionLabels, skillsOfText } from '../../core/expertise/outcomeSkills';
import { defaultPolicy } from '../../core/policy';
import type { SkillDefinition } from '../../core/policy/types';

const skills = defaultPolicy().skills;
const feedback = defaultPolicy().feedback;

describe('skillsOfText', () => {
  it('finds a skill by its English label, its French label or a synonym', () => {
    expect(skillsOfText('Customer relationship management after the move', skills)).toContain('crm');
    expect(skillsOfText('Question de gestion de la relation client', skills)).toContain('crm');
    expect(skillsOfText('Our CRM lost the customer notes', skills)).toContain('crm');
  });

  it('folds accents and case', () => {
    expect(skillsOfText('LA CYBERSECURITE DU SITE', skills)).toContain('cybersecurity');
    expect(skillsOfText('réception du colis', skills)).toContain('customer-welcome');
    expect(skillsOfText('reception du colis', skills)).toContain('customer-welcome');
    expect(skillsOfText('Gestion d’ENTREPÔT', skills)).toContain('warehouse');
  });

  it('matches multi-word labels and synonyms as phrases only', () => {
    expect(skillsOfText('the front desk was closed', skills)).toContain('customer-welcome');
    expect(skillsOfText('the desk at the front was closed', skills)).not.toContain('customer-welcome');
    expect(skillsOfText('relation avec le client', skills)).not.toContain('crm');
    expect(skillsOfText('Power Automate flow failed', skills)).toContain('power-platform');
  });

  it('never matches part of a word', () => {
    expect(skillsOfText('the crmx export', skills)).not.toContain('crm');
    expect(skillsOfText('xcrm', skills)).not.toContain('crm');
    expect(skillsOfText('Lean-to shelter', skills)).toContain('lean');
    expect(skillsOfText('the leanest shelf', skills)).not.toContain('lean');
    expect(skillsOfText('crm.', skills)).toEqual(['crm']);
  });

  it('treats plurals like the index does (light stemming)', () => {
    expect(skillsOfText('two complaint letters', skills)).toContain('complaint-handling');
    expect(skillsOfText('Invoice sent twice', skills)).toContain('billing');
  });

  it('answers ids in taxonomy order, each once; nothing for empty text or taxonomy', () => {
    expect(skillsOfText('CRM, GRC and then billing: CRM again', skills)).toEqual(['crm', 'billing']);
    expect(skillsOfText('', skills)).toEqual([]);
    expect(skillsOfText('CRM', [])).toEqual([]);
  });

  it('ignores malformed definitions', () => {
    const odd = [{ id: '', label: { en: 'CRM', fr: 'CRM' }, synonyms: [] }, { id: 'x', label: { en: 'X ray', fr: '' }, synonyms: [null] }] as unknown as SkillDefinition[];
    expect(createSkillMatcher(odd)('an x ray of the CRM')).toEqual(['x']);
  });
});

describe('insight text', () => {
  it('adds the English and French labels of the category and the product', () => {
    expect(optionLabels(feedback.categories, 'billing')).toBe('Billing and payment reminders\nFacturation et rappels de paiement');
    expect(optionLabels(feedback.categories, 'nope')).toBe('');
    expect(optionLabels(feedback.categories, null)).toBe('');
    const text = insightMatchText({ title: 'Late parcel', summary: null, category: 'billing', product: 'loyalty-card' }, feedback);
    expect(skillsOfText(text, skills)).toEqual(expect.arrayContaining(['billing', 'collections', 'loyalty']));
  });

  it('is only the texts without a policy', () => {
    expect(skillsOfText(insightMatchText({ title: 'Late parcel', category: 'billing' }), skills)).toEqual([]);
  });
});
