/**
 * Faults on demand (Dev Proxy style) as the real clients meet them: the Graph client's RetryHandler
 * and PnPjs's BrowserFetchWithRetry retry a throttled request after Retry-After and succeed; a
 * faulted write is never performed; faults can target only SharePoint or only Graph.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { graphFor, startSeededTenant, SeededTenant, PERSONAS_UPN, RecordedRequest } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import type { FaultConfig } from '../../workbench/tenant/faults';
import type { OutboxMessage } from '../../workbench/tenant/types';

let t: SeededTenant;

beforeAll(async () => {
  t = await startSeededTenant();
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  const res = await fetch(`${t.origin}/_local/faults`, { method: 'DELETE' });
  expect(res.status).toBe(200);
});

async function setFaults(c: Partial<FaultConfig>): Promise<FaultConfig> {
  const res = await fetch(`${t.origin}/_local/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c) });
  expect(res.status).toBe(200);
  return await res.json() as FaultConfig;
}

function since(n: number, prefix: string): RecordedRequest[] {
  return t.requests.slice(n).filter(r => r.url.startsWith(prefix));
}

describe('throttling that the clients survive', () => {
  it('Graph client: a request throttled with 429 and Retry-After: 1 is retried and succeeds', async () => {
    await setFaults({ rateLimit: { requests: 1, windowSeconds: 1 }, paths: ['/graph/'] });
    const graph = graphFor(t.graphBaseUrl, PERSONAS_UPN.agent);
    const before = t.requests.length;
    await graph.api('/me').get();
    const started = Date.now();
    const me = await graph.api('/me').select('displayName').get() as { displayName: string };
    const elapsed = Date.now() - started;
    expect(me.displayName).toBe('Émilie Tremblay');
    const sent = since(before, '/graph/');
    expect(sent.map(r => r.status)).toEqual([200, 429, 200]);
    expect(sent[1].responseHeaders!['Retry-After']).toBe('1');
    expect(sent[1].responseHeaders!['RateLimit-Limit']).toBe('1');
    expect(sent[1].responseHeaders!['RateLimit-Remaining']).toBe('0');
    // The client waited Retry-After and said it was retrying (RetryHandler's Retry-Attempt header).
    expect(sent[2].headers['retry-attempt']).toBe('1');
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });

  it('PnPjs: a SharePoint request throttled with 429 and Retry-After: 1 is retried and succeeds', async () => {
    await setFaults({ failureRate: 1, failureStatuses: [429], retryAfterSeconds: 1, paths: ['/_api/'] });
    // Let exactly one request be throttled: switch faults off once the first 429 has been sent.
    const before = t.requests.length;
    const onResponse = (): void => {
      if (since(before, '/sites/intranet/_api/').some(r => r.status === 429)) t.tenant.faults.set({ failureRate: 0 });
    };
    const listener = (_req: unknown, res: { on(e: string, f: () => void): void }): void => res.on('finish', onResponse);
    t.server.on('request', listener);
    try {
      const started = Date.now();
      const web = await spFor(t.siteUrl, PERSONAS_UPN.agent).web.select('Title')();
      expect(web.Title).toBeTruthy();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      t.server.removeListener('request', listener);
    }
    const sent = since(before, '/sites/intranet/_api/');
    expect(sent.map(r => r.status)).toEqual([429, 200]);
    const body = sent[0].responseHeaders!;
    expect(body['Retry-After']).toBe('1');
  });
});

describe('faults never perform the request', () => {
  it('a Graph write answered 503 by fault injection sends nothing, even after the client retries', async () => {
    await fetch(`${t.origin}/_local/outbox`, { method: 'DELETE' });
    await setFaults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 0, paths: ['/graph/'] });
    const before = t.requests.length;
    let error: GraphError | null = null;
    try {
      await graphFor(t.graphBaseUrl, PERSONAS_UPN.manager).api('/me/sendMail').post({
        message: { subject: 'Ne doit pas partir', toRecipients: [{ emailAddress: { address: PERSONAS_UPN.agent } }] }
      });
    } catch (e) {
      error = e as GraphError;
    }
    expect(error && error.statusCode).toBe(503);
    // RetryHandler: the first attempt and three retries, all refused
    expect(since(before, '/graph/').map(r => r.status)).toEqual([503, 503, 503, 503]);
    const outbox = await (await fetch(`${t.origin}/_local/outbox`)).json() as { messages: OutboxMessage[] };
    expect(outbox.messages).toHaveLength(0);
  });

  it('a SharePoint write answered 503 by fault injection creates nothing, even after PnPjs retries', async () => {
    // Only list requests are faulted, so PnPjs still gets its request digest from /_api/contextinfo.
    await setFaults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 0, paths: ['/_api/web/lists'] });
    const sp = spFor(t.siteUrl, PERSONAS_UPN.admin);
    const before = t.requests.length;
    await expect(sp.web.lists.add('Faulted list')).rejects.toThrow(/503/);
    const listCalls = since(before, '/sites/intranet/_api/web/lists');
    // BrowserFetchWithRetry: three attempts in all
    expect(listCalls.map(r => r.status)).toEqual([503, 503, 503]);
    await setFaults({ failureRate: 0 });
    const exists = await sp.web.lists.filter("Title eq 'Faulted list'")();
    expect(exists).toHaveLength(0);
    // and the same write goes through once faults are off (the tenant admin may create lists)
    await sp.web.lists.add('Faulted list');
    expect(await sp.web.lists.filter("Title eq 'Faulted list'")()).toHaveLength(1);
  });

  it('faults limited to /_api/ leave Graph alone, and the other way round', async () => {
    await setFaults({ failureRate: 1, failureStatuses: [503], retryAfterSeconds: 0, paths: ['/_api/'] });
    const me = await graphFor(t.graphBaseUrl, PERSONAS_UPN.agent).api('/me').get() as { displayName: string };
    expect(me.displayName).toBe('Émilie Tremblay');
    const sp = await fetch(`${t.siteUrl}/_api/web`, { headers: { 'x-local-user': PERSONAS_UPN.agent, Accept: 'application/json' } });
    expect(sp.status).toBe(503);
    expect(sp.headers.get('retry-after')).toBe('0');
    const spBody = await sp.json() as Record<string, unknown>;
    expect(spBody['odata.error']).toBeDefined();

    await setFaults({ paths: ['/graph/'] });
    const graphRes = await fetch(`${t.graphBaseUrl}/v1.0/me`, { headers: { 'x-local-user': PERSONAS_UPN.agent } });
    expect(graphRes.status).toBe(503);
    expect((await graphRes.json() as { error: { code: string } }).error.code).toBe('serviceNotAvailable');
    const spOk = await fetch(`${t.siteUrl}/_api/web`, { headers: { 'x-local-user': PERSONAS_UPN.agent, Accept: 'application/json' } });
    expect(spOk.status).toBe(200);
  });

  it('never faults the local controls', async () => {
    await setFaults({ failureRate: 1 });
    const res = await fetch(`${t.origin}/_local/health`);
    expect(res.status).toBe(200);
    expect((await res.json() as { users: number }).users).toBe(t.seed.people);
  });
});

describe('latency and the /_local/faults API', () => {
  it('adds the configured latency', async () => {
    await setFaults({ latencyMs: { min: 250, max: 250 }, paths: ['/graph/'] });
    const started = Date.now();
    await graphFor(t.graphBaseUrl, PERSONAS_UPN.agent).api('/me').get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('validates changes, and DELETE resets', async () => {
    const bad = await fetch(`${t.origin}/_local/faults`, { method: 'POST', body: JSON.stringify({ failureRate: 2 }) });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: { message: string } }).error.message).toContain('failureRate');
    const unknown = await fetch(`${t.origin}/_local/faults`, { method: 'POST', body: JSON.stringify({ chaos: true }) });
    expect(unknown.status).toBe(400);
    const latency = await fetch(`${t.origin}/_local/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: { min: 10, max: 5 } }) });
    expect(latency.status).toBe(400);
    const set = await setFaults({ failureRate: 0.25, seed: 7 });
    expect(set).toMatchObject({ failureRate: 0.25, seed: 7 });
    const reset = await (await fetch(`${t.origin}/_local/faults`, { method: 'DELETE' })).json() as FaultConfig;
    expect(reset.failureRate).toBe(0);
    expect(reset.seed).toBeNull();
  });
});
