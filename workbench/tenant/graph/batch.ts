/**
 * JSON batching: POST /v1.0/$batch with { requests: [{ id, method, url, headers?, body?, dependsOn? }] }.
 * Source: "Combine multiple HTTP requests using JSON batching",
 * https://learn.microsoft.com/en-us/graph/json-batching
 * - at most 20 requests per batch, else 400;
 * - each request answered with its own id, status, headers and body; order is not guaranteed, so
 *   clients match answers by id (the Graph JS client's BatchResponseContent does);
 * - `dependsOn` orders requests; when a dependency fails, the dependent answers 424 Failed Dependency;
 * - a JSON body of a sub-request needs a Content-Type header; binary answers come back base64-encoded.
 */
import type { TenantContext, TenantRequest, TenantResponse } from '../types';
import { GRAPH_JSON, badRequest, graphError } from './errors';

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export const MAX_BATCH = 20;

type Dispatch = (req: TenantRequest, ctx: TenantContext) => Promise<TenantResponse>;

export async function handleBatch(req: TenantRequest, ctx: TenantContext, dispatch: Dispatch): Promise<TenantResponse> {
  let parsed: { requests?: unknown };
  try {
    parsed = JSON.parse(req.body.toString('utf8') || '{}') as { requests?: unknown };
  } catch {
    throw badRequest('Invalid batch payload format: the body is not JSON.', 'BadRequest');
  }
  if (!Array.isArray(parsed.requests) || parsed.requests.length === 0) {
    throw badRequest("Invalid batch payload format: 'requests' must be a non-empty array.", 'BadRequest');
  }
  if (parsed.requests.length > MAX_BATCH) {
    throw badRequest(`Number of requests (${parsed.requests.length}) exceeds the limit of ${MAX_BATCH}.`, 'BadRequest');
  }
  const items = parsed.requests as BatchItem[];
  const ids = new Set<string>();
  for (const it of items) {
    if (!it || typeof it.id !== 'string' || !it.id || typeof it.method !== 'string' || typeof it.url !== 'string') {
      throw badRequest('Invalid batch payload format: every request needs an id, a method and a url.', 'BadRequest');
    }
    if (ids.has(it.id)) throw badRequest(`Invalid batch payload format: duplicate request id '${it.id}'.`, 'BadRequest');
    ids.add(it.id);
  }
  for (const it of items) {
    for (const d of it.dependsOn || []) {
      if (!ids.has(d)) throw badRequest(`Invalid batch payload format: request '${it.id}' depends on unknown request '${d}'.`, 'BadRequest');
    }
  }

  const done = new Map<string, TenantResponse>();
  const order = topoOrder(items);
  for (const it of order) {
    const failed = (it.dependsOn || []).find(d => (done.get(d)!.status >= 400));
    if (failed) {
      done.set(it.id, graphError(424, 'FailedDependency', `Request '${it.id}' depends on request '${failed}', which failed.`));
      continue;
    }
    done.set(it.id, await runOne(req, ctx, it, dispatch));
  }
  return {
    status: 200,
    headers: { 'Content-Type': GRAPH_JSON },
    body: {
      responses: items.map(it => {
        const r = done.get(it.id)!;
        const headers = { ...(r.headers || {}) };
        let body: unknown = r.body;
        if (Buffer.isBuffer(body)) body = body.toString('base64');
        delete headers['Content-Length'];
        return body === undefined || body === null
          ? { id: it.id, status: r.status, headers }
          : { id: it.id, status: r.status, headers, body };
      })
    }
  };
}

function topoOrder(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map(i => [i.id, i]));
  const out: BatchItem[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (it: BatchItem): void => {
    const s = state.get(it.id);
    if (s === 2) return;
    if (s === 1) throw badRequest(`Invalid batch payload format: circular dependsOn through '${it.id}'.`, 'BadRequest');
    state.set(it.id, 1);
    for (const d of it.dependsOn || []) visit(byId.get(d)!);
    state.set(it.id, 2);
    out.push(it);
  };
  items.forEach(visit);
  return out;
}

async function runOne(outer: TenantRequest, ctx: TenantContext, it: BatchItem, dispatch: Dispatch): Promise<TenantResponse> {
  let rel = it.url.startsWith('/') ? it.url : `/${it.url}`;
  // The Graph JS client's BatchRequestContent strips only scheme and host from a Request's URL
  // (src/content/BatchRequestContent.ts), leaving `/v1.0/me` for Graph, and `/graph/v1.0/me` for the
  // local tenant's base path: both name the same resource as `/me`.
  rel = rel.replace(/^\/graph(?=\/v1\.0(\/|$))/i, '').replace(/^\/v1\.0(?=\/|$)/i, '') || '/';
  if (/^\/?(https?:)/i.test(it.url)) {
    return graphError(400, 'BadRequest', `Batch request '${it.id}': the url must be relative to the version, e.g. /me, not ${it.url}.`);
  }
  const url = new URL(`${outer.url.protocol}//${outer.url.host}/graph/v1.0${rel}`);
  if (/^\/\$batch\b/.test(rel)) return graphError(400, 'BadRequest', 'A batch may not contain another batch.');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(outer.headers)) {
    if (k === 'x-local-user' || k === 'cookie' || k === 'host' || k === 'authorization') headers[k] = String(v);
  }
  for (const [k, v] of Object.entries(it.headers || {})) headers[k.toLowerCase()] = String(v);
  let body = Buffer.alloc(0);
  if (it.body !== undefined && it.body !== null) {
    const ct = headers['content-type'];
    if (!ct) return graphError(400, 'BadRequest', `Batch request '${it.id}' has a body but no Content-Type header.`);
    body = typeof it.body === 'string'
      ? (ct.toLowerCase().startsWith('application/json') ? Buffer.from(it.body, 'utf8') : Buffer.from(it.body, 'base64'))
      : Buffer.from(JSON.stringify(it.body), 'utf8');
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  const sub: TenantRequest = { method: it.method.toUpperCase(), url, path, headers, body, user: outer.user };
  return dispatch(sub, ctx);
}
