/**
 * Breach marking: an insight whose silence clock passed a target gets `AcknowledgeBreached` /
 * `ResolveBreached` set, once, against its ETag (services/sp/retry.ts: a 412 reads it again and
 * decides again, so a flag someone else set meanwhile is not written twice).
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { Insight } from '../../../core/relay/model';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE } from '../../provisioning/relayLists';
import { withEtagRetry } from '../../sp/retry';
import { INSIGHT_SELECT, insightFromItem, StoredItem } from '../items';

/** Whether the clock's breaches are not yet on the insight. */
export const breachesToMark = (insight: Insight, ack: boolean, res: boolean): boolean =>
  (ack && !insight.acknowledgeBreached) || (res && !insight.resolveBreached);

/**
 * Marks the breaches of one insight, starting from the insight as read (`insight`, with its ETag).
 * Resolves true when this call wrote them.
 */
export async function markBreaches(sp: SPFI, insight: Insight, ack: boolean, res: boolean): Promise<boolean> {
  const list = sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  let first = true;
  const read = async (): Promise<Insight> => {
    if (first) {
      first = false;
      return insight;
    }
    return insightFromItem((await list.items.getById(insight.id).select(...INSIGHT_SELECT)()) as StoredItem);
  };
  const result = await withEtagRetry(read, current => {
    const values: Record<string, unknown> = {};
    if (ack && !current.acknowledgeBreached) values[INSIGHT_FIELDS.acknowledgeBreached] = true;
    if (res && !current.resolveBreached) values[INSIGHT_FIELDS.resolveBreached] = true;
    if (!Object.keys(values).length) return null;
    return () => list.items.getById(current.id).update(values, current.etag || '*');
  });
  return result.written;
}
