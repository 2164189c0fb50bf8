/**
 * Expertise records and endorsements against the local tenant (seeded demo organisation):
 * provisioning of the two lists, the demo seed, a person editing their own record, the server
 * refusing anyone else's write, endorsement rules (one per endorser, person and skill; never
 * oneself; withdrawn by the endorser only).
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import { startSeededTenant, PERSONAS_UPN, SeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor, spErrorOf } from '../support/sp-client';
import { setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { generateDemoOrganisation } from '../../workbench/tenant/seed';
import { provisionSuite, ProvisionRoles } from '../../services/provisioning/provision';
import {
  ENDORSEMENTS_LIST_TITLE, ENDORSEMENT_FIELDS, EXPERTISE_FIELDS, EXPERTISE_LISTS, EXPERTISE_PROFILES_LIST_TITLE
} from '../../services/provisioning/expertiseLists';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { ExpertiseError, ExpertiseService } from '../../services/expertise/records';
import { seedDemoExpertise, SeedExpertiseReport } from '../../services/expertise/demoSeed';
import { defaultPolicy } from '../../core/policy';
import { endorsementKey } from '../../core/expertise/record';
import { odataString } from '../../core/odata';

let t: SeededTenant;
let admin: SPFI;
let roles: ProvisionRoles;
let seeded: SeedExpertiseReport;
/** The suite's lists with the expertise lists (whether SUITE_LISTS holds them yet or not). */
const SUITE_WITH_EXPERTISE = [...SUITE_LISTS.filter(l => !EXPERTISE_LISTS.some(e => e.title === l.title)), ...EXPERTISE_LISTS];
const people = generateDemoOrganisation({ referenceDate: TEST_REFERENCE_DATE }).people;
const taxonomy = defaultPolicy().skills;
const taxonomyIds = new Set(taxonomy.map(s => s.id));
const serviceFor = (upn: string): ExpertiseService => new ExpertiseService({ sp: spFor(t.siteUrl, upn) }, { me: upn, taxonomyIds });
const writesSince = (from: number): string[] => t.requests.slice(from)
  .filter(r => r.method !== 'GET' && !/\/(\$batch|contextinfo)$/.test(r.url.split('?')[0]))
  .map(r => `${r.method} ${r.url}`);

beforeAll(async () => {
  t = await startSeededTenant();
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  roles = {
    tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`],
    management: [`c:0t.c|tenant|${t.seed.groups.management}`],
    communications: [`c:0t.c|tenant|${t.seed.groups['communications-team']}`],
    communityManagers: [`c:0t.c|tenant|${t.seed.groups['community-managers']}`]
  };
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, { roles, lists: SUITE_WITH_EXPERTISE, initialPolicyJson: JSON.stringify(defaultPolicy()) });
  seeded = await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
}, 60000);
afterAll(() => t.close());

describe('provisioning', () => {
  it('creates both lists with their rules', async () => {
    const profiles = await admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).select('EnableVersioning', 'ReadSecurity', 'WriteSecurity', 'HasUniqueRoleAssignments')();
    expect(profiles).toMatchObject({ EnableVersioning: true, ReadSecurity: 1, WriteSecurity: 2, HasUniqueRoleAssignments: true });
    const endorsements = await admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).select('ReadSecurity', 'WriteSecurity')();
    expect(endorsements).toMatchObject({ ReadSecurity: 1, WriteSecurity: 2 });
    const fields = await admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).fields.select('InternalName', 'Indexed', 'EnforceUniqueValues')<{ InternalName: string; Indexed: boolean; EnforceUniqueValues: boolean }[]>();
    const byName = new Map(fields.map(f => [f.InternalName, f]));
    expect(byName.get(ENDORSEMENT_FIELDS.key)).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
    expect(byName.get(ENDORSEMENT_FIELDS.personUpn)).toMatchObject({ Indexed: true, EnforceUniqueValues: false });
    const person = await admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).fields.getByInternalNameOrTitle(EXPERTISE_FIELDS.personUpn)();
    expect(person).toMatchObject({ Indexed: true, EnforceUniqueValues: true });
  });

  it('a second run changes nothing', async () => {
    const from = t.requests.length;
    const again = await provisionSuite(admin, { roles, lists: SUITE_WITH_EXPERTISE });
    expect(again.changes).toEqual([]);
    expect(writesSince(from)).toEqual([]);
  });
});

describe('the demo seed', () => {
  it('writes a record per enabled member and endorsements, each by its own author', async () => {
    const members = people.filter(p => p.userType === 'Member' && p.accountEnabled);
    expect(seeded.failed).toBe(0);
    expect(seeded.records).toBe(members.length);
    expect(seeded.endorsements).toBeGreaterThan(members.length);
    const emilie = await serviceFor(PERSONAS_UPN.employee).getRecord(PERSONAS_UPN.agent);
    expect(emilie?.record.skills.map(s => s.skillId)).toEqual(['crm', 'complaint-handling', 'customer-welcome', 'de-escalation']);
    const onCrm = (await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.agent)).filter(e => e.skillKey === 'crm');
    expect(onCrm.length).toBeGreaterThanOrEqual(3);
  });

  it('is idempotent: a second run writes nothing', async () => {
    const from = t.requests.length;
    const again = await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
    expect(again).toEqual({ records: 0, endorsements: 0, failed: 0 });
    expect(t.requests.slice(from).filter(r => r.method !== 'GET')).toEqual([]);
  });
});

describe('a person edits their own record', () => {
  it('saves a validated, cleaned record against its etag; a stale etag is a conflict', async () => {
    const me = serviceFor(PERSONAS_UPN.agent);
    const before = await me.getRecord(PERSONAS_UPN.agent);
    expect(before).not.toBeNull();
    const saved = await me.saveOwnRecord({
      ...before!.record,
      skills: [...before!.record.skills, { label: '  Gestion   des litiges ', proficiency: 2 }, { label: 'gestion des litiges', proficiency: 3 }],
      askMeAbout: ['Retours en magasin', ' ', 'retours en magasin'],
      languages: ['fr', 'en', 'es']
    }, before!.etag);
    expect(saved.record.skills.filter(s => !s.skillId)).toEqual([{ label: 'Gestion des litiges', proficiency: 3 }]);
    expect(saved.record.askMeAbout).toEqual(['Retours en magasin']);
    expect(saved.record.languages).toEqual(['fr', 'en', 'es']);
    expect(saved.etag).not.toBe(before!.etag);
    await expect(me.saveOwnRecord(before!.record, before!.etag)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses an invalid record before any request', async () => {
    const me = serviceFor(PERSONAS_UPN.agent);
    const from = t.requests.length;
    const err = await me.saveOwnRecord({ personUpn: PERSONAS_UPN.agent, skills: [{ skillId: 'crm', label: 'CRM', proficiency: 7 as 4 }], askMeAbout: [], interests: [], languages: ['not a language'], customerFacing: true }, null)
      .catch((e: ExpertiseError) => e);
    expect(err).toMatchObject({ code: 'invalid' });
    expect((err as ExpertiseError).fields.map(f => f.path)).toEqual(['skills.0.proficiency', 'languages.0']);
    expect(t.requests.length).toBe(from);
  });

  it('another person cannot write it: the server answers 403 to a direct REST write', async () => {
    const agentItem = (await admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items
      .select('Id', EXPERTISE_FIELDS.askMeAbout).filter(`${EXPERTISE_FIELDS.personUpn} eq ${odataString(PERSONAS_UPN.agent)}`)())[0];
    const manager = spFor(t.siteUrl, PERSONAS_UPN.manager);
    const err = await spErrorOf(manager.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.getById(agentItem.Id).update({ [EXPERTISE_FIELDS.askMeAbout]: 'written by someone else' }));
    expect(err.status).toBe(403);
    expect((await spErrorOf(manager.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.getById(agentItem.Id).delete())).status).toBe(403);
    const after = (await admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.select('Id', EXPERTISE_FIELDS.askMeAbout).filter(`Id eq ${agentItem.Id}`)())[0];
    expect(after[EXPERTISE_FIELDS.askMeAbout]).toBe(agentItem[EXPERTISE_FIELDS.askMeAbout]);
    // The service refuses too, before asking.
    await expect(serviceFor(PERSONAS_UPN.manager).saveOwnRecord({ ...(await serviceFor(PERSONAS_UPN.manager).getRecord(PERSONAS_UPN.agent))!.record }, null))
      .rejects.toMatchObject({ code: 'notYourRecord' });
  });

  it('escapes quotes in the names it filters on', async () => {
    const me = serviceFor(PERSONAS_UPN.employee);
    expect(await me.getRecord("o'neill@northwind-retail.example")).toBeNull();
    expect(await me.endorsementsOf("o'neill@northwind-retail.example")).toEqual([]);
  });

  it('an item created under someone else\'s name is not their record', async () => {
    // Guests have no record; Olivia creates one under the guest's name: unique, but not trusted.
    const olivia = spFor(t.siteUrl, PERSONAS_UPN.employee);
    const guestUpn = PERSONAS_UPN.guest.toLowerCase();
    await olivia.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.add({ [EXPERTISE_FIELDS.personUpn]: guestUpn, [EXPERTISE_FIELDS.skills]: '[]' });
    expect(await serviceFor(PERSONAS_UPN.employee).getRecord(guestUpn)).toBeNull();
  });
});

describe('endorsements', () => {
  const skill = 'de-escalation';

  it('endorsing twice (even at once) gives one endorsement', async () => {
    const olivia = serviceFor(PERSONAS_UPN.employee);
    const results = await Promise.all([olivia.endorse(PERSONAS_UPN.agent, skill), olivia.endorse(PERSONAS_UPN.agent, skill)]);
    expect(results.sort()).toEqual(['alreadyEndorsed', 'endorsed']);
    expect(await olivia.endorse(PERSONAS_UPN.agent, skill)).toBe('alreadyEndorsed');
    const mine = (await olivia.endorsementsOf(PERSONAS_UPN.agent)).filter(e => e.endorserUpn === PERSONAS_UPN.employee && e.skillKey === skill);
    expect(mine).toHaveLength(1);
    const items = await admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.select('Id')
      .filter(`${ENDORSEMENT_FIELDS.key} eq ${odataString(endorsementKey(PERSONAS_UPN.employee, PERSONAS_UPN.agent, skill))}`)();
    expect(items).toHaveLength(1);
  });

  it('a free skill is endorsed under its normalized label', async () => {
    const olivia = serviceFor(PERSONAS_UPN.employee);
    expect(await olivia.endorse(PERSONAS_UPN.agent, '  Gestion des LITIGES ')).toBe('endorsed');
    expect(await olivia.endorse(PERSONAS_UPN.agent, 'gestion des litiges')).toBe('alreadyEndorsed');
    expect((await olivia.endorsementsOf(PERSONAS_UPN.agent)).filter(e => e.skillKey === 'gestion des litiges')).toHaveLength(1);
  });

  it('refuses self-endorsement before any request', async () => {
    const from = t.requests.length;
    await expect(serviceFor(PERSONAS_UPN.agent).endorse(PERSONAS_UPN.agent.toUpperCase(), 'crm')).rejects.toMatchObject({ code: 'selfEndorsement' });
    expect(t.requests.length).toBe(from);
  });

  it('only the endorser withdraws: someone else\'s delete is refused by the server', async () => {
    const key = endorsementKey(PERSONAS_UPN.employee, PERSONAS_UPN.agent, skill);
    const [item] = await admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.select('Id').filter(`${ENDORSEMENT_FIELDS.key} eq ${odataString(key)}`)();
    const manager = spFor(t.siteUrl, PERSONAS_UPN.manager);
    expect((await spErrorOf(manager.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.getById(item.Id).delete())).status).toBe(403);
    // The agent cannot remove an endorsement of herself either.
    expect((await spErrorOf(spFor(t.siteUrl, PERSONAS_UPN.agent).web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.getById(item.Id).delete())).status).toBe(403);
    // Withdrawing through the service as someone who never endorsed touches nothing.
    expect(await serviceFor(PERSONAS_UPN.manager).withdraw(PERSONAS_UPN.agent, 'poka-yoke')).toBe('notEndorsed');
    const olivia = serviceFor(PERSONAS_UPN.employee);
    expect(await olivia.withdraw(PERSONAS_UPN.agent, skill)).toBe('withdrawn');
    expect(await olivia.withdraw(PERSONAS_UPN.agent, skill)).toBe('notEndorsed');
    expect((await olivia.endorsementsOf(PERSONAS_UPN.agent)).filter(e => e.endorserUpn === PERSONAS_UPN.employee && e.skillKey === skill)).toHaveLength(0);
  });

  it('an endorsement written in someone else\'s name is not counted', async () => {
    const forger = spFor(t.siteUrl, PERSONAS_UPN.manager);
    await forger.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.add({
      Title: 'six-sigma',
      [ENDORSEMENT_FIELDS.key]: endorsementKey(PERSONAS_UPN.ceo, PERSONAS_UPN.director, 'six-sigma'),
      [ENDORSEMENT_FIELDS.personUpn]: PERSONAS_UPN.director,
      [ENDORSEMENT_FIELDS.skillKey]: 'six-sigma',
      [ENDORSEMENT_FIELDS.endorserUpn]: PERSONAS_UPN.ceo
    });
    const all = await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.director);
    expect(all.filter(e => e.endorserUpn === PERSONAS_UPN.ceo && e.skillKey === 'six-sigma')).toEqual([]);
    // The real endorser's own endorsement steps around the forged key (tests/integration/expertise-forgery.test.ts).
    expect(await serviceFor(PERSONAS_UPN.ceo).endorse(PERSONAS_UPN.director, 'six-sigma')).toBe('endorsed');
  });

  it('reads a person\'s endorsements page by page', async () => {
    const from = t.requests.length;
    const all = await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.agent);
    expect(all.length).toBeGreaterThan(0);
    const reads = t.requests.slice(from).filter(r => r.url.includes(`/lists/getByTitle('${ENDORSEMENTS_LIST_TITLE}')/items`));
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) {
      const q = new URL(r.url, t.origin).searchParams;
      expect(q.get('$filter')).toBe(`${ENDORSEMENT_FIELDS.personUpn} eq '${PERSONAS_UPN.agent}'`);
      expect(q.get('$top')).toBe('500');
    }
  });
});

describe('record and key rules (pure)', () => {
  it('bounds endorsement keys to a text column, still one key per endorser, person and skill', () => {
    const long = `${'a'.repeat(120)}@northwind-retail.example`;
    const k1 = endorsementKey(long, long.replace('a', 'b'), 'gestion de la relation client avec les grands comptes');
    const k2 = endorsementKey(long, long.replace('a', 'b'), 'gestion de la relation client avec les petits comptes');
    expect(k1.length).toBeLessThanOrEqual(255);
    expect(k2.length).toBeLessThanOrEqual(255);
    expect(k1).not.toBe(k2);
    expect(endorsementKey(' Olivia.Smith@X.example ', 'EMILIE@x.example', 'crm')).toBe('olivia.smith@x.example|emilie@x.example|crm');
  });

  it('refuses unknown taxonomy ids and too many skills', async () => {
    const me = serviceFor(PERSONAS_UPN.agent);
    const base = { personUpn: PERSONAS_UPN.agent, askMeAbout: [], interests: [], languages: [], customerFacing: false };
    await expect(me.saveOwnRecord({ ...base, skills: [{ skillId: 'no-such-skill', label: 'x', proficiency: 2 }] }, null))
      .rejects.toMatchObject({ code: 'invalid', fields: [{ path: 'skills.0.skillId', code: 'unknownSkill' }] });
    const many = Array.from({ length: 51 }, (_, i) => ({ label: `Skill ${i}`, proficiency: 1 as const }));
    await expect(me.saveOwnRecord({ ...base, skills: many }, null)).rejects.toMatchObject({ code: 'invalid', fields: [{ path: 'skills', code: 'tooMany' }] });
  });
});
