import { defaultPolicy, diffPolicies, Policy } from '../../core/policy';

const base = (): Policy => defaultPolicy();

describe('diffPolicies', () => {
  it('finds nothing between equal policies', () => {
    expect(diffPolicies(base(), base())).toEqual([]);
  });

  it('reports a changed leaf with its dotted path and both values', () => {
    const after = base();
    after.moderation.flagHideThreshold = 7;
    after.features.highlights.enabled = false;
    expect(diffPolicies(base(), after)).toEqual([
      { path: 'features.highlights.enabled', kind: 'changed', before: true, after: false },
      { path: 'moderation.flagHideThreshold', kind: 'changed', before: 5, after: 7 }
    ]);
  });

  it('relabelling one category is one change, addressed by its key', () => {
    const after = base();
    after.feedback.categories[3].label.fr = 'Remboursements';
    expect(diffPolicies(base(), after)).toEqual([
      { path: 'feedback.categories.refunds.label.fr', kind: 'changed', before: 'Remboursements et crédits', after: 'Remboursements' }
    ]);
  });

  it('moving one category is one change (the new order), not a cascade', () => {
    const after = base();
    const [moved] = after.feedback.categories.splice(0, 1);
    after.feedback.categories.push(moved);
    const changes = diffPolicies(base(), after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: 'feedback.categories', kind: 'changed' });
    expect(changes[0].before).toEqual(base().feedback.categories.map(c => c.key));
    expect((changes[0].after as string[]).slice(-1)).toEqual(['delivery']);
  });

  it('adding or removing an item in the middle of a keyed list is one change', () => {
    const added = base();
    const item = { key: 'parking', label: { en: 'Parking', fr: 'Stationnement' }, active: true };
    added.feedback.categories.splice(2, 0, item);
    expect(diffPolicies(base(), added)).toEqual([{ path: 'feedback.categories.parking', kind: 'added', before: undefined, after: item }]);

    const removed = base();
    const [gone] = removed.feedback.routing.splice(1, 1);
    expect(diffPolicies(base(), removed)).toEqual([{ path: `feedback.routing.${gone.id}`, kind: 'removed', before: gone, after: undefined }]);
  });

  it('compares routing rules and skills by id, groups by id', () => {
    const after = base();
    after.feedback.routing[0].owner = { kind: 'managerChain', level: 2 };
    after.skills.find(s => s.id === 'lean')!.synonyms.push('amélioration continue Lean');
    after.roles.management.push({ kind: 'sharepoint', id: 'Intranet Owners', name: 'Intranet Owners' });
    const changes = diffPolicies(base(), after);
    expect(changes.map(c => [c.path, c.kind])).toEqual([
      ['roles.management.Intranet Owners', 'added'],
      ['feedback.routing.delivery-to-logistics.owner.kind', 'changed'],
      ['feedback.routing.delivery-to-logistics.owner.group', 'removed'],
      ['feedback.routing.delivery-to-logistics.owner.level', 'added'],
      ['skills.lean.synonyms.4', 'added']
    ]);
  });

  it('compares other arrays index by index', () => {
    const after = base();
    after.feedback.calendar.workingDays = [1, 2, 3, 4];
    after.feedback.calendar.holidays[1] = '2026-04-06';
    expect(diffPolicies(base(), after)).toEqual([
      { path: 'feedback.calendar.workingDays.4', kind: 'removed', before: 5, after: undefined },
      { path: 'feedback.calendar.holidays.1', kind: 'changed', before: '2026-04-03', after: '2026-04-06' }
    ]);
  });

  it('an audience that changes shape reports its leaves; an optional list that appears is added', () => {
    const after = base();
    const g = after.roles.management[0];
    after.features.communities.audience = { everyone: false, groups: [g] };
    after.features.profiles.audience = { everyone: true, except: [g] };
    expect(diffPolicies(base(), after)).toEqual([
      { path: 'features.profiles.audience.except', kind: 'added', before: undefined, after: [g] },
      { path: 'features.communities.audience.everyone', kind: 'changed', before: true, after: false },
      { path: 'features.communities.audience.groups', kind: 'added', before: undefined, after: [g] }
    ]);
  });

  it('falls back to indexes when identities repeat, and reports a type change as one change', () => {
    const a = base();
    const b = base();
    // Not valid policies, but the preview must not break on them.
    a.moderation.blockedTerms = ['x'];
    (b.moderation as unknown as Record<string, unknown>).blockedTerms = 'x';
    expect(diffPolicies(a, b)).toEqual([{ path: 'moderation.blockedTerms', kind: 'changed', before: ['x'], after: 'x' }]);
    const c = base();
    c.feedback.channels.push({ ...c.feedback.channels[0] });
    const d = base();
    d.feedback.channels.push({ ...d.feedback.channels[0], active: false });
    expect(diffPolicies(c, d)).toEqual([{ path: `feedback.channels.${c.feedback.channels.length - 1}.active`, kind: 'changed', before: true, after: false }]);
  });
});
