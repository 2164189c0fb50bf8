/**
 * Demo data for the local workbench: an expertise record for every enabled member of the demo
 * directory (from the skills, languages and customer-facing flag the directory seed gives each
 * person) and a deterministic set of endorsements between colleagues of the same department.
 *
 * Everything is written through PnPjs as the person who would write it (their record, their
 * endorsements), one `$batch` per person, so the data obeys the lists' rules: unique keys, write
 * security, required columns. Idempotent: what already exists is skipped, so a second start writes
 * nothing; on a site without the lists it writes nothing and says so. Nothing shipped calls it.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import type { SPFI } from '@pnp/sp';
import type { Proficiency, ProfileSkill, SkillDefinition } from '../../core/expertise/types';
import { endorsementKey, ExpertiseRecord, personOfProfileKey } from '../../core/expertise/record';
import { ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_PROFILES_LIST_TITLE } from '../provisioning/expertiseLists';
import { endorsementValues, normalizeUpn, PAGE_SIZE, recordValues } from './records';

/** What the seed needs of a demo person (the directory seed's people have this shape). */
export interface DemoPerson {
  userPrincipalName: string;
  userType: string;
  accountEnabled: boolean;
  department: string | null;
  preferredLanguage: string;
  extra: { skills: string[]; languages?: string[]; customerFacing?: boolean; persona?: string };
}

export interface SeedExpertiseOptions {
  people: readonly DemoPerson[];
  /** PnPjs on the hub site, signed in as the given person. */
  spAs: (upn: string) => SPFI;
  taxonomy: readonly SkillDefinition[];
  /** People written at the same time (default 8). */
  concurrency?: number;
}

export interface SeedExpertiseReport {
  records: number;
  endorsements: number;
  /** Writes refused (people of another seed, who are not in this directory). */
  failed: number;
  /** True when the lists do not exist on the site (nothing written). */
  notProvisioned?: boolean;
}

/** 32-bit FNV-1a: the seed's only source of variety, so every run plans the same data. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

const INTERESTS = {
  en: ['cycling', 'photography', 'cooking', 'hiking', 'board games', 'gardening', 'running', 'music'],
  fr: ['vélo', 'photographie', 'cuisine', 'randonnée', 'jeux de société', 'jardinage', 'course à pied', 'musique']
};

const isFrench = (lang: string): boolean => lang.toLowerCase().startsWith('fr');

/** The record the demo gives a person. */
export function demoRecord(p: DemoPerson, taxonomy: ReadonlyMap<string, SkillDefinition>): ExpertiseRecord {
  const upn = normalizeUpn(p.userPrincipalName);
  const fr = isFrench(p.preferredLanguage);
  const label = (id: string): string => {
    const s = taxonomy.get(id);
    return s ? (fr ? s.label.fr : s.label.en) : id;
  };
  const skills: ProfileSkill[] = p.extra.skills.filter(id => taxonomy.has(id)).map((id, i) => ({
    skillId: id,
    label: label(id),
    proficiency: (p.extra.persona ? (i === 0 ? 4 : 3) : (hash(`${upn}|${id}|level`) % 4) + 1) as Proficiency
  }));
  const askMeAbout = skills.filter((s, i) => i < 2 && (p.extra.persona || hash(`${upn}|ask|${i}`) % 3 === 0)).map(s => s.label);
  const pool = fr ? INTERESTS.fr : INTERESTS.en;
  const h = hash(`${upn}|interests`);
  const interests = h % 3 === 0 ? [] : [pool[h % pool.length], pool[(h >>> 8) % pool.length]].filter((v, i, a) => a.indexOf(v) === i);
  return {
    personUpn: upn,
    skills,
    askMeAbout,
    interests,
    languages: p.extra.languages || [p.preferredLanguage.slice(0, 2)],
    customerFacing: !!p.extra.customerFacing
  };
}

export interface DemoEndorsement { endorserUpn: string; personUpn: string; skillKey: string }

/**
 * The endorsements the demo gives: for each skill of each person, 0 to 3 colleagues of the same
 * department (3 more for the personas, whose profiles the demo opens first), picked by hash.
 */
export function demoEndorsements(people: readonly DemoPerson[], records: ReadonlyMap<string, ExpertiseRecord>): DemoEndorsement[] {
  const byDept = new Map<string, string[]>();
  for (const p of people) {
    if (!p.department) continue;
    const list = byDept.get(p.department) || [];
    list.push(normalizeUpn(p.userPrincipalName));
    byDept.set(p.department, list);
  }
  const out: DemoEndorsement[] = [];
  for (const p of people) {
    const upn = normalizeUpn(p.userPrincipalName);
    const record = records.get(upn);
    if (!record || !p.department) continue;
    const colleagues = (byDept.get(p.department) || []).filter(c => c !== upn);
    for (const s of record.skills) {
      const key = s.skillId as string;
      const n = (hash(`${upn}|${key}|endorsements`) % 4) + (p.extra.persona ? 3 : 0);
      const chosen = colleagues
        .map(c => ({ c, h: hash(`${c}|${upn}|${key}`) }))
        .sort((a, b) => a.h - b.h || (a.c < b.c ? -1 : 1))
        .slice(0, n);
      for (const { c } of chosen) out.push({ endorserUpn: c, personUpn: upn, skillKey: key });
    }
  }
  return out;
}

/** The values of one column, page by page; null when the list does not exist (not provisioned). */
async function readColumn(sp: SPFI, list: string, field: string): Promise<Set<string> | null> {
  const seen = new Set<string>();
  try {
    for await (const page of sp.web.lists.getByTitle(list).items.select('Id', field).top(PAGE_SIZE)) {
      for (const item of page as Record<string, unknown>[]) seen.add(String(item[field] || '').toLowerCase());
    }
  } catch (e) {
    if ((e as { status?: number } | null)?.status === 404) return null;
    throw e;
  }
  return seen;
}

/**
 * Seeds the demo's expertise records and endorsements; skips whatever exists already. People who
 * cannot sign in (disabled accounts) or see the lists (guests) get no record and endorse nobody.
 */
export async function seedDemoExpertise(options: SeedExpertiseOptions): Promise<SeedExpertiseReport> {
  const writers = options.people.filter(p => p.userType === 'Member' && p.accountEnabled && !!p.userPrincipalName);
  if (!writers.length) return { records: 0, endorsements: 0, failed: 0 };
  const taxonomy = new Map(options.taxonomy.map(s => [s.id, s]));
  const reader = options.spAs(writers[0].userPrincipalName);
  const [haveRecords, haveKeys] = await Promise.all([
    readColumn(reader, EXPERTISE_PROFILES_LIST_TITLE, EXPERTISE_FIELDS.personUpn),
    readColumn(reader, ENDORSEMENTS_LIST_TITLE, ENDORSEMENT_FIELDS.key)
  ]);
  if (!haveRecords || !haveKeys) return { records: 0, endorsements: 0, failed: 0, notProvisioned: true };
  const hasFallback = new Set(Array.from(haveRecords, personOfProfileKey));
  const records = new Map(writers.map(p => [normalizeUpn(p.userPrincipalName), demoRecord(p, taxonomy)]));
  const endorsements = demoEndorsements(writers, records).filter(e => !haveKeys.has(endorsementKey(e.endorserUpn, e.personUpn, e.skillKey)));
  const givenBy = new Map<string, DemoEndorsement[]>();
  for (const e of endorsements) {
    const list = givenBy.get(e.endorserUpn) || [];
    list.push(e);
    givenBy.set(e.endorserUpn, list);
  }
  const report: SeedExpertiseReport = { records: 0, endorsements: 0, failed: 0 };
  const queue = writers.map(p => normalizeUpn(p.userPrincipalName));
  const work = async (): Promise<void> => {
    for (let upn = queue.shift(); upn !== undefined; upn = queue.shift()) {
      // A record under a fallback key (`upn#nonce`) is the person's too.
      const record = haveRecords.has(upn) || hasFallback.has(upn) ? null : records.get(upn);
      const given = givenBy.get(upn) || [];
      if (!record && !given.length) continue;
      const sp = options.spAs(upn);
      const [batched, execute] = sp.batched();
      const profiles = batched.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE);
      const endorsementList = batched.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE);
      // Each write succeeds or fails on its own (a person missing from this database, a duplicate).
      const pending: Promise<unknown>[] = [];
      const count = (p: Promise<unknown>, what: 'records' | 'endorsements'): void => {
        pending.push(p.then(() => { report[what]++; }, () => { report.failed++; }));
      };
      if (record) count(profiles.items.add(recordValues(record)), 'records');
      for (const e of given) count(endorsementList.items.add(endorsementValues(e.endorserUpn, e.personUpn, e.skillKey)), 'endorsements');
      try {
        await execute();
      } catch {
        // the parts' own promises say what failed
      }
      await Promise.all(pending);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency || 8) }, () => work()));
  return report;
}
