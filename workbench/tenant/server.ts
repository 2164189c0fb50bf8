/**
 * The local tenant: one HTTP handler that serves
 *   /sites/intranet/_api/...   SharePoint REST (./sp)
 *   /graph/v1.0/...            Microsoft Graph v1.0 (./graph)
 *   /_local/...                the local tenant's own controls (faults, outbox, identity)
 * and hands anything else to the caller (the workbench serves its pages there).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Database } from 'better-sqlite3';
import { openDatabase, findUserByUpn } from './db';
import { GRAPH_PATH, SITE_PATH, TenantContext, TenantRequest, TenantResponse } from './types';
import { initSharePointSchema, handleSharePoint, sharePointError } from './sp';
import { initGraphSchema, handleGraph, graphError } from './graph';
import { FaultInjector, faultsFromEnv } from './faults';
import { handleLocal } from './local';
import { readLocalBearer } from './tokens';

export interface LocalTenantOptions {
  /** SQLite file, or ':memory:'. */
  dbFile: string;
  /** Clock of the tenant (defaults to the wall clock). */
  now?: () => Date;
  /** Fault injection; defaults to what the environment asks for (see faults.ts). */
  faults?: FaultInjector;
}

export interface LocalTenant {
  db: Database;
  faults: FaultInjector;
  /** Handles the request if it is the tenant's; resolves false when it is not. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
  close(): void;
}

export const USER_COOKIE = 'local-user';
export const USER_HEADER = 'x-local-user';

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: http.ServerResponse, r: TenantResponse): void {
  const headers: Record<string, string> = { ...(r.headers || {}) };
  let payload: Buffer | string | undefined;
  if (r.body === undefined || r.body === null) payload = undefined;
  else if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) payload = r.body as string | Buffer;
  else {
    payload = JSON.stringify(r.body);
    if (!Object.keys(headers).some(h => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json;odata=verbose;charset=utf-8';
    }
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

export function createLocalTenant(options: LocalTenantOptions): LocalTenant {
  const db = openDatabase(options.dbFile);
  initSharePointSchema(db);
  initGraphSchema(db);
  const faults = options.faults || faultsFromEnv(process.env);
  const ctx: TenantContext = {
    db,
    now: options.now || (() => new Date()),
    siteUrl: (req: TenantRequest) => `${req.url.protocol}//${req.url.host}${SITE_PATH}`
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const host = req.headers.host || 'localhost';
    const url = new URL(req.url || '/', `http://${host}`);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const isSp = path.toLowerCase().startsWith(`${SITE_PATH}/_api`) || path.toLowerCase().startsWith('/_api');
    const isGraph = path.startsWith(`${GRAPH_PATH}/`);
    const isLocal = path.startsWith('/_local/');
    if (!isSp && !isGraph && !isLocal) return false;

    const body = await readBody(req);
    // The header, the cookie, then a local bearer token (./tokens.ts: token credentials, e.g. the Function App's).
    const bearer = readLocalBearer(req.headers.authorization);
    const upn = (req.headers[USER_HEADER] as string | undefined) || readCookie(req.headers.cookie, USER_COOKIE)
      || (bearer && 'upn' in bearer ? bearer.upn : null);
    const user = upn ? findUserByUpn(db, upn) : null;
    const expired = !upn && bearer !== null && 'expired' in bearer;
    const treq: TenantRequest = { method: (req.method || 'GET').toUpperCase(), url, path, headers: req.headers, body, user };

    try {
      if (isLocal) {
        send(res, await handleLocal(treq, ctx, faults));
        return true;
      }
      const fault = await faults.intercept(treq);
      if (fault) {
        send(res, fault);
        return true;
      }
      if (!user && expired) {
        // An expired local token: answered as SharePoint and Graph answer one, so the caller gets a new one.
        send(res, isSp
          ? sharePointError(401, '-2147024891, System.UnauthorizedAccessException', 'The access token has expired.')
          : graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'));
        return true;
      }
      if (!user) {
        // SharePoint and Graph both refuse an unauthenticated call with 401.
        send(res, isSp
          ? sharePointError(401, '-2147024891, System.UnauthorizedAccessException', 'Access denied. Sign in as a demo user (cookie local-user or header x-local-user).')
          : graphError(401, 'InvalidAuthenticationToken', 'Access token is empty. Sign in as a demo user (cookie local-user or header x-local-user).'));
        return true;
      }
      const answer = isSp ? await handleSharePoint(treq, ctx) : await handleGraph(treq, ctx);
      // Dev Proxy's RateLimitingPlugin warns with RateLimit-* headers once 80 % of the budget is used.
      const warning = faults.responseHeaders ? faults.responseHeaders(treq) : {};
      send(res, Object.keys(warning).length ? { ...answer, headers: { ...(answer.headers || {}), ...warning } } : answer);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      send(res, isGraph
        ? graphError(500, 'generalException', message)
        : sharePointError(500, '-2146232832, Microsoft.SharePoint.SPException', message));
    }
    return true;
  }

  return { db, faults, handle, close: () => db.close() };
}

export interface RunningTenant {
  tenant: LocalTenant;
  server: http.Server;
  /** e.g. http://127.0.0.1:53211 */
  origin: string;
  /** e.g. http://127.0.0.1:53211/sites/intranet */
  siteUrl: string;
  /** e.g. http://127.0.0.1:53211/graph (use with defaultVersion 'v1.0') */
  graphBaseUrl: string;
  close(): Promise<void>;
}

/** Starts the tenant alone on a port (0 picks a free one): what integration tests use. */
export async function startLocalTenant(options: LocalTenantOptions & { port?: number; host?: string }): Promise<RunningTenant> {
  const tenant = createLocalTenant(options);
  const server = http.createServer((req, res) => {
    tenant.handle(req, res).then(handled => {
      if (!handled) send(res, { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not found' });
    }).catch(err => {
      send(res, { status: 500, headers: { 'Content-Type': 'text/plain' }, body: String(err) });
    });
  });
  const host = options.host || '127.0.0.1';
  await new Promise<void>(resolve => server.listen(options.port || 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  return {
    tenant,
    server,
    origin,
    siteUrl: `${origin}${SITE_PATH}`,
    graphBaseUrl: `${origin}${GRAPH_PATH}`,
    close: () => new Promise<void>(resolve => {
      server.close(() => {
        tenant.close();
        resolve();
      });
      server.closeAllConnections();
    })
  };
}
