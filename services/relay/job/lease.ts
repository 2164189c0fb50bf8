/**
 * One run at a time: the relay job's lease, an item of "Job leases" (services/provisioning/jobLists.ts,
 * unique LeaseKey). Every host goes through it (the timer trigger, `npm run job:relay`, the
 * workbench), because runRelayJob takes it.
 *
 * - take: create the item (a second host creating it at the same time gets SharePoint's duplicate
 *   value error and reads it again), or, once its ExpiresAt has passed, update it with the ETag it
 *   was read with (two hosts taking an expired lease: one gets 412 and reads it again, held);
 * - keep: renewed (ExpiresAt moved on, with the ETag of the last write) after a third of its TTL,
 *   before the run's next SharePoint request (`leaseGuard`), so a run renews between pages and items
 *   of every step without each step having to. A run that cannot renew in time, or finds the lease
 *   taken, stops: every later request of the run fails with `LeaseLostError`;
 * - release: ExpiresAt set to the present, with the ETag (also after a failed step). A crashed run
 *   releases nothing: its lease lapses after the TTL and the next run takes it.
 *
 * Times are the lease clock's (real elapsed time, injectable for tests), never the job's `now`.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { spfi, SPFI } from '@pnp/sp';
import type { Queryable } from '@pnp/queryable';
import { odataString } from '../../../core/odata';
import { JOB_LEASES_LIST_TITLE, LEASE_FIELDS } from '../../provisioning/jobLists';
import { etagOf } from '../../sp/etag';
import { withEtagRetry } from '../../sp/retry';
import { isDuplicateError, statusOf, StoredItem } from '../items';

export const RELAY_JOB_LEASE_KEY = 'relay-job';
export const DEFAULT_LEASE_TTL_MS = 5 * 60_000;

/** The run no longer holds the lease: it must stop (another run may be working). */
export class LeaseLostError extends Error {
  public constructor(reason: string) {
    super(`The relay job lost its lease (${reason}).`);
    this.name = 'LeaseLostError';
  }
}

export const isLeaseLost = (e: unknown): boolean => e instanceof LeaseLostError || (e instanceof Error && e.name === 'LeaseLostError');

export interface LeaseOptions {
  key: string;
  holder: string;
  runId: string;
  ttlMs: number;
  clock: () => Date;
}

interface LeaseState {
  id: number;
  etag: string;
  holder: string;
  runId: string;
  expiresAt: number;
  /** When the item was last written, by SharePoint's clock (ISO); '' when unknown. */
  modified?: string;
}

export class JobLease {
  private state: LeaseState | null = null;
  private renewedAt = 0;
  private renewing: Promise<void> | null = null;
  /** Why the lease was lost, once it was. */
  public lostReason: string | null = null;
  public renewals = 0;
  /** Who holds it when `take` found it held. */
  public heldBy: { holder: string; runId: string } | null = null;
  /**
   * When this run took the lease: when the item had last been written before (SharePoint's clock,
   * ISO), '' when the lease was new. A cadence lease (taken, never released) says with it when
   * the previous run of that cadence started, in the server's own time.
   */
  public previousModified = '';

  public constructor(private readonly sp: SPFI, private readonly options: LeaseOptions) {}

  private get list(): ReturnType<SPFI['web']['lists']['getByTitle']> {
    return this.sp.web.lists.getByTitle(JOB_LEASES_LIST_TITLE);
  }

  private now(): number {
    return this.options.clock().getTime();
  }

  private async read(): Promise<LeaseState | null> {
    const items = (await this.list.items
      .select('Id', 'Modified', LEASE_FIELDS.holder, LEASE_FIELDS.expiresAt, LEASE_FIELDS.runId)
      .filter(`${LEASE_FIELDS.leaseKey} eq ${odataString(this.options.key)}`).top(1)()) as StoredItem[];
    const item = items[0];
    if (!item) return null;
    const expiresAt = Date.parse(String(item[LEASE_FIELDS.expiresAt] || ''));
    return {
      id: item.Id,
      etag: etagOf(item),
      holder: String(item[LEASE_FIELDS.holder] || ''),
      runId: String(item[LEASE_FIELDS.runId] || ''),
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : 0,
      modified: String(item.Modified || '')
    };
  }

  private values(expiresAt: number): Record<string, unknown> {
    return {
      [LEASE_FIELDS.holder]: this.options.holder,
      [LEASE_FIELDS.runId]: this.options.runId,
      [LEASE_FIELDS.expiresAt]: new Date(expiresAt).toISOString()
    };
  }

  /** Takes the lease: true when this run holds it now, false when another run does. */
  public async take(): Promise<boolean> {
    const result = await withEtagRetry(() => this.read(), (current): (() => Promise<LeaseState>) | null => {
      const at = this.now();
      const expiresAt = at + this.options.ttlMs;
      if (!current) {
        return async () => {
          const item = (await this.list.items.add({ Title: this.options.key, [LEASE_FIELDS.leaseKey]: this.options.key, ...this.values(expiresAt) })) as StoredItem;
          return { id: item.Id, etag: etagOf(item) || '*', holder: this.options.holder, runId: this.options.runId, expiresAt };
        };
      }
      if (current.expiresAt > at) {
        this.heldBy = { holder: current.holder, runId: current.runId };
        return null;
      }
      return async () => {
        const res = (await this.list.items.getById(current.id).update(this.values(expiresAt), current.etag || '*')) as { etag?: string | null } | undefined;
        return { id: current.id, etag: (res && res.etag) || '*', holder: this.options.holder, runId: this.options.runId, expiresAt };
      };
    }, { isConflict: e => statusOf(e) === 412 || isDuplicateError(e) });
    if (!result.written) return false;
    this.previousModified = (result.state && result.state.modified) || '';
    this.state = result.result;
    this.renewedAt = this.now();
    this.heldBy = null;
    return true;
  }

  /** When the lease lapses (lease clock, ms), or null when not held. */
  public expiresAt(): number | null {
    return this.state ? this.state.expiresAt : null;
  }

  /** Renews the lease when a third of its TTL has passed since the last renewal; throws once it is lost. */
  public keep(): Promise<void> {
    if (this.lostReason) return Promise.reject(new LeaseLostError(this.lostReason));
    if (!this.state) return Promise.reject(new LeaseLostError('not taken'));
    // Requests made while a renewal is on its way wait for it (it says whether the lease is kept).
    if (this.renewing) return this.renewing;
    const at = this.now();
    if (at >= this.state.expiresAt) return Promise.reject(this.lose('expired'));
    if (at - this.renewedAt < this.options.ttlMs / 3) return Promise.resolve();
    this.renewing = this.renew().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private lose(reason: string): LeaseLostError {
    this.lostReason = this.lostReason || reason;
    return new LeaseLostError(this.lostReason);
  }

  private async renew(): Promise<void> {
    const state = this.state!;
    const expiresAt = this.now() + this.options.ttlMs;
    try {
      const res = (await this.list.items.getById(state.id).update(this.values(expiresAt), state.etag)) as { etag?: string | null } | undefined;
      this.state = { ...state, etag: (res && res.etag) || '*', expiresAt };
      this.renewedAt = this.now();
      this.renewals++;
    } catch (e) {
      // 412: someone wrote the lease since this run did, which only a run taking it over does.
      if (statusOf(e) === 412) throw this.lose('taken over');
      // Throttled or unavailable: the lease still runs for a while; the next request tries again,
      // unless less than a third of it is left (the run would risk working past its end).
      if (this.now() >= state.expiresAt - this.options.ttlMs / 3) throw this.lose(`not renewed (${statusOf(e) ?? 'error'})`);
    }
  }

  /**
   * Lets the lease go (ExpiresAt = now), unless another run took it meanwhile. Resolves the instant
   * written (from then on another run may take it), or null when not released.
   */
  public async release(): Promise<string | null> {
    const state = this.state;
    if (!state || this.lostReason) return null;
    const at = new Date(this.now()).toISOString();
    try {
      await this.list.items.getById(state.id).update({ [LEASE_FIELDS.expiresAt]: at }, state.etag);
      this.state = null;
      return at;
    } catch (e) {
      if (statusOf(e) === 412) return null;
      throw e;
    }
  }
}

/**
 * The job's SharePoint, every request of which first keeps the lease (PnPjs's `pre` moment runs
 * before each request, pages of a paged query included): the runner renews it without the steps
 * knowing, and a run that lost it sends nothing more.
 */
export function leaseGuarded(sp: SPFI, lease: JobLease): SPFI {
  return spfi(sp).using((instance: Queryable) => {
    instance.on.pre(async function (url: string, init: RequestInit, result: unknown) {
      await lease.keep();
      return [url, init, result];
    });
    return instance;
  });
}
