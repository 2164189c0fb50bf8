/**
 * The local expertise search provider: builds `ExpertProfile[]` from the directory (Graph /users,
 * paged, with $select), the people's expertise records and the endorsements (both lists read page
 * by page) and the policy's taxonomy, and searches them with createExpertiseIndex (core/expertise).
 * For the local tenant and small tenants; tenant scale uses SharePoint Search behind the same
 * `search`.
 *
 * Guests and disabled accounts are kept in `profiles` (marked by userType / accountEnabled); the
 * index never returns them.
 *
 * Evidence: endorsements come from the "Endorsements" list. Accepted answers (communities) and
 * resolved customer insights (the relay) come through `outcomes`, a function that answers counts
 * per person and skill (services/expertise/outcomes.ts reads both lists); without one the counts are 0.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createExpertiseIndex } from '../../core/expertise';
import type { ExpertiseIndex, ExpertProfile, SearchQuery, SearchResult, SkillDefinition, SkillEvidence } from '../../core/expertise/types';
import type { ExpertiseRecord } from '../../core/expertise/record';
import { ENDORSEMENTS_LIST_TITLE, EXPERTISE_PROFILES_LIST_TITLE } from '../provisioning/expertiseLists';
import {
  distinctEndorsements, Endorsement, ENDORSEMENT_SELECT, endorsementFromItem, normalizeUpn, PAGE_SIZE, PROFILE_SELECT,
  StoredEndorsementItem, StoredProfileItem, TrustedRecords
} from './records';

/** Directory properties read for every person (Graph returns ~10 by default; these are the ones used). */
export const DIRECTORY_SELECT = [
  'id', 'userPrincipalName', 'displayName', 'jobTitle', 'department', 'officeLocation', 'city',
  'preferredLanguage', 'userType', 'accountEnabled'
].join(',');

/** Users per Graph page (Graph allows up to 999). */
export const DIRECTORY_PAGE_SIZE = 999;

export interface DirectoryUser {
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  city?: string | null;
  preferredLanguage?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
}

/** Outcome counts of one person on one skill (taxonomy id or normalized free label). */
export interface OutcomeCount {
  personUpn: string;
  skillKey: string;
  acceptedAnswers?: number;
  resolvedInsights?: number;
}

/**
 * The hook through which communities (accepted answers) and the relay (resolved customer
 * insights) feed evidence: given the people being indexed, it answers counts per person and skill.
 */
export type OutcomeSource = (personUpns: readonly string[]) => Promise<readonly OutcomeCount[]>;

/** No outcomes: both counts stay 0 (the default when no source is given). */
export const NO_OUTCOMES: OutcomeSource = () => Promise.resolve([]);

export interface LocalProviderOptions {
  taxonomy: readonly SkillDefinition[];
  outcomes?: OutcomeSource;
}

/** Every user of the directory, page by page (follows @odata.nextLink). */
export async function readDirectory(graph: Client): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let page = (await graph.api('/users').select(DIRECTORY_SELECT).top(DIRECTORY_PAGE_SIZE).get()) as { value: DirectoryUser[]; '@odata.nextLink'?: string };
  users.push(...page.value);
  while (page['@odata.nextLink']) {
    page = (await graph.api(page['@odata.nextLink']).get()) as typeof page;
    users.push(...page.value);
  }
  return users;
}

/**
 * Every trusted record of the "Expertise profiles" list, page by page, by person: the oldest item
 * each person authored under their own key (items under someone else's name are passed over).
 */
export async function readRecords(sp: SPFI): Promise<Map<string, ExpertiseRecord>> {
  const trusted = new TrustedRecords();
  const query = sp.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).items.select(...PROFILE_SELECT).expand('Author').top(PAGE_SIZE);
  for await (const page of query) {
    for (const item of page as StoredProfileItem[]) trusted.add(item);
  }
  return trusted.records();
}

/** Every trusted endorsement of the "Endorsements" list, page by page, once per endorser, person and skill. */
export async function readEndorsements(sp: SPFI): Promise<Endorsement[]> {
  const out: Endorsement[] = [];
  const query = sp.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).items.select(...ENDORSEMENT_SELECT).expand('Author').top(PAGE_SIZE);
  for await (const page of query) {
    for (const item of page as StoredEndorsementItem[]) {
      const e = endorsementFromItem(item);
      if (e) out.push(e);
    }
  }
  return distinctEndorsements(out);
}

const primaryLanguage = (tag: string | null | undefined): string[] => (tag ? [tag.split('-')[0].toLowerCase()] : []);

/** One person's profile for the index: directory data, their record, and the evidence on their skills. */
export function buildProfile(
  user: DirectoryUser,
  record: ExpertiseRecord | undefined,
  endorsements: readonly Endorsement[],
  outcomes: readonly OutcomeCount[]
): ExpertProfile {
  const upn = normalizeUpn(user.userPrincipalName || '');
  const evidence: Record<string, SkillEvidence> = {};
  const at = (key: string): SkillEvidence => evidence[key] || (evidence[key] = { endorsers: [], acceptedAnswers: 0, resolvedInsights: 0 });
  for (const e of endorsements) at(e.skillKey).endorsers.push(e.endorserUpn);
  for (const o of outcomes) {
    const ev = at(o.skillKey);
    ev.acceptedAnswers += o.acceptedAnswers || 0;
    ev.resolvedInsights += o.resolvedInsights || 0;
  }
  return {
    id: user.id,
    upn,
    displayName: user.displayName || upn,
    jobTitle: user.jobTitle || '',
    department: user.department || '',
    location: user.city || user.officeLocation || '',
    languages: record && record.languages.length ? record.languages : primaryLanguage(user.preferredLanguage),
    customerFacing: !!(record && record.customerFacing),
    userType: user.userType === 'Guest' ? 'Guest' : 'Member',
    accountEnabled: user.accountEnabled !== false,
    skills: record ? record.skills : [],
    askMeAbout: record ? record.askMeAbout : [],
    interests: record ? record.interests : [],
    evidence
  };
}

/** Profiles of every directory user, from the three sources (pure: no request). */
export function buildProfiles(
  users: readonly DirectoryUser[],
  records: ReadonlyMap<string, ExpertiseRecord>,
  endorsements: readonly Endorsement[],
  outcomes: readonly OutcomeCount[]
): ExpertProfile[] {
  const endorsementsOf = new Map<string, Endorsement[]>();
  for (const e of endorsements) {
    const list = endorsementsOf.get(e.personUpn);
    if (list) list.push(e);
    else endorsementsOf.set(e.personUpn, [e]);
  }
  const outcomesOf = new Map<string, OutcomeCount[]>();
  for (const o of outcomes) {
    const k = normalizeUpn(o.personUpn);
    const list = outcomesOf.get(k);
    if (list) list.push(o);
    else outcomesOf.set(k, [o]);
  }
  return users.filter(u => !!u.userPrincipalName).map(u => {
    const upn = normalizeUpn(u.userPrincipalName as string);
    return buildProfile(u, records.get(upn), endorsementsOf.get(upn) || [], outcomesOf.get(upn) || []);
  });
}

/** The local provider: `load()` once, then `search()` synchronously. */
export class LocalExpertiseProvider {
  private readonly sp: SPFI;
  private readonly graph: Client;
  private readonly options: LocalProviderOptions;
  private index: ExpertiseIndex | null = null;
  private loaded: ExpertProfile[] = [];

  public constructor(ctx: { sp: SPFI; graph: Client }, options: LocalProviderOptions) {
    this.sp = ctx.sp;
    this.graph = ctx.graph;
    this.options = options;
  }

  /** Reads the directory and both lists (in parallel, each paged) and builds the index. */
  public async load(): Promise<void> {
    const [users, records, endorsements] = await Promise.all([readDirectory(this.graph), readRecords(this.sp), readEndorsements(this.sp)]);
    const upns = users.map(u => normalizeUpn(u.userPrincipalName || '')).filter(Boolean);
    const outcomes = await (this.options.outcomes || NO_OUTCOMES)(upns);
    this.loaded = buildProfiles(users, records, endorsements, outcomes);
    this.index = createExpertiseIndex(this.loaded, this.options.taxonomy);
  }

  /** Every profile read, guests and disabled accounts included (marked). */
  public get profiles(): readonly ExpertProfile[] {
    return this.loaded;
  }

  public search(query: SearchQuery): SearchResult {
    if (!this.index) throw new Error('LocalExpertiseProvider: call load() first.');
    return this.index.search(query);
  }
}
