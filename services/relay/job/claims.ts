/**
 * The send-once protocol: claim -> send -> record, with an "Insight activity" entry per
 * notification (unique ActivityKey 'notify:<key>', kind 'notification') as the claim.
 *
 * - claim: create the entry in state 'pending' with `claimedAt` (the lease clock). A duplicate-value
 *   answer means another run claimed it: skipped. A 'failed' entry (some recipients not reached) is
 *   claimed again by updating it with the ETag it was read with (two runs: one gets 412, skipped),
 *   at most `maxAttempts` sends in all;
 * - send: one message per distinct text, at most MAX_RECIPIENTS_PER_MESSAGE recipients each, to the
 *   recipients not yet in `sentTo`;
 * - record: 'sent' (or 'failed' with `sentTo`, for the next run), with the claim's ETag.
 *
 * At least once: a run that dies between claim and record leaves 'pending'. Runs hold the lease
 * (./lease.ts), so a claim still 'pending' longer than the pending timeout (longer than the lease's
 * TTL) can only be a dead run's: a later run takes it again with its ETag and sends it (`resent`;
 * the dead run may have sent it already, so a person may be told twice, rarely). A younger
 * 'pending' claim is counted as `stuck` and left for later.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { MessageContent, Recipient } from '../../../core/relay/notifications';
import { ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE } from '../../provisioning/relayLists';
import { walkItems } from '../../listWalk';
import { activityValues, etagOf, isDuplicateError, PAGE_SIZE, safeJson, statusOf, StoredItem } from '../items';
import { MAX_RECIPIENTS_PER_MESSAGE, NotificationSender } from '../notify';
import type { NotificationCounts } from './types';

type ClaimState = 'pending' | 'sent' | 'failed' | 'noRecipient';

export interface ClaimData {
  state: ClaimState;
  attempts: number;
  /** UPNs already told. */
  sentTo: string[];
  /** When the claim was last taken (lease clock, ISO): how old a 'pending' claim is. */
  claimedAt?: string;
  [detail: string]: unknown;
}

export interface Claim {
  id: number;
  etag: string;
  data: ClaimData;
}

/** One notification to deliver: its key, what the timeline says, and each recipient's message. */
export interface Delivery {
  key: string;
  insightId: number;
  /** Short, PII-free description for the timeline, e.g. 'warning acknowledge 0.8'. */
  text: string;
  details: Record<string, unknown>;
  /** Each recipient with the message in their language. */
  messages: Array<{ recipient: Recipient; message: MessageContent; webUrl: string }>;
}

export interface ClaimDeskOptions {
  /** The job's mailbox: the claims' actor. */
  sender: string;
  /** The domain's instant (the entries' `At`). */
  now: Date;
  /** The lease clock: `claimedAt` and the age of pending claims. */
  clock: () => Date;
  maxAttempts: number;
  pendingTimeoutMs: number;
  notifier: NotificationSender;
  log: (line: string) => void;
}

const STATES: readonly ClaimState[] = ['pending', 'sent', 'failed', 'noRecipient'];

export function errorTag(e: unknown): string {
  const status = statusOf(e);
  return status === null ? (e instanceof Error ? e.name : 'error') : `HTTP ${status}`;
}

export const isSettled = (claim: Claim | undefined): boolean => !!claim && (claim.data.state === 'sent' || claim.data.state === 'noRecipient');

export class ClaimDesk {
  public constructor(private readonly sp: SPFI, private readonly options: ClaimDeskOptions) {}

  private get activity(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE);
  }

  /**
   * The notification entries of one insight, by key (InsightId eq id, indexed; walked in Id windows
   * when the insight has more than 5,000 entries, e.g. one per relay of a large insight).
   */
  public async notificationsOf(insightId: number): Promise<Map<string, Claim>> {
    const out = new Map<string, Claim>();
    const pages = walkItems<StoredItem>(this.activity, {
      select: ['Id', ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.data],
      filter: `${ACTIVITY_FIELDS.insightId} eq ${insightId} and ${ACTIVITY_FIELDS.kind} eq 'notification'`,
      pageSize: PAGE_SIZE
    });
    for await (const page of pages) {
      for (const item of page) {
        const data = safeJson<Partial<ClaimData>>(item[ACTIVITY_FIELDS.data], {});
        out.set(String(item[ACTIVITY_FIELDS.key] || ''), {
          id: item.Id,
          etag: etagOf(item),
          data: {
            ...data,
            state: STATES.find(s => s === data.state) || 'sent',
            attempts: typeof data.attempts === 'number' ? data.attempts : 1,
            sentTo: Array.isArray(data.sentTo) ? data.sentTo.filter((u): u is string => typeof u === 'string') : []
          }
        });
      }
    }
    return out;
  }

  /** Claims, sends and records one notification (`existing`: its entry, when there is one). */
  public async deliver(d: Delivery, existing: Claim | undefined, counts: NotificationCounts): Promise<void> {
    const claim = existing ? await this.claimAgain(existing, counts) : await this.claimNew(d, counts);
    if (!claim) return;
    const { sentTo, error } = await this.send(d, claim, counts);
    const done: ClaimData = {
      ...claim.data, state: error ? 'failed' : 'sent', sentTo: Array.from(sentTo).sort(), recipients: d.messages.length, ...(error ? { error } : {})
    };
    if (!error) delete done.error;
    await this.activity.items.getById(claim.id).update({ [ACTIVITY_FIELDS.data]: JSON.stringify(done) }, claim.etag || '*');
    if (error) {
      counts.failed++;
      this.options.log(`relay job: notification ${d.key} failed (${error})`);
    } else counts.sent++;
  }

  private claimedAt(): string {
    return this.options.clock().toISOString();
  }

  /** A new claim (the unique key), or null when there is nothing to send. */
  private async claimNew(d: Delivery, counts: NotificationCounts): Promise<Claim | null> {
    const data: ClaimData = { state: d.messages.length ? 'pending' : 'noRecipient', attempts: 1, sentTo: [], claimedAt: this.claimedAt(), ...d.details };
    let item: StoredItem;
    try {
      item = (await this.activity.items.add(activityValues({
        key: d.key, insightId: d.insightId, kind: 'notification', actorUpn: this.options.sender, text: d.text, data, at: this.options.now.toISOString()
      }))) as StoredItem;
    } catch (e) {
      // Another run claimed it first.
      if (isDuplicateError(e)) return null;
      throw e;
    }
    if (!d.messages.length) {
      counts.noRecipient++;
      return null;
    }
    return { id: item.Id, etag: etagOf(item), data };
  }

  /** An existing claim taken again (a failed send, or a dead run's pending one), or null. */
  private async claimAgain(existing: Claim, counts: NotificationCounts): Promise<Claim | null> {
    const { state, attempts } = existing.data;
    if (state === 'sent' || state === 'noRecipient') return null;
    if (state === 'pending') {
      const claimed = Date.parse(existing.data.claimedAt || '');
      // Without claimedAt: written before claims were dated, so by a run long gone.
      const age = Number.isFinite(claimed) ? this.options.clock().getTime() - claimed : Infinity;
      if (age < this.options.pendingTimeoutMs) {
        counts.stuck++;
        return null;
      }
    }
    if (attempts >= this.options.maxAttempts) {
      counts.gaveUp++;
      return null;
    }
    // The entry as read (ETag): another run taking it first makes this a 412.
    const data: ClaimData = { ...existing.data, state: 'pending', attempts: attempts + 1, claimedAt: this.claimedAt() };
    let etag: string;
    try {
      const res = (await this.activity.items.getById(existing.id).update({ [ACTIVITY_FIELDS.data]: JSON.stringify(data) }, existing.etag || '*')) as
        { etag?: string | null } | undefined;
      etag = (res && res.etag) || '*';
    } catch (e) {
      if (statusOf(e) === 412) return null;
      throw e;
    }
    if (state === 'pending') counts.resent++;
    else counts.retried++;
    return { id: existing.id, etag, data };
  }

  /** One message per distinct text (a language, and "you own" for the owner), in chunks. */
  private async send(d: Delivery, claim: Claim, counts: NotificationCounts): Promise<{ sentTo: Set<string>; error: string | null }> {
    const sentTo = new Set(claim.data.sentTo);
    let error: string | null = null;
    const groups = new Map<string, { message: MessageContent; webUrl: string; recipients: Recipient[] }>();
    for (const m of d.messages) {
      if (sentTo.has(m.recipient.upn)) continue;
      const key = `${m.message.subject}\n${m.message.text}`;
      const group = groups.get(key) || { message: m.message, webUrl: m.webUrl, recipients: [] };
      group.recipients.push(m.recipient);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.recipients.length; i += MAX_RECIPIENTS_PER_MESSAGE) {
        const chunk = group.recipients.slice(i, i + MAX_RECIPIENTS_PER_MESSAGE);
        try {
          await this.options.notifier.send(chunk, group.message, group.webUrl);
          for (const r of chunk) sentTo.add(r.upn);
          counts.messages++;
          counts.recipients += chunk.length;
        } catch (e) {
          error = errorTag(e);
        }
      }
    }
    return { sentTo, error };
  }
}
