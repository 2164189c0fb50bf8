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
  /** Lookup and person fields to expand (e.g. ['Author'] with 'Author/Name' selected). */
  expand?: string[];
}

/** Pages of the items matching `filter`, oldest (lowest Id) first. */
export async function* walkItems<T>(list: IList, options: WalkOptions): AsyncGenerator<T[]> {
  const expand = options.expand || [];
  const direct = list.items.select(...options.select).expand(...expand).filter(options.filter).orderBy('Id', true).top(options.pageSize);
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
    const window = list.items
      .select(...options.select)
      .expand(...expand)
      .filter(`Id gt ${from} and Id le ${from + ID_WINDOW} and ${narrowing}`)
      .orderBy('Id', true)
      .top(options.pageSize);
    for await (const page of window) yield page as T[];
  }
}
