/**
 * Reading every item of a list that matches a filter, page by page, also when the filter's first
 * clause matches more than the list view threshold.
 *
 * SharePoint refuses a query whose indexed first clause selects more than 5,000 items of a large
 * list (SPQueryThrottledException, "Items exceeds the list view threshold",
 * https://learn.microsoft.com/en-us/sharepoint/troubleshoot/lists-and-libraries/items-exceeds-list-view-threshold).
 * The query is then run again over windows of 5,000 ids (a range on Id, the primary key, which is
 * always indexed), each narrowed by the same filter, oldest first.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { IList } from '@pnp/sp/lists';

/** Width of the Id windows walked when the filter alone selects too many items. */
export const ID_WINDOW = 5000;

/** SharePoint's list view threshold refusal (SPQueryThrottledException, -2147024860). */
export function isThresholdError(e: unknown): boolean {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /SPQueryThrottledException|-2147024860/.test(message);
}

export interface WalkOptions {
  select: string[];
  /** OData filter whose first clause is on an indexed column. */
  filter: string;
  pageSize: number;
  /** Fields to expand (e.g. ['Author'] with AUTHOR_SELECT). */
  expand?: string[];
}

/** The query of a walk: the options' select, expand and page size, ordered by Id. */
function walkQuery(list: IList, options: WalkOptions, filter: string, ascending: boolean): ReturnType<IList['items']['select']> {
  const q = list.items.select(...options.select).filter(filter).orderBy('Id', ascending).top(options.pageSize);
  return options.expand && options.expand.length ? q.expand(...options.expand) : q;
}

/** Pages of the items matching `filter`, oldest (lowest Id) first. */
export async function* walkItems<T>(list: IList, options: WalkOptions): AsyncGenerator<T[]> {
  const direct = walkQuery(list, options, options.filter, true);
  let yielded = false;
  try {
    for await (const page of direct) {
      yielded = true;
      yield page as T[];
    }
    return;
  } catch (e) {
    // A refusal comes with the first page; after that, paging continues from where it was.
    if (yielded || !isThresholdError(e)) throw e;
  }
  const last = (await list.items.select('Id').orderBy('Id', false).top(1)()) as Array<{ Id: number }>;
  const maxId = last[0] ? last[0].Id : 0;
  const narrowing = / or /i.test(options.filter) ? `(${options.filter})` : options.filter;
  for (let from = 0; from < maxId; from += ID_WINDOW) {
    const window = walkQuery(list, options, `Id gt ${from} and Id le ${from + ID_WINDOW} and ${narrowing}`, true);
    for await (const page of window) yield page as T[];
  }
}

export interface NewestFirstOptions extends WalkOptions {
  /** Only items with an Id below this one (the last item a previous page showed). */
  below?: number | null;
  /** Go straight to the Id windows (a previous page learnt that the filter alone is refused). */
  windowed?: boolean;
}

export interface NewestFirstPage<T> {
  items: T[];
  /** Whether this page came from the Id windows (pass it back as `windowed` to continue). */
  windowed: boolean;
}

/**
 * Pages of the items matching `filter`, newest (highest Id) first, for views that show the latest
 * first and load more on demand: the consumer stops iterating when it has enough.
 *
 * Normally one query (the filter, ordered by Id descending, paged by SharePoint's $skiptoken
 * `Paged=TRUE&p_ID=<last>`). When the filter's first clause selects more than the threshold,
 * SharePoint refuses it; the walk then reads windows of 5,000 ids downwards from `below` (or the
 * list's highest Id), each `Id lt hi and Id ge lo` (a range on the primary key) narrowed by the filter.
 */
export async function* walkItemsNewestFirst<T extends { Id: number }>(list: IList, options: NewestFirstOptions): AsyncGenerator<NewestFirstPage<T>> {
  const query = (filter: string): ReturnType<IList['items']['select']> => walkQuery(list, options, filter, false);
  const below = options.below !== undefined && options.below !== null && options.below > 0 ? Math.floor(options.below) : null;
  if (!options.windowed) {
    const direct = query(options.filter);
    if (below !== null) direct.query.set('$skiptoken', `Paged=TRUE&p_ID=${below}`);
    let yielded = false;
    try {
      for await (const page of direct) {
        yielded = true;
        yield { items: page as T[], windowed: false };
      }
      return;
    } catch (e) {
      if (yielded || !isThresholdError(e)) throw e;
    }
  }
  let upper = below;
  if (upper === null) {
    const last = (await list.items.select('Id').orderBy('Id', false).top(1)()) as Array<{ Id: number }>;
    upper = last[0] ? last[0].Id + 1 : 1;
  }
  const narrowing = / or /i.test(options.filter) ? `(${options.filter})` : options.filter;
  while (upper > 1) {
    const lower = Math.max(1, upper - ID_WINDOW);
    for await (const page of query(`Id lt ${upper} and Id ge ${lower} and ${narrowing}`)) yield { items: page as T[], windowed: true };
    upper = lower;
  }
}
