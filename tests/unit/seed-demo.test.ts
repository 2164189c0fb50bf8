/**
 * The demo seed: deterministic, the organisation journeys.md describes, a consistent org chart and
 * groups, site security in place, and fast enough to seed in every test.
 */
import { openDatabase } from '../../workbench/tenant/db';
import { createLocalTenant } from '../../workbench/tenant/server';
import {
  generateDemoOrganisation, seedDemo, seedScale, PERSONAS, SKILLS, DEPARTMENTS, DEMO_DOMAIN, SeedPerson, personaByRole
} from '../../workbench/tenant/seed';

const referenceDate = new Date('2026-11-02T12:00:00Z');

describe('generateDemoOrganisation', () => {
  const org = generateDemoOrganisation({ referenceDate });
  const byId = new Map(org.people.map(p => [p.id, p]));
  const byUpn = (upn: string): SeedPerson => org.people.find(p => p.userPrincipalName === upn)!;

  it('is deterministic: the same options give the same people, another seed other people', () => {
    const again = generateDemoOrganisation({ referenceDate });
    expect(JSON.stringify(again)).toBe(JSON.stringify(org));
    const other = generateDemoOrganisation({ referenceDate, seed: 'another' });
    expect(other.people.map(p => p.displayName)).not.toEqual(org.people.map(p => p.displayName));
    // personas keep their UPNs and ids whatever the seed
    for (const p of PERSONAS) {
      expect(other.people.find(x => x.userPrincipalName === p.upn)!.id).toBe(byUpn(p.upn).id);
    }
  });

  it('depends on the reference date only through dates', () => {
    const later = generateDemoOrganisation({ referenceDate: new Date('2027-01-01T12:00:00Z') });
    expect(later.people.map(p => p.displayName)).toEqual(org.people.map(p => p.displayName));
    expect(later.people[5].extra.employeeHireDate).not.toBe(org.people[5].extra.employeeHireDate);
    expect(org.people.every(p => !p.extra.employeeHireDate || p.extra.employeeHireDate < '2026-11-03')).toBe(true);
  });

  it('has 320 people by default, spread over the departments by their share', () => {
    expect(org.people).toHaveLength(320);
    const counts: Record<string, number> = {};
    for (const p of org.people) if (p.department) counts[p.department] = (counts[p.department] || 0) + 1;
    expect(Object.keys(counts).sort()).toEqual([...DEPARTMENTS.map(d => d.en), 'Executive Office'].sort());
    expect(counts['Customer Service']).toBe(69);
    expect(counts.Stores).toBe(63);
    expect(counts['Delivery & Logistics']).toBe(47);
    expect(counts.Communications).toBeGreaterThanOrEqual(10);
    for (const d of DEPARTMENTS) expect(counts[d.en]).toBeGreaterThanOrEqual(10);
    expect(generateDemoOrganisation({ referenceDate, people: 500 }).people).toHaveLength(500);
  });

  it('has a real org chart: every member\'s manager chain reaches the CEO, directors report to the CEO', () => {
    const ceo = byId.get(org.ceoId)!;
    expect(ceo.managerId).toBeNull();
    expect(ceo.userPrincipalName).toBe(personaByRole('executive').upn);
    for (const p of org.people.filter(x => x.userType === 'Member')) {
      let cur = p;
      const seen = new Set<string>();
      while (cur.managerId) {
        expect(seen.has(cur.id)).toBe(false);
        seen.add(cur.id);
        cur = byId.get(cur.managerId)!;
        expect(cur).toBeDefined();
      }
      expect(cur.id).toBe(ceo.id);
    }
    const directors = org.people.filter(p => p.level === 'director');
    expect(directors).toHaveLength(DEPARTMENTS.length);
    expect(directors.every(d => d.managerId === ceo.id)).toBe(true);
    for (const m of org.people.filter(p => p.level === 'manager')) {
      const boss = byId.get(m.managerId!)!;
      expect(boss.level).toBe('director');
      expect(boss.department).toBe(m.department);
      const team = org.people.filter(p => p.managerId === m.id);
      expect(team.length).toBeGreaterThanOrEqual(3);
      expect(team.every(x => x.department === m.department && x.city === m.city)).toBe(true);
    }
  });

  it('places the personas where the journeys need them', () => {
    const agent = byUpn(personaByRole('frontline-agent').upn);
    const manager = byUpn(personaByRole('manager').upn);
    const director = byUpn(personaByRole('director').upn);
    expect(agent.managerId).toBe(manager.id);
    expect(manager.managerId).toBe(director.id);
    expect(director.managerId).toBe(org.ceoId);
    expect(agent.extra.customerFacing).toBe(true);
    expect(agent.jobTitle).toBe('Agente du service à la clientèle');
    expect(byUpn(personaByRole('communications-officer').upn).department).toBe('Communications');
    expect(byUpn(personaByRole('tenant-admin').upn).department).toBe('IT');
    expect(byUpn(personaByRole('guest').upn).userType).toBe('Guest');
    for (const p of PERSONAS) expect(p.upn.endsWith('@northwind-retail.example')).toBe(true);
    const roles = PERSONAS.map(p => p.role);
    expect(roles).toEqual(expect.arrayContaining(['frontline-agent', 'manager', 'communications-officer', 'tenant-admin', 'employee', 'community-manager']));
    for (const p of PERSONAS) {
      expect(p.description.en.length).toBeGreaterThan(10);
      expect(p.description.fr.length).toBeGreaterThan(10);
    }
  });

  it('has bilingual people: titles in their language, accents, phones in their country\'s format', () => {
    const fr = org.people.filter(p => p.preferredLanguage.startsWith('fr') && p.userType === 'Member');
    const en = org.people.filter(p => p.preferredLanguage.startsWith('en') && p.userType === 'Member');
    expect(fr.length).toBeGreaterThan(150);
    expect(en.length).toBeGreaterThan(30);
    expect(fr.filter(p => /Agente?|Conseill|Chef|Directr|Analyste|Technicien|Livr|Caissi|Magasin/.test(p.jobTitle)).length).toBeGreaterThan(50);
    expect(en.some(p => p.jobTitle === 'Customer service agent')).toBe(true);
    expect(org.people.filter(p => /[éèêëàâçîïôûü]/i.test(p.displayName)).length).toBeGreaterThan(40);
    expect(new Set(org.people.map(p => p.city))).toEqual(new Set(['Québec', 'Montréal', 'Montmagny', 'Lévis', 'Paris', 'Lausanne']));
    for (const p of org.people.filter(x => x.country === 'Canada' && x.userType === 'Member')) {
      expect(p.businessPhones[0]).toMatch(/^\+1 \d{3} 555 01\d{2}$/);
    }
    for (const p of org.people.filter(x => x.country === 'France' && x.userType === 'Member')) {
      expect(p.businessPhones[0]).toMatch(/^\+33 1 99 00 \d{2} \d{2}$/);
    }
    const phones = org.people.flatMap(p => [...p.businessPhones, ...(p.mobilePhone ? [p.mobilePhone] : [])]);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('has unique UPNs on the fictional domain, guests, disabled accounts, customer-facing roles, skills from the taxonomy and photos', () => {
    const upns = org.people.map(p => p.userPrincipalName.toLowerCase());
    expect(new Set(upns).size).toBe(upns.length);
    expect(upns.every(u => u.endsWith(`@${DEMO_DOMAIN}`))).toBe(true);
    expect(upns.every(u => /^[a-z0-9._#-]+@/.test(u))).toBe(true);
    const guests = org.people.filter(p => p.userType === 'Guest');
    expect(guests.length).toBeGreaterThanOrEqual(3);
    expect(guests.every(g => g.userPrincipalName.includes('#EXT#') && g.managerId === null)).toBe(true);
    expect(org.people.filter(p => !p.accountEnabled).length).toBeGreaterThanOrEqual(3);
    const cf = org.people.filter(p => p.extra.customerFacing);
    expect(cf.length).toBeGreaterThan(80);
    expect(cf.every(p => ['Customer Service', 'Stores', 'Delivery & Logistics', 'Billing', 'E-commerce'].includes(p.department!))).toBe(true);
    const ids = new Set(SKILLS.map(s => s.id));
    expect(org.people.every(p => p.extra.skills.length >= 2 && p.extra.skills.every(s => ids.has(s)))).toBe(true);
    for (const skill of ['ctpat', 'poka-yoke', 'crm', 'billing', 'sharepoint']) {
      expect(org.people.some(p => p.extra.skills.includes(skill))).toBe(true);
    }
    const withPhoto = org.people.filter(p => p.extra.hasPhoto).length;
    expect(withPhoto / org.people.length).toBeGreaterThan(0.7);
    expect(withPhoto).toBeLessThan(org.people.length);
  });

  it('builds groups consistent with the chart', () => {
    const group = (nick: string) => org.groups.find(g => g.mailNickname === nick)!;
    const management = new Set(group('management').members);
    for (const p of org.people.filter(x => ['ceo', 'director', 'manager'].includes(x.level) && x.accountEnabled)) {
      expect(management.has(p.id)).toBe(true);
    }
    expect(org.people.filter(p => p.level === 'staff').some(p => management.has(p.id))).toBe(false);
    expect(group('tenant-admins').members).toContain(byUpn(personaByRole('tenant-admin').upn).id);
    expect(group('community-managers').members).toContain(byUpn(personaByRole('community-manager').upn).id);
    expect(group('communications-team').members).toContain(byUpn(personaByRole('communications-officer').upn).id);
    for (const d of DEPARTMENTS) {
      const g = group(`dept-${d.key}`);
      expect(g.members.length).toBe(org.people.filter(p => p.department === d.en).length);
    }
  });
});

describe('the skills taxonomy', () => {
  it('has English, French and synonyms, with stable unique ids', () => {
    expect(new Set(SKILLS.map(s => s.id)).size).toBe(SKILLS.length);
    const crm = SKILLS.find(s => s.id === 'crm')!;
    expect(crm).toMatchObject({ en: 'Customer relationship management', fr: 'Gestion de la relation client' });
    expect(crm.synonyms).toContain('CRM');
    for (const label of ['Logistique', 'Facturation', 'SharePoint', 'Lean', 'Poka-yoke', 'Conformité C-TPAT', 'Accueil client']) {
      expect(SKILLS.some(s => s.fr === label)).toBe(true);
    }
  });
});

describe('seedDemo and seedScale', () => {
  it('seeds a tenant database quickly, with site security through the SharePoint admin API', () => {
    const tenant = createLocalTenant({ dbFile: ':memory:' });
    try {
      const started = Date.now();
      const summary = seedDemo(tenant.db, { referenceDate });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(summary.people).toBe(320);
      expect(summary.siteSecurity).toBe(true);
      const count = (tenant.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
      expect(count).toBe(320);
      const members = tenant.db.prepare(`SELECT g.title AS site, p.loginName AS login FROM sp_group_members m
        JOIN sp_principals g ON g.id = m.groupId JOIN sp_principals p ON p.id = m.memberId`).all() as { site: string; login: string }[];
      expect(members).toEqual(expect.arrayContaining([
        { site: 'Intranet Owners', login: `c:0t.c|tenant|${summary.groups['tenant-admins']}` },
        { site: 'Intranet Members', login: expect.stringMatching(/^c:0-\.f\|rolemanager\|spo-grid-all-users\//) },
        { site: 'Intranet Visitors', login: expect.stringMatching(/^c:0-\.f\|rolemanager\|spo-grid-all-users\//) }
      ]));
      expect(() => seedDemo(tenant.db, { referenceDate })).toThrow(/already/);
    } finally {
      tenant.close();
    }
  });

  it('seeds a directory-only database without SharePoint security', () => {
    const db = openDatabase(':memory:');
    try {
      expect(seedDemo(db, { referenceDate, people: 60 }).siteSecurity).toBe(false);
    } finally {
      db.close();
    }
  });

  it('inserts 100,000 synthetic people in a few seconds, under the demo CEO', () => {
    const db = openDatabase(':memory:');
    try {
      const summary = seedDemo(db, { referenceDate });
      const res = seedScale(db, { people: 100000 });
      expect(res.ms).toBeLessThan(8000);
      expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(100320);
      const root = db.prepare("SELECT managerId FROM users WHERE userPrincipalName = 'scale.0@northwind-retail.example'").get() as { managerId: string };
      expect(root.managerId).toBe(summary.ceoId);
      const orphans = db.prepare('SELECT COUNT(*) AS n FROM users u WHERE u.managerId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users m WHERE m.id = u.managerId)').get() as { n: number };
      expect(orphans.n).toBe(0);
    } finally {
      db.close();
    }
  });
});
