import { defaultPolicy, validatePolicy, DEMO_GROUPS, FEATURE_KEYS, ROLE_KEYS } from '../../core/policy';
import { demoGroupId, generateDemoOrganisation, GROUP_NICKNAMES } from '../../workbench/tenant/seed/demo';
import { DEPARTMENTS } from '../../workbench/tenant/seed/org';
import { SKILLS } from '../../workbench/tenant/seed/skills';

const isoWeekday = (date: string): number => {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

describe('defaultPolicy', () => {
  it('validates, and validation gives back the same document', () => {
    const result = validatePolicy(defaultPolicy());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.policy).toEqual(defaultPolicy());
  });

  it('returns a new copy each time', () => {
    const a = defaultPolicy();
    a.feedback.categories[0].label.en = 'changed';
    a.roles.tenantAdmins[0].id = 'changed';
    a.skills[0].synonyms.push('changed');
    a.feedback.calendar.holidays.length = 0;
    const b = defaultPolicy();
    expect(b.feedback.categories[0].label.en).not.toBe('changed');
    expect(b.roles.tenantAdmins[0].id).not.toBe('changed');
    expect(b.skills[0].synonyms).not.toContain('changed');
    expect(b.feedback.calendar.holidays.length).toBeGreaterThan(0);
  });

  it('turns every feature on for everyone', () => {
    const p = defaultPolicy();
    for (const key of FEATURE_KEYS) expect(p.features[key]).toEqual({ enabled: true, audience: { everyone: true } });
  });

  it('names the Entra groups of the demo seed, with the ids the seed gives them', () => {
    const org = generateDemoOrganisation({ referenceDate: new Date('2026-03-02T00:00:00Z') });
    const seedGroups = new Map(org.groups.map(g => [g.id, g.displayName]));
    for (const g of Object.values(DEMO_GROUPS)) {
      expect(g.kind).toBe('entra');
      expect(seedGroups.get(g.id)).toBe(g.name);
    }
    const p = defaultPolicy();
    expect(p.roles.tenantAdmins.map(g => g.id)).toEqual([demoGroupId(GROUP_NICKNAMES.tenantAdmins)]);
    expect(p.roles.management.map(g => g.id)).toEqual([demoGroupId(GROUP_NICKNAMES.management)]);
    expect(p.roles.communications.map(g => g.id)).toEqual([demoGroupId(GROUP_NICKNAMES.communications)]);
    expect(p.roles.communityManagers.map(g => g.id)).toEqual([demoGroupId(GROUP_NICKNAMES.communityManagers)]);
    for (const role of ROLE_KEYS) expect(p.roles[role].length).toBeGreaterThan(0);
    // Routing owners and the fallback owner are department groups of the seed.
    const deptIds = new Set(DEPARTMENTS.map(d => demoGroupId(`dept-${d.key}`)));
    expect(deptIds.has(p.feedback.fallbackOwner.id)).toBe(true);
    for (const rule of p.feedback.routing) {
      if (rule.owner.kind === 'group') expect(deptIds.has(rule.owner.group.id)).toBe(true);
    }
  });

  it('copies the seed skills taxonomy (ids, labels in both languages, synonyms)', () => {
    const p = defaultPolicy();
    expect(p.skills).toEqual(SKILLS.map(s => ({ id: s.id, label: { en: s.en, fr: s.fr }, synonyms: s.synonyms })));
    const crm = p.skills.find(s => s.id === 'crm')!;
    expect(crm.label.fr).toBe('Gestion de la relation client');
    expect(crm.synonyms).toEqual(expect.arrayContaining(['CRM', 'gestion relation client']));
  });

  it('uses the common ladder of targets, with weights falling with the level', () => {
    const ladder = defaultPolicy().feedback.severities.map(s => [s.key, s.acknowledgeHours, s.resolveHours]);
    expect(ladder).toEqual([['urgent', 1, 4], ['high', 4, 8], ['normal', 8, 24], ['low', 24, 48]]);
    const weights = defaultPolicy().feedback.severities.map(s => s.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('has categories for the demo stories, bilingual, each routed or left to the fallback owner', () => {
    const f = defaultPolicy().feedback;
    const keys = f.categories.map(c => c.key);
    expect(keys).toEqual(expect.arrayContaining(['delivery', 'billing', 'refunds', 'loyalty', 'tickets', 'phishing-fraud', 'store-service', 'website']));
    for (const o of [...f.categories, ...f.products, ...f.channels]) {
      expect(o.label.en).not.toBe('');
      expect(o.label.fr).not.toBe('');
      expect(o.active).toBe(true);
    }
    const routed = f.routing.map(r => r.when.category);
    expect(routed).toContain('delivery');
    expect(f.routing.find(r => r.when.category === 'phishing-fraud')!.owner).toEqual({ kind: 'group', group: DEMO_GROUPS.it });
  });

  it('keeps the Québec business calendar: Mon-Fri 08:30-17:00, statutory holidays of 2026 and 2027', () => {
    const c = defaultPolicy().feedback.calendar;
    expect(c).toMatchObject({ timeZone: 'America/Toronto', workingDays: [1, 2, 3, 4, 5], workingHours: { start: '08:30', end: '17:00' } });
    expect(c.holidays).toHaveLength(16);
    for (const year of ['2026', '2027']) {
      const days = c.holidays.filter(d => d.startsWith(year));
      expect(days).toHaveLength(8);
      expect(days).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-06-24`, `${year}-07-01`, `${year}-12-25`]));
      // Good Friday, National Patriots' Day (the Monday before May 25), Labour Day, Thanksgiving.
      const goodFriday = days.find(d => d.slice(5, 7) === '03' || d.slice(5, 7) === '04')!;
      expect(isoWeekday(goodFriday)).toBe(5);
      const patriots = days.find(d => d.slice(5, 7) === '05')!;
      expect(isoWeekday(patriots)).toBe(1);
      expect(Number(patriots.slice(8))).toBeGreaterThanOrEqual(18);
      expect(Number(patriots.slice(8))).toBeLessThanOrEqual(24);
      const labour = days.find(d => d.slice(5, 7) === '09')!;
      expect(isoWeekday(labour)).toBe(1);
      expect(Number(labour.slice(8))).toBeLessThanOrEqual(7);
      const thanksgiving = days.find(d => d.slice(5, 7) === '10')!;
      expect(isoWeekday(thanksgiving)).toBe(1);
      expect(Number(thanksgiving.slice(8))).toBeGreaterThanOrEqual(8);
      expect(Number(thanksgiving.slice(8))).toBeLessThanOrEqual(14);
    }
    // Easter Sunday is 2026-04-05 and 2027-03-28.
    expect(c.holidays).toEqual(expect.arrayContaining(['2026-04-03', '2027-03-26']));
  });

  it('sets escalation, redaction, retention, moderation, spikes and locale as documented', () => {
    const p = defaultPolicy();
    expect(p.feedback.escalation).toEqual([
      { atShareOfTarget: 0.8, notify: 'owner' },
      { atShareOfTarget: 1, notify: 'ownerManager' },
      { atShareOfTarget: 1.5, notify: 'ownerManagersManager' }
    ]);
    expect(Object.values(p.feedback.redaction).every(v => v === true)).toBe(true);
    expect(p.feedback.allowAnonymous).toBe(false);
    expect(p.feedback.retentionDays).toBe(730);
    expect(p.feedback.pauseStates).toEqual(['waitingOnCustomer', 'waitingOnThirdParty']);
    expect(p.moderation).toEqual({
      blockedTerms: [], flagHideThreshold: 5, premoderateNewMembers: true, newMemberPostsToApprove: 3,
      rateLimits: { postsPerHour: 3, repliesPerHour: 10, flagsPerDay: 20 }
    });
    expect(p.spikes).toEqual({ zScore: 3, minimumCount: 5, baselineDays: 28, windowDays: 7 });
    expect(p.defaultLocale).toBe('fr-FR');
  });
});
