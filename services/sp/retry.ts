/**
 * Optimistic concurrency, written once: read the item, compute the change from what was read, send
 * it with the ETag read; on 412 (someone changed it meanwhile) read again and decide again. Like
 * PnPjs's own retry behaviour (`packages/queryable/behaviors/browser-fetch.ts`: one small function,
 * settings with defaults), but for conflicts rather than throttling.
 *
 * `decide` sees the fresh state every time: it returns the write to make, or `null` when nothing is
 * left to do (the change is already there, or no longer applies). That is what lets a caller tell
 * "my change was applied" from "someone else's change won": it never re-applies blindly.
 */
import { toSuiteError } from '../errors';

export interface EtagRetryOptions {
  /** Writes tried after the first one answered 412 (default 3). */
  retries: number;
  /** Whether an error is a conflict worth reading again for (default: HTTP 412). */
  isConflict: (e: unknown) => boolean;
}

export const DEFAULT_ETAG_RETRY: EtagRetryOptions = {
  retries: 3,
  isConflict: (e: unknown) => toSuiteError(e).status === 412
};

export type EtagRetryResult<S, R> =
  | { written: true; state: S; result: R; attempts: number }
  | { written: false; state: S; attempts: number };

/** Thrown when every attempt met a conflict: the item kept changing. */
export class EtagConflictError extends Error {
  public readonly status = 412;
  public constructor(public readonly attempts: number) {
    super(`The item kept changing (${attempts} attempts).`);
    this.name = 'EtagConflictError';
  }
}

/**
 * Reads, decides and writes, again after each conflict.
 * @param read     the current state (with its ETag)
 * @param decide   the write to make against that state, or null when there is nothing to write
 * @param options  retries and what counts as a conflict
 */
export async function withEtagRetry<S, R>(
  read: () => Promise<S>,
  decide: (state: S, attempt: number) => (() => Promise<R>) | null,
  options: Partial<EtagRetryOptions> = {}
): Promise<EtagRetryResult<S, R>> {
  const settings: EtagRetryOptions = { ...DEFAULT_ETAG_RETRY, ...options };
  for (let attempt = 0; ; attempt++) {
    const state = await read();
    const write = decide(state, attempt);
    if (!write) return { written: false, state, attempts: attempt };
    try {
      return { written: true, state, result: await write(), attempts: attempt + 1 };
    } catch (e) {
      if (!settings.isConflict(e)) throw e;
      if (attempt >= settings.retries) throw new EtagConflictError(attempt + 1);
    }
  }
}
