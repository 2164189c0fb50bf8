/**
 * Microsoft Graph's error shape and correlation headers.
 *
 * Graph answers every error as
 *   { "error": { "code": "...", "message": "...", "innerError": { "date", "request-id", "client-request-id" } } }
 * and sends `request-id` and `client-request-id` response headers.
 * Source: "Microsoft Graph error responses and resource types",
 * https://learn.microsoft.com/en-us/graph/errors
 * The Graph JS client reads `error.code`, `error.message` and `innerError.date` / `request-id`
 * (msgraph-sdk-javascript src/GraphErrorHandler.ts).
 */
import { randomUUID } from 'crypto';
import type { TenantResponse } from '../types';

/** JSON content type Graph uses for its answers. */
export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph formats innerError.date without fraction or zone, e.g. 2024-05-02T08:16:30. */
function graphDate(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function graphError(status: number, code: string, message: string): TenantResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'Content-Type': GRAPH_JSON, 'request-id': requestId, 'client-request-id': requestId },
    body: {
      error: {
        code,
        message,
        innerError: { date: graphDate(new Date()), 'request-id': requestId, 'client-request-id': requestId }
      }
    }
  };
}

/** An error that handlers throw; the router turns it into graphError(...). */
export class GraphHttpError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'BadRequest'): GraphHttpError => new GraphHttpError(400, code, message);
export const unsupportedQuery = (message: string): GraphHttpError => new GraphHttpError(400, 'Request_UnsupportedQuery', message);
export const notFound = (what: string): GraphHttpError => new GraphHttpError(404, 'Request_ResourceNotFound',
  `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`);

/**
 * Sets `request-id` and `client-request-id` on a Graph answer: the client's own
 * `client-request-id` is echoed when it sent one (the Graph JS client's TelemetryHandler sends one
 * for Graph hosts), and the ids inside an error body are made to match the headers.
 */
export function withCorrelation(res: TenantResponse, clientRequestId: string | undefined): TenantResponse {
  const headers: Record<string, string> = { ...(res.headers || {}) };
  const requestId = headers['request-id'] || randomUUID();
  headers['request-id'] = requestId;
  headers['client-request-id'] = clientRequestId || headers['client-request-id'] || requestId;
  const body = res.body as { error?: { innerError?: Record<string, string> } } | undefined;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && body.error && body.error.innerError) {
    body.error.innerError['request-id'] = requestId;
    body.error.innerError['client-request-id'] = headers['client-request-id'];
  }
  return { ...res, headers };
}
