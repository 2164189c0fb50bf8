/**
 * Test support for Microsoft Graph against the local tenant.
 *
 *   const t = await startSeededTenant();
 *   const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
 *   const me = await graph.api('/me').get();
 *
 * `graphFor` builds the real Graph JS client (3.0.2) the way the suite's services use it, pointed at
 * the local tenant: every request carries `x-local-user: <upn>` (the demo user it runs as).
 */
import * as http from 'http';
import { Client } from '@microsoft/microsoft-graph-client';
import type { Options } from '@microsoft/microsoft-graph-client';
import { startLocalTenant, RunningTenant, LocalTenantOptions } from '../../workbench/tenant/server';
import { seedDemo, SeedSummary, personaByRole } from '../../workbench/tenant/seed';

/** The demo's fixed "today", so that seeded data is the same in every run. */
export const TEST_REFERENCE_DATE = new Date('2026-11-02T12:00:00Z');

export const PERSONAS_UPN = {
  agent: personaByRole('frontline-agent').upn,
  manager: personaByRole('manager').upn,
  director: personaByRole('director').upn,
  comms: personaByRole('communications-officer').upn,
  admin: personaByRole('tenant-admin').upn,
  employee: personaByRole('employee').upn,
  communityManager: personaByRole('community-manager').upn,
  ceo: personaByRole('executive').upn,
  guest: personaByRole('guest').upn
};

/** A Graph client that runs as `upn` against the local tenant's `graphBaseUrl` (e.g. http://127.0.0.1:5123/graph). */
export function graphFor(graphBaseUrl: string, upn: string, extra: Partial<Options> = {}): Client {
  return Client.init({
    baseUrl: graphBaseUrl,
    defaultVersion: 'v1.0',
    // The local tenant does not check tokens; the client still needs an auth provider.
    authProvider: done => done(null, 'local'),
    fetchOptions: { headers: { 'x-local-user': upn } },
    ...extra
  });
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  status?: number;
  responseHeaders?: http.OutgoingHttpHeaders;
}

export interface SeededTenant extends RunningTenant {
  seed: SeedSummary;
  /** Every HTTP request the tenant received, with the status it answered (filled as responses finish). */
  requests: RecordedRequest[];
}

/** Starts an in-memory local tenant on a free port, seeded with the demo organisation. */
export async function startSeededTenant(options: Partial<LocalTenantOptions> & { people?: number } = {}): Promise<SeededTenant> {
  const running = await startLocalTenant({ dbFile: ':memory:', port: 0, now: () => TEST_REFERENCE_DATE, ...options });
  const seed = seedDemo(running.tenant.db, { referenceDate: TEST_REFERENCE_DATE, people: options.people });
  const requests: RecordedRequest[] = [];
  // Listeners run in order: this one is added after the tenant's, and only observes.
  running.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const entry: RecordedRequest = { method: req.method || 'GET', url: req.url || '/', headers: req.headers };
    requests.push(entry);
    // The tenant answers with writeHead(status, headers): record those headers as they are sent.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    (res as unknown as { writeHead: (...args: unknown[]) => http.ServerResponse }).writeHead = (...args: unknown[]) => {
      const headers = args.find(a => a && typeof a === 'object') as http.OutgoingHttpHeaders | undefined;
      entry.responseHeaders = { ...(headers || {}) };
      return writeHead(...args);
    };
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
  });
  return Object.assign(running, { seed, requests });
}

/** Removes the origin and version from an absolute Graph URL (for client.api(...)). */
export function relativeGraphPath(absolute: string): string {
  const u = new URL(absolute);
  return `${u.pathname.replace(/^\/graph\/v1\.0/, '')}${u.search}`;
}
