/**
 * Turns what PnPjs and the Graph client throw into a small set of kinds the UI can explain in
 * the user's language. Nothing here logs the error's content (it may hold customer data).
 */
export type SuiteErrorKind = 'throttled' | 'offline' | 'forbidden' | 'notFound' | 'conflict' | 'generic';

export interface SuiteError {
  kind: SuiteErrorKind;
  status: number | null;
  /** Seconds to wait before retrying, when the server said so (Retry-After). */
  retryAfterSeconds: number | null;
}

interface MaybeHttpError {
  status?: number;
  statusCode?: number;
  response?: { status?: number; headers?: { get(name: string): string | null } };
  name?: string;
  message?: string;
}

export function toSuiteError(e: unknown): SuiteError {
  const err = (e || {}) as MaybeHttpError;
  // PnPjs HttpRequestError carries `status` and `response`; GraphError carries `statusCode`.
  const status = err.status ?? err.statusCode ?? err.response?.status ?? null;
  const retryAfterHeader = err.response?.headers?.get?.('Retry-After') ?? null;
  const retryAfterSeconds = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader.trim())
    ? Number(retryAfterHeader.trim())
    : null;
  let kind: SuiteErrorKind = 'generic';
  if (status === 429 || status === 503) kind = 'throttled';
  else if (status === 401 || status === 403) kind = 'forbidden';
  else if (status === 404) kind = 'notFound';
  else if (status === 409 || status === 412) kind = 'conflict';
  else if (status === null && (err.name === 'TypeError' || /fetch|network/i.test(err.message || ''))) kind = 'offline';
  return { kind, status: status === null ? null : Number(status), retryAfterSeconds };
}

/**
 * Whether a PnPjs error is SharePoint's "duplicate values" (unique column), whatever its status:
 * a create that a unique column (client id, endorsement key...) made idempotent.
 */
export function isDuplicateError(e: unknown): boolean {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /SPDuplicateValuesFoundException|-2130575169/.test(message);
}
