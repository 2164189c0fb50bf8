/**
 * The trusted side's clean-up of the expertise lists, run by the unattended job with its identity
 * (Full Control of the hub's lists, which write security 2 does not bind). Readers already ignore
 * what this removes (docs/expertise-data.md, "What is trusted"); removing it keeps the lists
 * readable in SharePoint, lets the real person use their normal key again, and stops piles of
 * squats from costing readers more pages.
 *
 * Removed:
 * - "Expertise profiles" items whose author is not the person their `PersonUpn` names (squats), and
 *   a person's own items other than the oldest (readers never show them: a save that raced another);
 * - "Endorsements" whose author is not the endorser their key names (forgeries), and an endorser's
 *   second item for the same person and skill (counted once anyway).
 * Both lists are walked by Id windows (services/listWalk.ts: the indexed Id, past the 5,000-item
 * threshold), 500 items a page. Logs carry counts only, never a name or an item's content.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import { endorserOfKey, personOfProfileKey } from '../../core/expertise/record';
import { walkItems } from '../listWalk';
import { toSuiteError } from '../errors';
import { ENDORSEMENT_FIELDS, ENDORSEMENTS_LIST_TITLE, EXPERTISE_FIELDS, EXPERTISE_PROFILES_LIST_TITLE } from '../provisioning/expertiseLists';
import { authorUpn, endorsementFromItem, PAGE_SIZE, StoredEndorsementItem, StoredProfileItem } from './records';

export interface SweepListCounts {
  /** Items read. */
  read: number;
  /** Items under someone else's name (profiles) or in someone else's name (endorsements). */
  forged: number;
  /** A person's (or endorser's) own items beyond the one readers use. */
  duplicates: number;
  /** Items removed (forged + duplicates, less failures; 0 in a dry run). */
  removed: number;
  /** Removals refused or failed (left for the next run). */
  failed: number;
}

export interface ExpertiseSweepSummary {
  profiles: SweepListCounts;
  endorsements: SweepListCounts;
}

export interface ExpertiseSweepOptions {
  /** Counts only, removes nothing. */
  dryRun?: boolean;
  /** One line per list with its counts (no personal data). */
  log?: (line: string) => void;
  /** Items per page (default 500). */
  pageSize?: number;
}

type Verdict = 'keep' | 'forged' | 'duplicate';

const emptyCounts = (): SweepListCounts => ({ read: 0, forged: 0, duplicates: 0, removed: 0, failed: 0 });

/** Whether a profile item is a squat, a later duplicate of the person's own, or theirs. Items come oldest first. */
function profileVerdict(seen: Set<string>): (item: StoredProfileItem) => Verdict {
  return item => {
    const person = personOfProfileKey(String(item[EXPERTISE_FIELDS.personUpn] || ''));
    if (!person || authorUpn(item) !== person) return 'forged';
    if (seen.has(person)) return 'duplicate';
    seen.add(person);
    return 'keep';
  };
}

/**
 * Whether an endorsement is forged (its author is not the endorser its key names), a later
 * duplicate of the endorser's own, or kept. An item by the endorser the key names that readers
 * still ignore (a self-endorsement, columns that do not match the key) is the author's own and
 * harmless: kept.
 */
function endorsementVerdict(seen: Set<string>): (item: StoredEndorsementItem) => Verdict {
  return item => {
    const author = authorUpn(item);
    if (!author || endorserOfKey(String(item[ENDORSEMENT_FIELDS.key] || '')) !== author) return 'forged';
    const e = endorsementFromItem(item);
    if (!e) return 'keep';
    const triple = JSON.stringify([e.endorserUpn, e.personUpn, e.skillKey]);
    if (seen.has(triple)) return 'duplicate';
    seen.add(triple);
    return 'keep';
  };
}

async function sweepList<T extends { Id: number }>(list: IList, select: string[], verdict: (item: T) => Verdict, options: ExpertiseSweepOptions): Promise<SweepListCounts> {
  const counts = emptyCounts();
  const walk = walkItems<T>(list, { select, expand: ['Author'], filter: 'Id gt 0', pageSize: options.pageSize || PAGE_SIZE });
  for await (const page of walk) {
    const remove: number[] = [];
    for (const item of page) {
      counts.read++;
      const v = verdict(item);
      if (v === 'keep') continue;
      if (v === 'forged') counts.forged++;
      else counts.duplicates++;
      remove.push(item.Id);
    }
    if (options.dryRun) continue;
    // Items of pages already read: removing them does not move the walk (it goes by Id).
    for (const id of remove) {
      try {
        await list.items.getById(id).delete();
        counts.removed++;
      } catch (e) {
        if (toSuiteError(e).status === 404) continue; // removed meanwhile (by its author, or another run)
        counts.failed++;
      }
    }
  }
  return counts;
}

/**
 * Removes squatted expertise records and forged endorsements (see the module's comment). `ctx.sp`
 * must be the trusted job identity: anyone else's deletes of other people's items answer 403 and
 * are counted as failed. Returns the counts of both lists.
 */
export async function sweepExpertiseForgeries(ctx: { sp: SPFI }, options: ExpertiseSweepOptions = {}): Promise<ExpertiseSweepSummary> {
  const lists = ctx.sp.web.lists;
  const profiles = await sweepList<StoredProfileItem>(lists.getByTitle(EXPERTISE_PROFILES_LIST_TITLE),
    ['Id', 'Author/Name', 'Author/EMail', EXPERTISE_FIELDS.personUpn], profileVerdict(new Set()), options);
  options.log?.(`expertise sweep: profiles read ${profiles.read}, forged ${profiles.forged}, duplicates ${profiles.duplicates}, removed ${profiles.removed}, failed ${profiles.failed}`);
  const endorsements = await sweepList<StoredEndorsementItem>(lists.getByTitle(ENDORSEMENTS_LIST_TITLE),
    ['Id', 'Created', 'Author/Name', 'Author/EMail', ENDORSEMENT_FIELDS.key, ENDORSEMENT_FIELDS.personUpn, ENDORSEMENT_FIELDS.skillKey], endorsementVerdict(new Set()), options);
  options.log?.(`expertise sweep: endorsements read ${endorsements.read}, forged ${endorsements.forged}, duplicates ${endorsements.duplicates}, removed ${endorsements.removed}, failed ${endorsements.failed}`);
  return { profiles, endorsements };
}
