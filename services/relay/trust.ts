/**
 * What the trusted side makes of a stored relay before anything is taken from it (docs/security.md):
 * its free text redacted and within the capture form's limits, its relayer its Author, and its
 * insight one the job chose. A relay is written by its author with plain REST as easily as through
 * the form, so nothing in it is believed as written:
 *
 * - text: redacted again with the capture form's core; over the limits, cut and 'rejected';
 * - relayer: the item's Author (the `RelayerUpn` column is rewritten to it);
 * - insight: `InsightId` and `IngestState` are the job's decisions. When the author was the last to
 *   write the item (its Editor is its Author), they are the author's, not the job's: the insight is
 *   forgotten (ingestion chooses again) and a state other than 'pending' is not believed.
 *
 * The rewrite is sent against the item's ETag; a 412 (the author editing meanwhile) reads it again
 * and decides again.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { FeedbackPolicy } from '../../core/policy/types';
import type { Relay } from '../../core/relay/model';
import { addRedactionCounts, trustStoredText } from '../../core/relay/submission';
import { RELAY_FIELDS } from '../provisioning/relayLists';
import { authorUpnOf, EDITOR_SELECT, editorUpnOf } from '../sp/identity';
import { etagOf } from '../sp/etag';
import { withEtagRetry } from '../sp/retry';
import { ListHandle, rejectReasonValue, RELAY_SELECT, relayFromItem, StoredItem, summaryTitle } from './items';

/** A relay read for the trusted side: with its Author and its Editor (expand both). */
export const RELAY_TRUST_SELECT = [...RELAY_SELECT, ...EDITOR_SELECT];
export const RELAY_TRUST_EXPAND = ['Author', 'Editor'];

/** Whether the author was the last to write the item (so its job-owned columns are the author's). */
export function authorWroteLast(item: StoredItem): boolean {
  const author = authorUpnOf(item as { Author?: { Name?: string; EMail?: string } });
  return author !== '' && editorUpnOf(item as { Editor?: { Name?: string; EMail?: string } }) === author;
}

/** The list values of a relay's free-text fields. */
const fieldValues = (text: Pick<Relay, 'customerWords' | 'observation' | 'promiseText' | 'segment'>): Record<string, unknown> => ({
  [RELAY_FIELDS.customerWords]: text.customerWords,
  [RELAY_FIELDS.observation]: text.observation,
  [RELAY_FIELDS.promiseText]: text.promiseText,
  [RELAY_FIELDS.segment]: text.segment
});

export interface TrustedRelay {
  /** The relay as it may be used; null when it is over the limits (it is now 'rejected'). */
  relay: Relay | null;
  /** The stored item was rewritten. */
  rewritten: boolean;
}

export interface TrustOptions {
  /**
   * Columns the job decides, to set as it decided them (e.g. the insight of its claim), whatever
   * the author wrote there. Default: none.
   */
  decided?: Record<string, unknown>;
}

/**
 * The relay as the trusted side may use it, the stored item rewritten when it differs. `item` must
 * have been read with RELAY_TRUST_SELECT and RELAY_TRUST_EXPAND.
 */
export async function trustRelayItem(relays: ListHandle, item: StoredItem, policy: FeedbackPolicy, options: TrustOptions = {}): Promise<TrustedRelay> {
  const byId = relays.items.getById(item.Id);
  let clean: Relay | null = null;
  let rewritten = false;
  let reads = 0;
  await withEtagRetry(
    // The page's item first; after a 412, the item as it is now.
    async (): Promise<StoredItem> => (reads++ === 0 ? item : (await byId.select(...RELAY_TRUST_SELECT).expand(...RELAY_TRUST_EXPAND)()) as StoredItem),
    (state: StoredItem) => {
      const stored = relayFromItem(state);
      const byAuthor = authorWroteLast(state);
      const relay: Relay = byAuthor ? { ...stored, insightId: null } : stored;
      const trusted = trustStoredText(relay, policy);
      const counts = addRedactionCounts(relay.redactions, trusted.counts);
      const redactions = JSON.stringify(counts);
      const title = summaryTitle(trusted.text.customerWords) || relay.category;
      clean = { ...relay, ...trusted.text, redactions: counts };
      const values: Record<string, unknown> = {};
      if (trusted.changed) Object.assign(values, fieldValues(trusted.text));
      if (String(state.Title || '') !== title) values.Title = title;
      if (String(state[RELAY_FIELDS.redactions] || '') !== redactions) values[RELAY_FIELDS.redactions] = redactions;
      // The column the "My relays" index and the outcome messages read: made the Author's.
      if (relay.relayerUpn && String(state[RELAY_FIELDS.relayerUpn] || '') !== relay.relayerUpn) values[RELAY_FIELDS.relayerUpn] = relay.relayerUpn;
      // An insight the author wrote is forgotten in the item too, so that no later run believes it.
      if (byAuthor && stored.insightId !== null) values[RELAY_FIELDS.insightId] = null;
      for (const [name, value] of Object.entries(options.decided || {})) {
        if ((state[name] ?? null) !== value) values[name] = value;
      }
      if (trusted.tooLong.length > 0) {
        clean = null;
        values[RELAY_FIELDS.ingestState] = 'rejected';
        values[RELAY_FIELDS.rejectReason] = rejectReasonValue({ reason: 'tooLong', fields: trusted.tooLong });
      }
      if (Object.keys(values).length === 0) return null;
      return async () => {
        await byId.update(values, etagOf(state) || '*');
        rewritten = true;
      };
    }
  );
  return { relay: clean, rewritten };
}
