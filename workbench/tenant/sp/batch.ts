/**
 * `POST /_api/$batch`: OData v3 multipart/mixed batches as PnPjs `batched()` sends them
 * (packages/sp/batching.ts: GETs as top-level parts, writes inside `changeset_` parts), answered as
 * SharePoint Online answers: one flat `--batchresponse_<id>` part per request, each holding an
 * embedded HTTP response, in request order (PnPjs's parseResponse reads exactly that).
 * "Make batch requests with the REST APIs":
 * https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis
 * Changesets are not atomic in SharePoint Online either: each request succeeds or fails on its own.
 */
import { randomUUID } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import type { TenantRequest, TenantResponse } from '../types';
import type { SpCtx } from './context';
import { badRequest } from './errors';

interface Part { headers: Record<string, string>; body: string }

function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType || '');
  return m ? m[1] : null;
}

function splitHeaders(lines: string[]): { headers: Record<string, string>; rest: string[] } {
  const headers: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      break;
    }
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { headers, rest: lines.slice(i) };
}

function parseMultipart(text: string, boundary: string): Part[] {
  const lines = text.split(/\r?\n/);
  const parts: Part[] = [];
  let cur: string[] | null = null;
  for (const line of lines) {
    if (line.trim() === `--${boundary}` || line.trim() === `--${boundary}--`) {
      if (cur) {
        const { headers, rest } = splitHeaders(cur);
        parts.push({ headers, body: rest.join('\n') });
      }
      cur = line.trim().endsWith('--') && line.trim() === `--${boundary}--` ? null : [];
      continue;
    }
    if (cur) cur.push(line);
  }
  return parts;
}

interface SubRequest { method: string; url: string; headers: Record<string, string>; body: string }

function flatten(parts: Part[]): SubRequest[] {
  const out: SubRequest[] = [];
  for (const p of parts) {
    const ct = p.headers['content-type'] || '';
    if (/^multipart\/mixed/i.test(ct)) {
      const b = boundaryOf(ct);
      if (!b) throw badRequest('A changeset part has no boundary.');
      out.push(...flatten(parseMultipart(p.body, b)));
      continue;
    }
    if (!/^application\/http/i.test(ct)) throw badRequest(`A batch part has the unsupported Content-Type '${ct}'.`);
    const lines = p.body.split('\n');
    while (lines.length && lines[0].trim() === '') lines.shift();
    const m = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.[01]$/i.exec((lines[0] || '').trim());
    if (!m) throw badRequest(`A batch part has no valid request line: '${lines[0] || ''}'.`);
    const { headers, rest } = splitHeaders(lines.slice(1));
    out.push({ method: m[1].toUpperCase(), url: m[2], headers, body: rest.join('\n').trim() });
  }
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 503: 'Service Unavailable'
};

export async function handleBatch(ctx: SpCtx, run: (sub: TenantRequest) => TenantResponse | Promise<TenantResponse>): Promise<TenantResponse> {
  const ct = ctx.req.headers['content-type'];
  const boundary = boundaryOf(Array.isArray(ct) ? ct[0] : ct);
  if (!boundary) throw badRequest('The $batch request needs Content-Type: multipart/mixed; boundary=...');
  const subs = flatten(parseMultipart(ctx.req.body.toString('utf8'), boundary));
  const digest = ctx.req.headers['x-requestdigest'];
  const responseBoundary = `batchresponse_${randomUUID()}`;
  const out: string[] = [];
  for (const s of subs) {
    let url: URL;
    try {
      url = new URL(s.url, ctx.req.url);
    } catch {
      throw badRequest(`The batch part URL '${s.url}' is not valid.`);
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const headers: IncomingHttpHeaders = { ...s.headers, host: ctx.req.url.host };
    if (digest) headers['x-requestdigest'] = digest;
    if (s.method !== 'GET' && s.method !== 'POST') {
      // PnPjs moves X-HTTP-Method into the request line (MERGE, DELETE): restore it for the router.
      headers['x-http-method'] = s.method;
    }
    const sub: TenantRequest = {
      method: s.method === 'GET' ? 'GET' : 'POST', url, path, headers, body: Buffer.from(s.body, 'utf8'), user: ctx.req.user
    };
    let r: TenantResponse;
    try {
      r = await run(sub);
    } catch (e) {
      r = { status: 500, headers: { 'Content-Type': 'text/plain' }, body: e instanceof Error ? e.message : String(e) };
    }
    out.push(`--${responseBoundary}`, 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '');
    out.push(`HTTP/1.1 ${r.status} ${STATUS_TEXT[r.status] || 'Status'}`);
    for (const [k, v] of Object.entries(r.headers || {})) out.push(`${k.toUpperCase() === 'CONTENT-TYPE' ? 'CONTENT-TYPE' : k}: ${v}`);
    out.push('');
    const body = r.body === undefined || r.body === null ? '' : typeof r.body === 'string' ? r.body : Buffer.isBuffer(r.body) ? r.body.toString('utf8') : JSON.stringify(r.body);
    out.push(body);
  }
  out.push(`--${responseBoundary}--`, '');
  return {
    status: 200,
    headers: { 'Content-Type': `multipart/mixed; boundary=${responseBoundary}` },
    body: out.join('\r\n')
  };
}
