/**
 * Seeding the local tenant:
 *   seedDemo(db, { referenceDate, people?, seed? })  the demo organisation (deterministic)
 *   seedScale(db, { people })                         many synthetic people, for benchmarks
 */
import type { Database } from 'better-sqlite3';
import { generateDemoOrganisation, SeedDemoOptions, DemoOrganisation, GROUP_NICKNAMES, demoGroupId } from './demo';
import { applySiteSecurity } from './security';
import { DEMO_DOMAIN, DEMO_COMPANY } from './personas';
import { DEPARTMENTS } from './org';
import { stableGuid } from './prng';
import { QUEBEC_GIVEN, QUEBEC_SURNAMES, ENGLISH_GIVEN, ENGLISH_SURNAMES, DIVERSE_GIVEN, DIVERSE_SURNAMES } from './names';

export * from './personas';
export { SKILLS, skillById, skillLabel } from './skills';
export type { Skill } from './skills';
export { DEPARTMENTS, SITES, EXECUTIVE_OFFICE } from './org';
export { generateDemoOrganisation, demoGroupId, demoUserId, GROUP_NICKNAMES } from './demo';
export type { SeedDemoOptions, SeedPerson, DemoOrganisation, DemoGroup } from './demo';
export { applySiteSecurity, SITE_GROUPS } from './security';

export interface SeedSummary {
  people: number;
  members: number;
  guests: number;
  disabled: number;
  /** People per department (Graph's `department` value). */
  departments: Record<string, number>;
  ceoId: string;
  /** Group ids by mailNickname. */
  groups: Record<string, string>;
  /** Whether the SharePoint site groups were set up (false without the SharePoint schema). */
  siteSecurity: boolean;
}

const INSERT_USER = `INSERT INTO users (id, userPrincipalName, displayName, givenName, surname, mail, jobTitle, department,
  officeLocation, city, country, preferredLanguage, mobilePhone, businessPhones, employeeId, managerId, accountEnabled, userType, extra)
  VALUES (@id, @userPrincipalName, @displayName, @givenName, @surname, @mail, @jobTitle, @department, @officeLocation, @city,
  @country, @preferredLanguage, @mobilePhone, @businessPhones, @employeeId, @managerId, @accountEnabled, @userType, @extra)`;

function insertOrganisation(db: Database, org: DemoOrganisation): void {
  const user = db.prepare(INSERT_USER);
  const group = db.prepare('INSERT INTO groups (id, displayName, mailNickname, description) VALUES (?, ?, ?, ?)');
  const member = db.prepare('INSERT INTO group_members (groupId, userId) VALUES (?, ?)');
  for (const p of org.people) {
    const extra = { ...p.extra };
    user.run({
      id: p.id, userPrincipalName: p.userPrincipalName, displayName: p.displayName, givenName: p.givenName,
      surname: p.surname, mail: p.mail, jobTitle: p.jobTitle, department: p.department, officeLocation: p.officeLocation,
      city: p.city, country: p.country, preferredLanguage: p.preferredLanguage, mobilePhone: p.mobilePhone,
      businessPhones: JSON.stringify(p.businessPhones), employeeId: p.employeeId, managerId: p.managerId,
      accountEnabled: p.accountEnabled ? 1 : 0, userType: p.userType, extra: JSON.stringify(extra)
    });
  }
  for (const g of org.groups) {
    group.run(g.id, g.displayName, g.mailNickname, g.description);
    for (const m of g.members) member.run(g.id, m);
  }
}

/** Seeds the demo organisation into an empty directory (throws if it already holds people). */
export function seedDemo(db: Database, options: SeedDemoOptions): SeedSummary {
  const existing = (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  if (existing > 0) throw new Error(`seedDemo: the directory already holds ${existing} people; seed a fresh database (npm run reset).`);
  const org = generateDemoOrganisation(options);
  let siteSecurity = false;
  db.transaction(() => {
    insertOrganisation(db, org);
    siteSecurity = applySiteSecurity(db, demoGroupId(GROUP_NICKNAMES.tenantAdmins));
  })();
  const departments: Record<string, number> = {};
  for (const p of org.people) if (p.department) departments[p.department] = (departments[p.department] || 0) + 1;
  return {
    people: org.people.length,
    members: org.people.filter(p => p.userType === 'Member').length,
    guests: org.people.filter(p => p.userType === 'Guest').length,
    disabled: org.people.filter(p => !p.accountEnabled).length,
    departments,
    ceoId: org.ceoId,
    groups: Object.fromEntries(org.groups.map(g => [g.mailNickname, g.id])),
    siteSecurity
  };
}

export interface SeedScaleOptions {
  people: number;
  /** Prefix of the synthetic UPNs (scale.<n>@...). */
  prefix?: string;
}

/**
 * Inserts `people` synthetic people in one transaction with one prepared statement: a tree of
 * managers with eight reports each, under the demo CEO when the demo is seeded. For benchmarks.
 */
export function seedScale(db: Database, options: SeedScaleOptions): { people: number; ms: number } {
  const n = options.people;
  if (!Number.isInteger(n) || n < 1) throw new Error(`seedScale: people must be a positive integer, not ${String(n)}`);
  const prefix = options.prefix || 'scale';
  const started = process.hrtime.bigint();
  const ceo = db.prepare("SELECT id FROM users WHERE json_extract(extra, '$.persona') = 'executive'").get() as { id: string } | undefined;
  const given = [...QUEBEC_GIVEN, ...ENGLISH_GIVEN, ...DIVERSE_GIVEN];
  const surnames = [...QUEBEC_SURNAMES, ...ENGLISH_SURNAMES, ...DIVERSE_SURNAMES];
  const insert = db.prepare(INSERT_USER);
  const ids: string[] = new Array(n);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const upn = `${prefix}.${i}@${DEMO_DOMAIN}`;
      const id = stableGuid(`user:${upn}`);
      ids[i] = id;
      const g = given[i % given.length];
      const s = surnames[Math.floor(i / given.length) % surnames.length];
      const dept = DEPARTMENTS[i % DEPARTMENTS.length];
      const fr = i % 3 !== 0;
      insert.run({
        id, userPrincipalName: upn, displayName: `${g.name} ${s} ${i}`, givenName: g.name, surname: s, mail: upn,
        jobTitle: fr ? dept.staff[0].title[g.g === 'f' ? 2 : 1] : dept.staff[0].title[0], department: dept.en,
        officeLocation: null, city: fr ? 'Québec' : 'Montréal', country: 'Canada', preferredLanguage: fr ? 'fr-CA' : 'en-CA',
        mobilePhone: null, businessPhones: '[]', employeeId: `SC${i}`,
        managerId: i === 0 ? (ceo ? ceo.id : null) : ids[Math.floor((i - 1) / 8)],
        accountEnabled: 1, userType: 'Member',
        extra: JSON.stringify({ companyName: DEMO_COMPANY, skills: [dept.skills[i % dept.skills.length]], synthetic: true })
      });
    }
  })();
  return { people: n, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
