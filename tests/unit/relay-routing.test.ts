import type { FeedbackPolicy, GroupRef } from '../../core/policy/types';
import { defaultPolicy } from '../../core/policy';
import { routeInsight, ruleMatches } from '../../core/relay/routing';

const group = (id: string, name: string): GroupRef => ({ kind: 'entra', id, name });
const logistics = group('g-logistics', 'Dept – Delivery & Logistics');
const billing = group('g-billing', 'Dept – Billing');
const fallback = group('g-cs', 'Dept – Customer Service');

const policy: Pick<FeedbackPolicy, 'routing' | 'fallbackOwner'> = {
  fallbackOwner: fallback,
  routing: [
    { id: 'delivery-montreal', when: { category: 'delivery', businessUnit: 'Montréal stores' }, owner: { kind: 'managerChain', level: 2 } },
    { id: 'delivery', when: { category: 'delivery' }, owner: { kind: 'group', group: logistics } },
    { id: 'refund-card', when: { category: 'refunds', product: 'credit-card' }, owner: { kind: 'group', group: billing } },
    { id: 'quality', when: { category: 'service-quality' }, owner: { kind: 'managerChain', level: 1 } },
    { id: 'escalate', when: { category: 'executive' }, owner: { kind: 'managerChain', level: 3 } }
  ]
};

const chain = [
  { upn: 'Marc-Andre.Gagnon@northwind-retail.example', displayName: 'Marc-André Gagnon', department: 'Customer Service' },
  { upn: 'catherine.oneill@northwind-retail.example', displayName: 'Catherine O’Neill', department: 'Operations' }
];

describe('routeInsight', () => {
  it('gives a group owner with the group as department, from the first matching rule', () => {
    expect(routeInsight(policy, { category: 'delivery', product: 'home-delivery' }, chain)).toEqual({
      upn: null, groupId: 'g-logistics', groupName: 'Dept – Delivery & Logistics', source: 'rule:delivery', department: 'Dept – Delivery & Logistics'
    });
  });

  it('the first matching rule wins over later ones (order matters)', () => {
    const owner = routeInsight(policy, { category: 'delivery', product: 'x', businessUnit: 'montréal stores ' }, chain);
    expect(owner.source).toBe('rule:delivery-montreal');
    expect(owner.upn).toBe('catherine.oneill@northwind-retail.example');
    expect(owner.department).toBe('Operations');
  });

  it('needs every condition of a rule', () => {
    expect(routeInsight(policy, { category: 'refunds', product: 'gift-card' }, chain).source).toBe('fallback');
    expect(routeInsight(policy, { category: 'refunds', product: 'credit-card' }, chain).groupId).toBe('g-billing');
    expect(routeInsight(policy, { category: 'delivery', product: 'x', businessUnit: 'Québec stores' }, chain).source).toBe('rule:delivery');
  });

  it('managerChain level 1 is the direct manager (UPN lower-cased), with their department', () => {
    expect(routeInsight(policy, { category: 'service-quality', product: 'x' }, chain)).toEqual({
      upn: 'marc-andre.gagnon@northwind-retail.example', groupId: null, groupName: null, source: 'rule:quality', department: 'Customer Service'
    });
  });

  it('a chain shorter than the level gives its last manager', () => {
    const owner = routeInsight(policy, { category: 'executive', product: 'x' }, chain);
    expect(owner).toMatchObject({ upn: 'catherine.oneill@northwind-retail.example', source: 'rule:escalate' });
  });

  it('no chain at all gives the fallback owner', () => {
    expect(routeInsight(policy, { category: 'service-quality', product: 'x' }, [])).toEqual({
      upn: null, groupId: 'g-cs', groupName: 'Dept – Customer Service', source: 'fallback', department: 'Dept – Customer Service'
    });
    // Entries without a UPN do not count as a chain.
    expect(routeInsight(policy, { category: 'service-quality', product: 'x' }, [{ upn: ' ', displayName: '', department: '' }]).source).toBe('fallback');
  });

  it('no rule matching gives the fallback owner', () => {
    expect(routeInsight(policy, { category: 'other', product: 'x' }, chain).source).toBe('fallback');
  });

  it('a rule without conditions matches every relay', () => {
    const catchAll = { ...policy, routing: [{ id: 'all', when: {}, owner: { kind: 'group' as const, group: billing } }, ...policy.routing] };
    expect(routeInsight(catchAll, { category: 'delivery', product: 'x' }, chain).source).toBe('rule:all');
    expect(ruleMatches({}, { category: '', product: '' })).toBe(true);
  });

  it('follows the default policy: delivery goes to Delivery & Logistics, service quality to the manager', () => {
    const feedback = defaultPolicy().feedback;
    const delivery = routeInsight(feedback, { category: 'delivery', product: feedback.products[0].key }, chain);
    expect(delivery).toMatchObject({ source: 'rule:delivery-to-logistics', groupName: 'Dept – Delivery & Logistics' });
    expect(routeInsight(feedback, { category: 'service-quality', product: feedback.products[0].key }, chain).upn).toBe('marc-andre.gagnon@northwind-retail.example');
  });
});
