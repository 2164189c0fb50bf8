/**
 * The prebuilt expertise index, written by the trusted job (services/relay/job/steps/expertiseIndex.ts)
 * into the hub's "ExpertiseIndex" library: a small manifest and one data file (core/expertise/packed.ts).
 * Every employee's Find an expert reads these two files instead of the directory and the lists
 * (services/expertise/prebuiltProvider.ts). docs/expertise-ranking.md, "The prebuilt index".
 *
 * - **Full build**: the directory (Graph /users, paged), every trusted record and endorsement (both
 *   lists, paged), outcome evidence, through the same `buildProfiles` as the in-browser provider,
 *   so both give the same profiles. Runs when there is no index, when its version or the policy's
 *   taxonomy changed, and at least every `fullRebuildMs` (default 6 hours): the only way the index
 *   sees withdrawn endorsements (a deleted item has no `Modified`), directory changes of people who
 *   did not touch their record (a disabled account), and outcomes of people whose record did not change.
 * - **Update**: the items of both lists modified since the last build (`Modified ge <nextSince>`,
 *   walked past 5,000 items), the people they name read again (directory entry, record, every
 *   endorsement of them, outcomes), their profiles replaced. Nothing changed: nothing is written.
 *
 * The manifest is written after the data file, so a reader that finds a manifest finds its data.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { SPFI, SPQueryable, spPost } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { ExpertProfile, SkillDefinition } from '../../core/expertise/types';
import { isSearchable } from '../../core/expertise';
import { PackedIndex, packIndex, PACKED_INDEX_VERSION, taxonomyFingerprint, unpackIndex } from '../../core/expertise/packed';
import { personOfProfileKey } from '../../core/expertise/record';
import { odataString } from '../../core/odata';
import { walkItems } from '../listWalk';
import { normalizeUpn } from '../sp/identity';
import {
  ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_INDEX_MANIFEST, EXPERTISE_PROFILES_LIST_TITLE
} from '../provisioning/expertiseLists';
import { EXPERTISE_INDEX_DATA, IndexManifest, libraryFolder, parseManifest, readIndexFile, siteRelativeUrl } from './indexFiles';
import {
  buildProfile, buildProfiles, DIRECTORY_SELECT, DirectoryUser, NO_OUTCOMES, OutcomeSource, readDirectory, readEndorsements, readRecords
} from './localProvider';
import {
  distinctEndorsements, Endorsement, ENDORSEMENT_SELECT, endorsementFromItem, PAGE_SIZE, PROFILE_SELECT, profileKeyFilter,
  StoredEndorsementItem, StoredProfileItem, TrustedRecords
} from './records';

export const DEFAULT_FULL_REBUILD_MS = 6 * 60 * 60_000;
/** Items saved while the last build was reading are caught by starting the update a little before it. */
export const MODIFIED_MARGIN_MS = 2 * 60_000;
/** People per request when changed people are read again (Graph's `in` takes up to 15 values). */
const CHUNK = 15;

export interface IndexBuildOptions {
  taxonomy: readonly SkillDefinition[];
  outcomes?: OutcomeSource;
  /** The job's clock (real elapsed time) when the build starts: full builds are due by it. */
  now: Date;
  /** The same clock, to measure the build's duration (default: the wall clock). */
  clock?: () => Date;
  fullRebuildMs?: number;
  /** Build in full whatever the manifest says. */
  full?: boolean;
  /** Between pages of a long read (the job renews its lease there). */
  keepLease?: () => Promise<void>;
}

export interface IndexBuildReport {
  mode: 'full' | 'update' | 'unchanged';
  /** People whose profile was read again (update), or every directory user (full). */
  changed: number;
  people: number;
  bytes: number;
}

/** Uploads a file (replacing it) and answers SharePoint's `TimeLastModified` of it. */
async function writeIndexFile(sp: SPFI, folder: string, name: string, text: string): Promise<string> {
  const add = SPQueryable(sp.web, `getFolderByServerRelativeUrl(${odataString(folder)})/files/add(url=${odataString(name)},overwrite=true)`);
  const file = await spPost<{ TimeLastModified?: string }>(add, { body: text, headers: { 'Content-Type': 'application/json' } });
  return String(file.TimeLastModified || '');
}

/** People named by the items of both lists modified since `since` (walked past 5,000 items). */
async function changedPeople(sp: SPFI, since: Date, keepLease: () => Promise<void>): Promise<Set<string>> {
  // Not an indexed column: past 5,000 items walkItems reads windows of ids, each narrowed by it.
  const filter = `Modified ge datetime'${since.toISOString()}'`;
  const people = new Set<string>();
  const walks: Array<[string, string]> = [[EXPERTISE_PROFILES_LIST_TITLE, EXPERTISE_FIELDS.personUpn], [ENDORSEMENTS_LIST_TITLE, ENDORSEMENT_FIELDS.personUpn]];
  for (const [title, column] of walks) {
    const list = sp.web.lists.getByTitle(title);
    for await (const page of walkItems<Record<string, unknown>>(list, { select: ['Id', column], filter, pageSize: PAGE_SIZE })) {
      for (const item of page) {
        const upn = personOfProfileKey(String(item[column] || ''));
        if (upn) people.add(upn);
      }
      await keepLease();
    }
  }
  return people;
}

async function directoryOf(graph: Client, upns: readonly string[]): Promise<DirectoryUser[]> {
  const out: DirectoryUser[] = [];
  for (let i = 0; i < upns.length; i += CHUNK) {
    const values = upns.slice(i, i + CHUNK).map(odataString).join(',');
    const page = await graph.api('/users').select(DIRECTORY_SELECT).filter(`userPrincipalName in (${values})`).top(CHUNK).get() as { value: DirectoryUser[] };
    out.push(...page.value);
  }
  return out;
}

async function recordsAndEndorsementsOf(sp: SPFI, upns: readonly string[], keepLease: () => Promise<void>): Promise<{ records: TrustedRecords; endorsements: Endorsement[] }> {
  const records = new TrustedRecords();
  const endorsements: Endorsement[] = [];
  const profiles = sp.web.lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE);
  const endorsementList = sp.web.lists.getByTitle(ENDORSEMENTS_LIST_TITLE);
  for (let i = 0; i < upns.length; i += CHUNK) {
    const chunk = upns.slice(i, i + CHUNK);
    const recordFilter = chunk.map(u => profileKeyFilter(u)).join(' or ');
    for await (const page of walkItems<StoredProfileItem>(profiles, { select: [...PROFILE_SELECT], expand: ['Author'], filter: recordFilter, pageSize: PAGE_SIZE })) {
      for (const item of page) records.add(item);
    }
    const endorsementFilter = chunk.map(u => `${ENDORSEMENT_FIELDS.personUpn} eq ${odataString(u)}`).join(' or ');
    for await (const page of walkItems<StoredEndorsementItem>(endorsementList, { select: [...ENDORSEMENT_SELECT], expand: ['Author'], filter: endorsementFilter, pageSize: PAGE_SIZE })) {
      for (const item of page) {
        const e = endorsementFromItem(item);
        if (e) endorsements.push(e);
      }
    }
    await keepLease();
  }
  return { records, endorsements: distinctEndorsements(endorsements) };
}

/** The changed people's profiles, read again and put in place of their old ones (or removed). */
async function updatedProfiles(
  ctx: { sp: SPFI; graph: Client }, previous: PackedIndex, upns: readonly string[], outcomes: OutcomeSource, keepLease: () => Promise<void>
): Promise<ExpertProfile[]> {
  const [users, { records, endorsements }] = await Promise.all([directoryOf(ctx.graph, upns), recordsAndEndorsementsOf(ctx.sp, upns, keepLease)]);
  const counts = await outcomes(upns);
  const fresh = new Map<string, ExpertProfile>();
  for (const u of users) {
    const upn = normalizeUpn(u.userPrincipalName || '');
    if (!upn) continue;
    const record = records.get(upn);
    fresh.set(upn, buildProfile(u, record && record.record, endorsements.filter(e => e.personUpn === upn),
      counts.filter(c => normalizeUpn(c.personUpn) === upn)));
  }
  const asked = new Set(upns);
  const out: ExpertProfile[] = [];
  for (const p of unpackIndex(previous)) {
    const upn = normalizeUpn(p.upn);
    if (!asked.has(upn)) out.push(p);
    else {
      const next = fresh.get(upn);
      if (next && isSearchable(next)) out.push(next);
      fresh.delete(upn);
    }
  }
  // People who were not in the index (a first record, an account enabled again): at the end.
  for (const p of fresh.values()) if (isSearchable(p)) out.push(p);
  return out;
}

/** One build: full or an update, as the manifest and the options decide. */
export async function buildExpertiseIndex(ctx: { sp: SPFI; graph: Client }, options: IndexBuildOptions): Promise<IndexBuildReport> {
  const keepLease = options.keepLease || (() => Promise.resolve());
  const outcomes = options.outcomes || NO_OUTCOMES;
  const folder = libraryFolder(await siteRelativeUrl(ctx.sp));
  const taxonomy = taxonomyFingerprint(options.taxonomy);
  const manifest = parseManifest(await readIndexFile(ctx.sp, folder, EXPERTISE_INDEX_MANIFEST));
  const started = options.now.getTime();
  const jobTime = options.now.toISOString();
  const fullDue = !manifest || options.full || manifest.taxonomy !== taxonomy ||
    options.now.getTime() - Date.parse(manifest.fullBuiltAt) >= (options.fullRebuildMs ?? DEFAULT_FULL_REBUILD_MS);
  let previous: PackedIndex | null = null;
  if (!fullDue && manifest) {
    const text = await readIndexFile(ctx.sp, folder, manifest.file);
    try {
      previous = text ? JSON.parse(text) as PackedIndex : null;
    } catch {
      previous = null;
    }
    if (previous && previous.v !== PACKED_INDEX_VERSION) previous = null;
  }
  let doc: PackedIndex;
  let changed: number;
  let mode: IndexBuildReport['mode'];
  if (!previous || !manifest) {
    const [users, records, endorsements] = await Promise.all([readDirectory(ctx.graph), readRecords(ctx.sp), readEndorsements(ctx.sp)]);
    await keepLease();
    const upns = users.map(u => normalizeUpn(u.userPrincipalName || '')).filter(Boolean);
    const profiles = buildProfiles(users, records, endorsements, await outcomes(upns));
    doc = packIndex(profiles, { builtAt: jobTime, fullBuiltAt: jobTime, taxonomy, directorySize: users.length });
    changed = users.length;
    mode = 'full';
  } else {
    const since = new Date(Date.parse(manifest.nextSince));
    const people = Array.from(await changedPeople(ctx.sp, since, keepLease));
    if (!people.length) return { mode: 'unchanged', changed: 0, people: manifest.people, bytes: manifest.bytes };
    const profiles = await updatedProfiles(ctx, previous, people, outcomes, keepLease);
    doc = packIndex(profiles, { builtAt: jobTime, fullBuiltAt: manifest.fullBuiltAt, taxonomy, directorySize: manifest.directorySize });
    changed = people.length;
    mode = 'update';
  }
  const text = JSON.stringify(doc);
  const written = await writeIndexFile(ctx.sp, folder, EXPERTISE_INDEX_DATA, text);
  const elapsed = Math.max(0, (options.clock ? options.clock().getTime() : Date.now()) - started);
  const serverTime = Date.parse(written) || started;
  const next: IndexManifest = {
    v: PACKED_INDEX_VERSION, builtAt: new Date(serverTime).toISOString(),
    nextSince: new Date(serverTime - elapsed - MODIFIED_MARGIN_MS).toISOString(), fullBuiltAt: doc.fullBuiltAt, taxonomy, directorySize: doc.directorySize,
    people: doc.count, file: EXPERTISE_INDEX_DATA, bytes: text.length
  };
  await writeIndexFile(ctx.sp, folder, EXPERTISE_INDEX_MANIFEST, JSON.stringify(next));
  return { mode, changed, people: doc.count, bytes: text.length };
}
