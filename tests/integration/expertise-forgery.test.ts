/**
 * Expertise records and endorsements attacked through plain REST, as a colleague with Contribute
 * would (PnPjs as that persona, skipping the service): a squat on a colleague's PersonUpn, an
 * endorsement forged in a colleague's name, a 5,000-skill record. The real person's save and the
 * real endorser's endorsement succeed at once, every reader shows only what the named person wrote,
 * the trusted job's sweep removes the squats and forgeries, and an over-limit record gains nothing
 * in the ranking.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, graphFor, PERSONAS_UPN, SeededTenant, TEST_REFERENCE_DATE } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { setSiteAdmin, bulkInsertItems } from '../../workbench/tenant/sp/admin';
import { generateDemoOrganisation } from '../../workbench/tenant/seed';
import { provisionSuite } from '../../services/provisioning/provision';
import {
  ENDORSEMENTS_LIST_TITLE, ENDORSEMENT_FIELDS, EXPERTISE_FIELDS, EXPERTISE_LISTS, EXPERTISE_PROFILES_LIST_TITLE
} from '../../services/provisioning/expertiseLists';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { ExpertiseService, profileKeyFilter } from '../../services/expertise/records';
import { seedDemoExpertise } from '../../services/expertise/demoSeed';
import { LocalExpertiseProvider } from '../../services/expertise/localProvider';
import { SharePointSearchExpertiseProvider } from '../../services/expertise/searchProvider';
import { sweepExpertiseForgeries } from '../../services/expertise/sweep';
import { defaultPolicy } from '../../core/policy';
import { odataString } from '../../core/odata';
import { endorsementKey, ExpertiseRecord, STORED_LIMITS } from '../../core/expertise/record';
import type { SearchQuery, SearchResult } from '../../core/expertise/types';

let t: SeededTenant;
let admin: SPFI;
const people = generateDemoOrganisation({ referenceDate: TEST_REFERENCE_DATE }).people;
const taxonomy = defaultPolicy().skills;
const taxonomyIds = new Set(taxonomy.map(s => s.id));
const members = people.filter(p => p.userType === 'Member' && p.accountEnabled && !p.extra.persona).map(p => p.userPrincipalName.toLowerCase());
/** Colleagues with no role in the other tests of this file. */
const [victim, victim2, attacker, plain] = [members[10], members[11], members[12], members[13]];
const serviceFor = (upn: string): ExpertiseService => new ExpertiseService({ sp: spFor(t.siteUrl, upn) }, { me: upn, taxonomyIds });
const profilesAs = (upn: string) => spFor(t.siteUrl, upn).web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE);
const endorsementsAs = (upn: string) => spFor(t.siteUrl, upn).web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE);
const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, filters: {}, page: 1, pageSize: 100, locale: 'fr-CA', ...extra });
const localProvider = (): LocalExpertiseProvider =>
  new LocalExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee), graph: graphFor(t.graphBaseUrl, PERSONAS_UPN.employee) }, { taxonomy });
const searchProvider = (): SharePointSearchExpertiseProvider =>
  new SharePointSearchExpertiseProvider({ sp: spFor(t.siteUrl, PERSONAS_UPN.employee) }, { taxonomy });
const hitOf = (r: SearchResult, upn: string) => r.results.find(h => h.profile.upn === upn);

/** Every item under a person's name (normal and fallback keys), as the admin sees them, with authors. */
async function itemsNaming(upn: string): Promise<Array<{ Id: number; author: string; key: string }>> {
  const items = await admin.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items
    .select('Id', 'Author/Name', EXPERTISE_FIELDS.personUpn).expand('Author').filter(profileKeyFilter(upn))() as Array<{ Id: number; Author: { Name: string }; PersonUpn: string }>;
  return items.map(i => ({ Id: i.Id, author: i.Author.Name.split('|').pop()!.toLowerCase(), key: i.PersonUpn }));
}

/** Removes the person's own seeded record (as themselves), so they start without one. */
async function withoutRecord(upn: string): Promise<void> {
  for (const item of await itemsNaming(upn)) await profilesAs(upn).items.getById(item.Id).delete();
}

const squat = (squatter: string, upn: string, label: string) => profilesAs(squatter).items.add({
  Title: upn, [EXPERTISE_FIELDS.personUpn]: upn, [EXPERTISE_FIELDS.skills]: JSON.stringify([{ label, proficiency: 4 }]),
  [EXPERTISE_FIELDS.askMeAbout]: label, [EXPERTISE_FIELDS.languages]: 'de'
});

const recordOf = (upn: string, skills: ExpertiseRecord['skills']): ExpertiseRecord => ({ personUpn: upn, skills, askMeAbout: ['Brassage artisanal'], interests: [], languages: ['fr'], customerFacing: false });

beforeAll(async () => {
  t = await startSeededTenant();
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
  await provisionSuite(admin, {
    roles: { tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`] },
    lists: [...SUITE_LISTS.filter(l => !EXPERTISE_LISTS.some(e => e.title === l.title)), ...EXPERTISE_LISTS],
    initialPolicyJson: JSON.stringify(defaultPolicy())
  });
  await seedDemoExpertise({ people, spAs: upn => spFor(t.siteUrl, upn), taxonomy });
}, 90000);
afterAll(() => t && t.close());

describe('a squat on a colleague\'s PersonUpn', () => {
  beforeAll(async () => {
    await withoutRecord(victim);
    await squat(PERSONAS_UPN.employee, victim, 'Squattologie');
  });

  it('does not block the colleague: their save succeeds at once, and later saves update the same item', async () => {
    const me = serviceFor(victim);
    expect(await me.getRecord(victim)).toBeNull();
    const saved = await me.saveOwnRecord(recordOf(victim, [{ label: 'Zythologie', proficiency: 3 }]), null);
    expect(saved.record.skills).toEqual([{ label: 'Zythologie', proficiency: 3 }]);
    const again = await me.saveOwnRecord({ ...saved.record, skills: [{ label: 'Zythologie', proficiency: 4 }] }, saved.etag);
    expect(again.itemId).toBe(saved.itemId);
    expect(again.record.skills).toEqual([{ label: 'Zythologie', proficiency: 4 }]);
    const items = await itemsNaming(victim);
    expect(items.filter(i => i.author === victim)).toHaveLength(1);
    expect(items.filter(i => i.author === PERSONAS_UPN.employee)).toHaveLength(1);
    // A stale etag is still a conflict on the fallback item.
    await expect(me.saveOwnRecord(saved.record, saved.etag)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('every reader shows the colleague\'s own record, never the squatter\'s', async () => {
    const seen = await serviceFor(PERSONAS_UPN.manager).getRecord(victim);
    expect(seen?.record).toMatchObject({ personUpn: victim, skills: [{ label: 'Zythologie', proficiency: 4 }], languages: ['fr'] });
    const local = localProvider();
    const search = searchProvider();
    await Promise.all([local.load(), search.load()]);
    expect(local.profiles.find(p => p.upn === victim)).toMatchObject({ skills: [{ label: 'Zythologie', proficiency: 4 }], askMeAbout: ['Brassage artisanal'] });
    for (const result of [local.search(query('Zythologie')), await search.search(query('Zythologie'))]) {
      expect(hitOf(result, victim)?.profile.skills).toEqual([{ label: 'Zythologie', proficiency: 4 }]);
    }
    // The squatter's words find nobody through the colleague.
    for (const result of [local.search(query('Squattologie')), await search.search(query('Squattologie'))]) {
      expect(hitOf(result, victim)).toBeUndefined();
    }
  });

  it('a retry of the same person\'s create does not make two trusted records', async () => {
    await withoutRecord(victim2);
    await squat(PERSONAS_UPN.employee, victim2, 'Squattologie');
    const me = serviceFor(victim2);
    const record = recordOf(victim2, [{ label: 'Cenologie', proficiency: 2 }]);
    const outcomes = await Promise.allSettled([me.saveOwnRecord(record, null), me.saveOwnRecord(record, null)]);
    expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter(o => o.status === 'rejected').map(o => (o as PromiseRejectedResult).reason.code)).toEqual(['conflict']);
    await expect(me.saveOwnRecord(record, null)).rejects.toMatchObject({ code: 'conflict' });
    expect((await itemsNaming(victim2)).filter(i => i.author === victim2)).toHaveLength(1);
  });

  it('without a squat, a second create is still refused by the unique key', async () => {
    await withoutRecord(plain);
    const me = serviceFor(plain);
    const record = recordOf(plain, [{ label: 'Cenologie', proficiency: 2 }]);
    const outcomes = await Promise.allSettled([me.saveOwnRecord(record, null), me.saveOwnRecord(record, null)]);
    expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
    expect(await itemsNaming(plain)).toEqual([expect.objectContaining({ author: plain, key: plain })]);
  });
});

describe('an endorsement forged in a colleague\'s name', () => {
  const skill = 'six-sigma';
  const count = async (): Promise<number> => (await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.director)).filter(e => e.skillKey === skill).length;

  it('counts for nobody; the colleague\'s real endorsement succeeds and counts once', async () => {
    const before = await count();
    await endorsementsAs(PERSONAS_UPN.manager).items.add({
      Title: skill, [ENDORSEMENT_FIELDS.key]: endorsementKey(PERSONAS_UPN.ceo, PERSONAS_UPN.director, skill),
      [ENDORSEMENT_FIELDS.personUpn]: PERSONAS_UPN.director, [ENDORSEMENT_FIELDS.skillKey]: skill, [ENDORSEMENT_FIELDS.endorserUpn]: PERSONAS_UPN.ceo
    });
    expect(await count()).toBe(before);
    const ceo = serviceFor(PERSONAS_UPN.ceo);
    expect(await ceo.endorse(PERSONAS_UPN.director, skill)).toBe('endorsed');
    expect(await ceo.endorse(PERSONAS_UPN.director, skill)).toBe('alreadyEndorsed');
    const all = (await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.director)).filter(e => e.skillKey === skill);
    expect(all).toHaveLength(before + 1);
    expect(all.filter(e => e.endorserUpn === PERSONAS_UPN.ceo)).toHaveLength(1);
    // Both providers count it once.
    const local = localProvider();
    const search = searchProvider();
    await Promise.all([local.load(), search.load()]);
    const evidence = local.profiles.find(p => p.upn === PERSONAS_UPN.director)!.evidence[skill];
    expect(evidence.endorsers.filter(e => e === PERSONAS_UPN.ceo)).toHaveLength(1);
    expect(evidence.endorsers).toHaveLength(before + 1);
    const found = await search.search(query('six sigma'));
    const reasonCount = (r: SearchResult): number | undefined => (hitOf(r, PERSONAS_UPN.director)?.reasons.find(x => x.kind === 'endorsements' && x.skillKey === skill) as { count?: number } | undefined)?.count;
    expect(reasonCount(found)).toBe(before + 1);
    expect(reasonCount(local.search(query('six sigma')))).toBe(before + 1);
  });

  it('is withdrawn by the real endorser under its fallback key', async () => {
    const before = await count();
    const ceo = serviceFor(PERSONAS_UPN.ceo);
    expect(await ceo.withdraw(PERSONAS_UPN.director, skill)).toBe('withdrawn');
    expect(await count()).toBe(before - 1);
    expect(await ceo.endorse(PERSONAS_UPN.director, skill)).toBe('endorsed');
  });
});

describe('the trusted sweep', () => {
  it('removes the squats and the forgeries, past 5,000 items, and keeps everything trusted', async () => {
    // More forgeries than the list view threshold: the walk must go by windows of ids.
    const forged = Array.from({ length: 3600 }, (_, i) => ({
      Title: 'crm', [ENDORSEMENT_FIELDS.key]: endorsementKey(`forged${i}@northwind-retail.example`, PERSONAS_UPN.agent, 'crm'),
      [ENDORSEMENT_FIELDS.personUpn]: PERSONAS_UPN.agent, [ENDORSEMENT_FIELDS.skillKey]: 'crm', [ENDORSEMENT_FIELDS.endorserUpn]: `forged${i}@northwind-retail.example`
    }));
    bulkInsertItems(t.tenant.db, ENDORSEMENTS_LIST_TITLE, forged, PERSONAS_UPN.manager);
    const trustedBefore = (await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.agent)).length;
    const victimRecord = await serviceFor(PERSONAS_UPN.employee).getRecord(victim);

    const lines: string[] = [];
    const dry = await sweepExpertiseForgeries({ sp: admin }, { dryRun: true, log: l => lines.push(l) });
    expect(dry.profiles).toMatchObject({ forged: 2, removed: 0 });
    expect(dry.endorsements).toMatchObject({ forged: 3601, removed: 0 });
    expect(dry.endorsements.read).toBeGreaterThan(5000);

    const summary = await sweepExpertiseForgeries({ sp: admin }, { log: l => lines.push(l) });
    expect(summary.profiles).toMatchObject({ forged: 2, duplicates: 0, removed: 2, failed: 0 });
    expect(summary.endorsements).toMatchObject({ forged: 3601, duplicates: 0, removed: 3601, failed: 0 });
    // Counts only in the log: no UPN, no skill.
    expect(lines.join('\n')).not.toMatch(/@|crm|sigma/i);

    expect((await itemsNaming(victim)).map(i => i.author)).toEqual([victim]);
    expect((await itemsNaming(victim2)).map(i => i.author)).toEqual([victim2]);
    expect(await serviceFor(PERSONAS_UPN.employee).getRecord(victim)).toEqual(victimRecord);
    expect((await serviceFor(PERSONAS_UPN.employee).endorsementsOf(PERSONAS_UPN.agent)).length).toBe(trustedBefore);
    const forgedLeft = await admin.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.select('Id')
      .filter(`${ENDORSEMENT_FIELDS.key} eq ${odataString(endorsementKey(PERSONAS_UPN.ceo, PERSONAS_UPN.director, 'six-sigma'))}`)();
    expect(forgedLeft).toEqual([]);
    // A second run finds nothing to do.
    const again = await sweepExpertiseForgeries({ sp: admin });
    expect([again.profiles.forged, again.endorsements.forged, again.profiles.duplicates, again.endorsements.duplicates]).toEqual([0, 0, 0, 0]);
  }, 180000);

  it('as anyone but the trusted identity removes nothing', async () => {
    await squat(PERSONAS_UPN.employee, victim, 'Squattologie');
    const summary = await sweepExpertiseForgeries({ sp: spFor(t.siteUrl, PERSONAS_UPN.manager) });
    expect(summary.profiles).toMatchObject({ forged: 1, removed: 0, failed: 1 });
    expect((await itemsNaming(victim)).map(i => i.author).sort()).toEqual([PERSONAS_UPN.employee, victim].sort());
  });
});

describe('a 5,000-skill record written by REST', () => {
  it('does not rank its author higher than an ordinary record of the same first skills', async () => {
    const ids = taxonomy.map(s => s.id);
    const firstIds = ids.slice(0, Math.min(10, ids.length - 5));
    const first: ExpertiseRecord['skills'] = [
      ...firstIds.map(id => ({ skillId: id, label: id, proficiency: 4 as const })),
      ...Array.from({ length: 50 - firstIds.length }, (_, i) => ({ label: `Atelier ${i}`, proficiency: 4 as const }))
    ];
    // Beyond the first 50: every other taxonomy skill at the top level, and every label as free words.
    const rest = [
      ...ids.slice(firstIds.length).map(id => ({ skillId: id, label: id, proficiency: 4 })),
      ...taxonomy.map(s => ({ label: s.label.fr, proficiency: 4 })),
      ...taxonomy.map(s => ({ label: s.label.en, proficiency: 4 }))
    ];
    const huge = [...first, ...rest, ...Array.from({ length: 5000 - first.length - rest.length }, (_, i) => ({ label: `w${i}`, proficiency: 4 }))];
    const compact = [...first, ...rest].slice(0, 300);
    expect(huge).toHaveLength(5000);
    expect(JSON.stringify(huge).length).toBeGreaterThan(STORED_LIMITS.skillsJson);

    const me = serviceFor(attacker);
    const current = await me.getRecord(attacker);
    const ordinary = await me.saveOwnRecord(recordOf(attacker, first), current?.etag ?? null);
    const queries = [
      ...taxonomy.slice(firstIds.length, firstIds.length + 6).map(s => s.label.fr),
      taxonomy[0].label.fr, taxonomy[0].label.en, 'Atelier'
    ];
    const ranks = async (): Promise<number[]> => {
      const local = localProvider();
      const search = searchProvider();
      await Promise.all([local.load(), search.load()]);
      const out: number[] = [];
      for (const text of queries) {
        for (const r of [local.search(query(text, { pageSize: 400 })), await search.search(query(text, { pageSize: 400 }))]) {
          const i = r.results.findIndex(h => h.profile.upn === attacker);
          out.push(i < 0 ? Number.POSITIVE_INFINITY : i);
        }
      }
      return out;
    };
    const withOrdinary = await ranks();
    for (const skills of [huge, compact]) {
      await profilesAs(attacker).items.getById(ordinary.itemId).update({ [EXPERTISE_FIELDS.skills]: JSON.stringify(skills) });
      const withMore = await ranks();
      withMore.forEach((rank, i) => expect(rank).toBeGreaterThanOrEqual(withOrdinary[i]));
    }
    // The compact one is within the stored bound: it reads as its first 50 skills, the ordinary record.
    expect((await me.getRecord(attacker))!.record.skills).toEqual(ordinary.record.skills);
  }, 180000);
});
