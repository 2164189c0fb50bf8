/**
 * Relays their author changed after the job had dealt with them. Write security 2 lets an
 * employee edit their own relay with plain REST at any time: after ingestion, to put a customer's
 * card number back, to move it to another insight, or to claim it was someone else's; or at
 * creation, by writing it as already 'clustered' so that ingestion never redacts it. Ingestion only
 * sees pending relays, so the trusted side looks again at every relay written since its last look
 * whose last writer is its author (its Editor is its Author: the job's own writes make the job the
 * Editor):
 *
 * - a relay the job had clustered (its claim 'relay:<clientId>' exists in "Insight activity", a list
 *   employees cannot write) gets the job's decisions back (the claim's insight, 'clustered') and its
 *   text trusted again (services/relay/trust.ts: redacted, within the limits, relayer = Author);
 * - any other relay in a state other than 'pending' was never clustered by the job: it goes back to
 *   'pending', its insight forgotten, and ingestion deals with it as with any new relay.
 *
 * "Written since" is `Modified ge <since>`. Modified is not indexed, so on a list past 5,000 items
 * SharePoint refuses the filter alone and the walk goes by windows of ids (services/listWalk.ts).
 * Nothing here logs a relay's content.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { FeedbackPolicy } from '../../core/policy/types';
import { localDateKey } from '../../core/relay/calendar';
import { odataString } from '../../core/odata';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../provisioning/relayLists';
import { walkItems } from '../listWalk';
import { relayFromItem, StoredItem } from './items';
import { relayActivityKeyOf } from './ingest';
import { authorWroteLast, RELAY_TRUST_EXPAND, RELAY_TRUST_SELECT, trustRelayItem } from './trust';

export interface RecheckResult {
  /** Relays written since `since`. */
  read: number;
  /** Of those, written last by their author in a state other than 'pending'. */
  rechecked: number;
  /** Given back the job's decisions (insight, state) from their claim. */
  restored: number;
  /** Never clustered by the job: back to 'pending'. */
  requeued: number;
  /** Stored item rewritten (text, relayer, insight or state). */
  rewritten: number;
  /** Failed (left for the next look). */
  failed: number;
}

export interface RecheckOptions {
  policy: FeedbackPolicy;
  /** Relays modified at or after this instant (ISO, SharePoint's clock); null: every relay. */
  since: string | null;
  /** Items per page (default 500). */
  pageSize?: number;
}

/** The insight the job decided for a relay, from its claim in "Insight activity"; null when never claimed. */
async function claimedInsightOf(sp: SPFI, clientId: string): Promise<number | null> {
  if (!clientId) return null;
  const found = (await sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
    .select('Id', ACTIVITY_FIELDS.insightId)
    .filter(`${ACTIVITY_FIELDS.key} eq ${odataString(relayActivityKeyOf(clientId))}`).top(1)()) as StoredItem[];
  const id = found[0] ? Number(found[0][ACTIVITY_FIELDS.insightId]) : NaN;
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** An OData datetime literal from an ISO instant (re-serialized, so nothing else reaches the filter). */
function datetimeLiteral(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `datetime'${new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')}'` : null;
}

export async function recheckAuthorEdits(sp: SPFI, options: RecheckOptions): Promise<RecheckResult> {
  const result: RecheckResult = { read: 0, rechecked: 0, restored: 0, requeued: 0, rewritten: 0, failed: 0 };
  const relays = sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  const literal = options.since ? datetimeLiteral(options.since) : null;
  const filter = literal ? `Modified ge ${literal}` : 'Id gt 0';
  const { timeZone } = options.policy.calendar;
  const pages = walkItems<StoredItem>(relays, { select: RELAY_TRUST_SELECT, expand: RELAY_TRUST_EXPAND, filter, pageSize: options.pageSize ?? 500 });
  for await (const page of pages) {
    for (const item of page) {
      result.read++;
      const state = String(item[RELAY_FIELDS.ingestState] || '');
      if (state === 'pending' || !authorWroteLast(item)) continue;
      result.rechecked++;
      try {
        const relay = relayFromItem(item);
        const claimed = await claimedInsightOf(sp, relay.clientId);
        const created = new Date(relay.created);
        const decided: Record<string, unknown> = claimed !== null
          ? {
            [RELAY_FIELDS.insightId]: claimed,
            [RELAY_FIELDS.ingestState]: 'clustered',
            [RELAY_FIELDS.rejectReason]: null,
            ...(Number.isFinite(created.getTime()) ? { [RELAY_FIELDS.dayKey]: localDateKey(created, timeZone) } : {})
          }
          : { [RELAY_FIELDS.insightId]: null, [RELAY_FIELDS.ingestState]: 'pending', [RELAY_FIELDS.rejectReason]: null, [RELAY_FIELDS.dayKey]: null };
        const trusted = await trustRelayItem(relays, item, options.policy, { decided });
        if (claimed !== null) result.restored++;
        else result.requeued++;
        if (trusted.rewritten) result.rewritten++;
      } catch {
        result.failed++;
      }
    }
  }
  return result;
}
