/**
 * The SharePoint Search expertise provider: for tenants too large to read the whole directory and
 * both lists in the browser (the local provider's way). SharePoint Search finds the candidates; the
 * suite's own index (core/expertise) ranks them with the same blend and gives the same reasons, so
 * both providers answer alike ("3 accepted answers on CRM, endorsed by 5 colleagues").
 *
 * One search, several `POST _api/search/postquery` requests ("SharePoint Search REST API overview",
 * https://learn.microsoft.com/en-us/sharepoint/dev/general-development/sharepoint-search-rest-api-overview):
 * 1. in parallel: people (Local People Results) and "Expertise profiles" items (ListId:) matching
 *    the query's words, expanded through the taxonomy (labels, synonyms, the skill id, and the
 *    skills a mistyped word is close to); any clause may match (OR): the index applies AND after;
 *    the department and location filters are property restrictions on people; guests and disabled
 *    accounts are left out by restriction, and again by the index;
 * 2. the people rows of the records found, and the records of the people found (by UPN, 50 a request);
 * 3. the endorsements of every candidate (by UPN, 50 a request, paged);
 * 4. the candidates' profiles go through createExpertiseIndex: filters, blend, reasons, paging.
 * Every request pages with StartRow and RowLimit 500 (the most SharePoint answers per request,
 * "Search limits for SharePoint", https://learn.microsoft.com/en-us/sharepoint/search-limits) up to
 * MAX_CANDIDATES per query. Candidates of a query are kept for its next pages (CACHE_SIZE queries).
 *
 * KQL literals ("Keyword Query Language (KQL) syntax reference",
 * https://learn.microsoft.com/en-us/sharepoint/dev/general-development/keyword-query-language-kql-syntax-reference):
 * every value from a person or a policy goes out as a quoted phrase (`kqlPhrase`): KQL has no escape
 * for a double quote inside a phrase, so double quotes are removed (search ignores punctuation
 * anyway), and inside quotes AND, OR, NOT, `:`, `*` and parentheses are plain words. Only words of
 * letters and digits from the analyzer go out unquoted, with a trailing `*` (prefix).
 *
 * Managed properties the tenant's search schema must have (docs/expertise-ranking.md, "Choosing
 * the provider"): people's UserName, PreferredName, JobTitle, Department, OfficeNumber,
 * BaseOfficeLocation, PreferredLanguage, plus UserType and AccountEnabled; the list columns as the
 * automatic managed properties of site columns (PersonUpnOWSTEXT, SkillsJsonOWSMTXT, ...).
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/search';
import type { SPFI } from '@pnp/sp';
import type { ISearchQuery } from '@pnp/sp/search';
import { createExpertiseIndex } from '../../core/expertise';
import { analyze, fuzzyDistance } from '../../core/expertise/normalize';
import { createTaxonomy, Taxonomy } from '../../core/expertise/taxonomy';
import type { ExpertProfile, SearchQuery, SearchResult, SkillDefinition } from '../../core/expertise/types';
import type { ExpertiseRecord } from '../../core/expertise/record';
import { ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_PROFILES_LIST_TITLE } from '../provisioning/expertiseLists';
import { distinctEndorsements, Endorsement, endorsementFromItem, normalizeUpn, StoredProfileItem, TrustedRecords } from './records';
import { personOfProfileKey } from '../../core/expertise/record';
import { buildProfiles, DirectoryUser, NO_OUTCOMES, OutcomeSource } from './localProvider';

/** The Local People Results source ("Manage result sources", https://learn.microsoft.com/en-us/sharepoint/manage-result-sources). */
export const PEOPLE_SOURCE_ID = 'b09a7990-05ea-4af9-81ef-edfab16c4e31';
/** Rows per request: the most SharePoint Search answers. */
export const SEARCH_PAGE_SIZE = 500;
/** Candidates read per query at most (the rest is not ranked: refine the query). */
export const MAX_CANDIDATES = 5000;
/** UPNs per "by person" request: keeps the query text well under KQL's 4,096 characters. */
export const UPNS_PER_REQUEST = 50;
const CACHE_SIZE = 8;
const CONCURRENCY = 4;

/** The people managed properties read. */
export const PEOPLE_PROPERTIES = {
  upn: 'UserName', name: 'PreferredName', jobTitle: 'JobTitle', department: 'Department', office: 'OfficeNumber',
  location: 'BaseOfficeLocation', language: 'PreferredLanguage', userType: 'UserType', accountEnabled: 'AccountEnabled'
} as const;

/** The managed property of a list column, as SharePoint names the automatic ones of site columns. */
const owsText = (internalName: string): string => `${internalName}OWSTEXT`;
const owsNote = (internalName: string): string => `${internalName}OWSMTXT`;
const owsBool = (internalName: string): string => `${internalName}OWSBOOL`;

export const RECORD_PROPERTIES = {
  personUpn: owsText(EXPERTISE_FIELDS.personUpn), skills: owsNote(EXPERTISE_FIELDS.skills), askMeAbout: owsNote(EXPERTISE_FIELDS.askMeAbout),
  interests: owsNote(EXPERTISE_FIELDS.interests), languages: owsText(EXPERTISE_FIELDS.languages), customerFacing: owsBool(EXPERTISE_FIELDS.customerFacing)
} as const;

export const ENDORSEMENT_PROPERTIES = {
  key: owsText(ENDORSEMENT_FIELDS.key), personUpn: owsText(ENDORSEMENT_FIELDS.personUpn), skillKey: owsText(ENDORSEMENT_FIELDS.skillKey)
} as const;

/** A value as a KQL phrase: quoted, its own double quotes removed (KQL has no escape for them), spaces collapsed. */
export function kqlPhrase(value: string): string {
  return `"${value.replace(/["\u201c\u201d]/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

/** A property restriction `Name:"value"`. */
export const kqlRestriction = (property: string, value: string): string => `${property}:${kqlPhrase(value)}`;

const plainWord = (w: string): boolean => /^[\p{L}\p{N}]+$/u.test(w);

/**
 * The free-text part of the KQL for a query: one group per clause of the analyzed text, any group
 * may match (OR). A clause spelling a skill (label or synonym) becomes that skill's id, labels and
 * synonyms; any other word becomes itself as a prefix, plus the skills whose labels hold a word
 * it is a typo of, and its first half as a prefix when it is long enough to be mistyped. Blank
 * text: `*` (everyone).
 */
export function textToKql(text: string, taxonomy: Taxonomy): string {
  const groups: string[] = [];
  const phrasesOfSkill = (id: string): string[] => {
    const def = taxonomy.skills.get(id);
    if (!def) return [kqlPhrase(id)];
    return [kqlPhrase(id), kqlPhrase(def.label.en), kqlPhrase(def.label.fr), ...(def.synonyms || []).map(kqlPhrase)];
  };
  for (const seg of taxonomy.segment(analyze(text))) {
    const alternatives = new Set<string>();
    if (seg.kind === 'concept') {
      seg.skillIds.forEach(id => phrasesOfSkill(id).forEach(p => alternatives.add(p)));
    } else {
      alternatives.add(plainWord(seg.term) ? `${seg.term}*` : kqlPhrase(seg.term));
      // A word long enough to be mistyped also asks for its first half (at least 4 letters) as a
      // prefix, so a typo further on ("tremblya", "gestoin") still reaches the candidates; the
      // index then applies the real typo tolerance.
      const head = seg.term.slice(0, Math.max(4, Math.ceil(seg.term.length / 2)));
      if (fuzzyDistance(seg.term) > 0 && head !== seg.term && plainWord(head)) alternatives.add(`${head}*`);
      taxonomy.skillsMatching(seg.term, false).forEach(id => phrasesOfSkill(id).forEach(p => alternatives.add(p)));
    }
    const list = Array.from(alternatives).filter(a => a !== '""');
    if (list.length) groups.push(list.length === 1 ? list[0] : `(${list.join(' OR ')})`);
  }
  return groups.length === 0 ? '*' : groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
}

type Row = Record<string, string | null>;

interface SearchResultsLike {
  TotalRows: number;
  RowCount: number;
  PrimarySearchResults: Array<Record<string, unknown>>;
  RawSearchResults: unknown;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const truthy = (v: string | null): boolean => !!v && /^(1|true|yes)$/i.test(v.trim());

async function inParallel<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export interface SearchProviderOptions {
  taxonomy: readonly SkillDefinition[];
  outcomes?: OutcomeSource;
}

/** Values for the filters, from refiners (visible people only). */
export interface SearchFacets {
  departments: string[];
  locations: string[];
  languages: string[];
}

export class SharePointSearchExpertiseProvider {
  private readonly sp: SPFI;
  private readonly options: SearchProviderOptions;
  private readonly taxonomy: Taxonomy;
  private listIds: { records: string; endorsements: string } | null = null;
  private cache = new Map<string, Promise<ExpertProfile[]>>();
  private loadedFacets: SearchFacets = { departments: [], locations: [], languages: [] };
  /** Requests sent, for tests and diagnostics. */
  public requests = 0;

  public constructor(ctx: { sp: SPFI }, options: SearchProviderOptions) {
    this.sp = ctx.sp;
    this.options = options;
    this.taxonomy = createTaxonomy(options.taxonomy);
  }

  /** Reads the two lists' ids and the filters' values (refiners). */
  public async load(): Promise<void> {
    const [records, endorsements] = await Promise.all([
      this.sp.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE).select('Id')() as Promise<{ Id: string }>,
      this.sp.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE).select('Id')() as Promise<{ Id: string }>
    ]);
    this.requests += 2;
    this.listIds = { records: records.Id, endorsements: endorsements.Id };
    this.cache = new Map();
    const [people, items] = await Promise.all([
      this.query({ Querytext: `* ${this.visibleOnly()}`, SourceId: PEOPLE_SOURCE_ID, RowLimit: 0, Refiners: `${PEOPLE_PROPERTIES.department},${PEOPLE_PROPERTIES.location},${PEOPLE_PROPERTIES.language}` }),
      this.query({ Querytext: `ListId:${kqlPhrase(this.listIds.records)}`, RowLimit: 0, Refiners: RECORD_PROPERTIES.languages })
    ]);
    const refiner = (r: SearchResultsLike, name: string): string[] => refinersOf(r).get(name.toLowerCase()) || [];
    const languages = new Set<string>();
    for (const v of [...refiner(people, PEOPLE_PROPERTIES.language), ...refiner(items, RECORD_PROPERTIES.languages)]) {
      for (const tag of v.split(';')) {
        const primary = tag.trim().split('-')[0].toLowerCase();
        if (primary) languages.add(primary);
      }
    }
    this.loadedFacets = {
      departments: refiner(people, PEOPLE_PROPERTIES.department).filter(Boolean),
      locations: refiner(people, PEOPLE_PROPERTIES.location).filter(Boolean),
      languages: Array.from(languages)
    };
  }

  public get facets(): SearchFacets {
    return this.loadedFacets;
  }

  /** Finds the candidates in SharePoint Search, then ranks them with the suite's blend. */
  public async search(query: SearchQuery): Promise<SearchResult> {
    if (!this.listIds) throw new Error('SharePointSearchExpertiseProvider: call load() first.');
    const key = JSON.stringify([query.text.trim().toLowerCase(), query.filters.department || '', query.filters.location || '']);
    let profiles = this.cache.get(key);
    if (!profiles) {
      profiles = this.candidates(query);
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, profiles);
      profiles.catch(() => this.cache.delete(key));
    }
    const index = createExpertiseIndex(await profiles, this.options.taxonomy);
    return index.search(query);
  }

  private visibleOnly(): string {
    return `NOT ${PEOPLE_PROPERTIES.userType}:Guest NOT ${PEOPLE_PROPERTIES.accountEnabled}:false`;
  }

  private peopleRestrictions(query: SearchQuery): string {
    const parts = [this.visibleOnly()];
    if (query.filters.department) parts.push(kqlRestriction(PEOPLE_PROPERTIES.department, query.filters.department));
    if (query.filters.location) parts.push(kqlRestriction(PEOPLE_PROPERTIES.location, query.filters.location));
    return parts.join(' ');
  }

  private async query(request: ISearchQuery): Promise<SearchResultsLike> {
    this.requests++;
    return (await this.sp.search({ TrimDuplicates: false, ...request })) as unknown as SearchResultsLike;
  }

  /** Every row of a query, 500 a request with StartRow, up to MAX_CANDIDATES. */
  private async all(querytext: string, select: string[], sourceId?: string): Promise<Row[]> {
    const rows: Row[] = [];
    for (let start = 0; start < MAX_CANDIDATES; start += SEARCH_PAGE_SIZE) {
      const r = await this.query({ Querytext: querytext, SelectProperties: select, RowLimit: SEARCH_PAGE_SIZE, StartRow: start, ...(sourceId ? { SourceId: sourceId } : {}) });
      for (const x of r.PrimarySearchResults) {
        const row: Row = {};
        for (const k of Object.keys(x)) row[k.toLowerCase()] = str(x[k]);
        rows.push(row);
      }
      if (r.RowCount < SEARCH_PAGE_SIZE || start + SEARCH_PAGE_SIZE >= r.TotalRows) break;
    }
    return rows;
  }

  private async byPerson(upns: readonly string[], kql: (restriction: string) => string, property: string, select: string[], sourceId?: string): Promise<Row[]> {
    const parts = await inParallel(chunks(upns, UPNS_PER_REQUEST), CONCURRENCY, group =>
      this.all(kql(`(${group.map(u => kqlRestriction(property, u)).join(' OR ')})`), select, sourceId));
    return ([] as Row[]).concat(...parts);
  }

  private async candidates(query: SearchQuery): Promise<ExpertProfile[]> {
    const ids = this.listIds as { records: string; endorsements: string };
    const text = textToKql(query.text, this.taxonomy);
    const peopleSelect = Object.values(PEOPLE_PROPERTIES) as string[];
    const recordSelect = ['ListItemID', 'AuthorOWSUSER', ...Object.values(RECORD_PROPERTIES)];
    const recordsList = `ListId:${kqlPhrase(ids.records)}`;
    const restrictions = this.peopleRestrictions(query);
    const [people, records] = await Promise.all([
      this.all(`${text} ${restrictions}`, peopleSelect, PEOPLE_SOURCE_ID),
      this.all(`${text} ${recordsList}`, recordSelect)
    ]);
    const upnOf = (r: Row, property: string): string => normalizeUpn(r[property.toLowerCase()] || '');
    const peopleBy = new Map<string, Row>();
    for (const p of people) if (upnOf(p, PEOPLE_PROPERTIES.upn)) peopleBy.set(upnOf(p, PEOPLE_PROPERTIES.upn), p);
    // A person may have several record items (a squat under their name, their own under a fallback
    // key): the trusted one is chosen among them all; someone with none trusted yet is asked by UPN.
    const named = new Set<string>();
    const trusted = new TrustedRecords();
    const addRecords = (rows: readonly Row[]): void => {
      for (const r of rows) {
        const person = personOfProfileKey(r[RECORD_PROPERTIES.personUpn.toLowerCase()] || '');
        if (!person) continue;
        named.add(person);
        trusted.add(recordItem(r));
      }
    };
    addRecords(records);

    const missingPeople = Array.from(named).filter(u => !peopleBy.has(u));
    const missingRecords = Array.from(peopleBy.keys()).filter(u => !trusted.get(u));
    const [morePeople, moreRecords] = await Promise.all([
      this.byPerson(missingPeople, r => `${r} ${restrictions}`, PEOPLE_PROPERTIES.upn, peopleSelect, PEOPLE_SOURCE_ID),
      this.byPerson(missingRecords, r => `${recordsList} ${r}`, RECORD_PROPERTIES.personUpn, recordSelect)
    ]);
    for (const p of morePeople) if (upnOf(p, PEOPLE_PROPERTIES.upn)) peopleBy.set(upnOf(p, PEOPLE_PROPERTIES.upn), p);
    addRecords(moreRecords);

    // Candidates: the people rows (a record without a visible person in the filters is dropped).
    const upns = Array.from(peopleBy.keys());
    const endorsementRows = await this.byPerson(upns, r => `ListId:${kqlPhrase(ids.endorsements)} ${r}`, ENDORSEMENT_PROPERTIES.personUpn,
      ['ListItemID', 'AuthorOWSUSER', 'Created', ...Object.values(ENDORSEMENT_PROPERTIES)]);

    const users: DirectoryUser[] = upns.map(upn => {
      const p = peopleBy.get(upn) as Row;
      const v = (name: string): string | null => p[name.toLowerCase()] ?? null;
      return {
        id: upn, userPrincipalName: v(PEOPLE_PROPERTIES.upn) || upn, displayName: v(PEOPLE_PROPERTIES.name), jobTitle: v(PEOPLE_PROPERTIES.jobTitle),
        department: v(PEOPLE_PROPERTIES.department), officeLocation: v(PEOPLE_PROPERTIES.office), city: v(PEOPLE_PROPERTIES.location),
        preferredLanguage: v(PEOPLE_PROPERTIES.language), userType: v(PEOPLE_PROPERTIES.userType) === 'Guest' ? 'Guest' : 'Member',
        accountEnabled: v(PEOPLE_PROPERTIES.accountEnabled) === null ? true : truthy(v(PEOPLE_PROPERTIES.accountEnabled))
      };
    });
    const recordMap: Map<string, ExpertiseRecord> = trusted.records();
    const endorsements: Endorsement[] = [];
    for (const row of endorsementRows) {
      const e = endorsementFromItem(endorsementItem(row));
      if (e) endorsements.push(e);
    }
    const outcomes = await (this.options.outcomes || NO_OUTCOMES)(upns);
    return buildProfiles(users, recordMap, distinctEndorsements(endorsements), outcomes);
  }
}

/** The claims login at the end of an OWSUSER value ("email | name | claims"). */
function authorOf(row: Row): StoredProfileItem['Author'] {
  const raw = row.authorowsuser || '';
  const parts = raw.split(' | ');
  return { Name: (parts[parts.length - 1] || '').trim(), EMail: (parts[0] || '').trim() };
}

function recordItem(row: Row): StoredProfileItem {
  return {
    Id: Number(row.listitemid) || 0,
    Author: authorOf(row),
    [EXPERTISE_FIELDS.personUpn]: row[RECORD_PROPERTIES.personUpn.toLowerCase()],
    [EXPERTISE_FIELDS.skills]: row[RECORD_PROPERTIES.skills.toLowerCase()],
    [EXPERTISE_FIELDS.askMeAbout]: row[RECORD_PROPERTIES.askMeAbout.toLowerCase()],
    [EXPERTISE_FIELDS.interests]: row[RECORD_PROPERTIES.interests.toLowerCase()],
    [EXPERTISE_FIELDS.languages]: row[RECORD_PROPERTIES.languages.toLowerCase()],
    [EXPERTISE_FIELDS.customerFacing]: truthy(row[RECORD_PROPERTIES.customerFacing.toLowerCase()])
  };
}

function endorsementItem(row: Row): StoredProfileItem {
  return {
    Id: Number(row.listitemid) || 0,
    Created: row.created,
    Author: authorOf(row),
    [ENDORSEMENT_FIELDS.key]: row[ENDORSEMENT_PROPERTIES.key.toLowerCase()],
    [ENDORSEMENT_FIELDS.personUpn]: row[ENDORSEMENT_PROPERTIES.personUpn.toLowerCase()],
    [ENDORSEMENT_FIELDS.skillKey]: row[ENDORSEMENT_PROPERTIES.skillKey.toLowerCase()]
  };
}

/** Refiner values by lower-case refiner name. */
function refinersOf(r: SearchResultsLike): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const raw = r.RawSearchResults as { PrimaryQueryResult?: { RefinementResults?: { Refiners?: unknown } | null } } | null;
  const refiners = raw && raw.PrimaryQueryResult && raw.PrimaryQueryResult.RefinementResults ? raw.PrimaryQueryResult.RefinementResults.Refiners : null;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { results?: unknown[] }).results) ? (v as { results: unknown[] }).results : []);
  for (const ref of list(refiners) as Array<{ Name: string; Entries: unknown }>) {
    out.set(String(ref.Name).toLowerCase(), (list(ref.Entries) as Array<{ RefinementValue: string }>).map(e => String(e.RefinementValue)));
  }
  return out;
}
