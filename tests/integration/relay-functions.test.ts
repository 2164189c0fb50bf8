/**
 * The Function App's timer handler (jobs/functions/), without the Functions host, against the local
 * tenant: a token credential that issues local tokens (workbench/tenant/tokens.ts) instead of
 * Entra's, so the requests authenticate exactly as in a tenant (a bearer token per request, no
 * x-local-user header) and nothing leaves the machine.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import { startJobTenant, JobTenant, addRelay } from './relay-job-setup';
import { PERSONAS_UPN } from '../support/graph-client';
import { localAccessToken } from '../../workbench/tenant/tokens';
import { runRelayFunction, RelayRunError, FunctionLogger } from '../../jobs/functions/relayJob';
import { FunctionSettingsError, readFunctionSettings, CredentialSettings } from '../../jobs/functions/settings';
import { RunTokens } from '../../jobs/functions/auth';
import { RUN_EVENT, RunLine } from '../../jobs/functions/summaryLine';
import { RELAY_STATS_LIST_TITLE } from '../../services/provisioning/relayLists';
import { JOB_LEASES_LIST_TITLE, LEASE_FIELDS } from '../../services/provisioning/jobLists';

let j: JobTenant;
beforeAll(async () => {
  j = await startJobTenant();
}, 60000);
afterAll(() => j.t.close());
afterEach(() => j.t.tenant.faults.set({ failureRate: 0, paths: [] }));

/** A credential for one demo user: what a managed identity is to the Function App. */
class LocalCredential implements TokenCredential {
  public readonly scopes: string[] = [];
  public constructor(private readonly upn: string, private readonly ttlSeconds = 3600) {}
  public async getToken(scopes: string | string[]): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0] : scopes;
    this.scopes.push(scope);
    return { token: localAccessToken(this.upn, { audience: scope, ttlSeconds: this.ttlSeconds }), expiresOnTimestamp: Date.now() + this.ttlSeconds * 1000 };
  }
}

function recorder(): FunctionLogger & { lines: Array<{ level: string; line: string }>; runLines(): RunLine[] } {
  const lines: Array<{ level: string; line: string }> = [];
  return {
    lines,
    info: line => lines.push({ level: 'info', line }),
    warn: line => lines.push({ level: 'warn', line }),
    error: line => lines.push({ level: 'error', line }),
    runLines: () => lines.filter(l => l.line.startsWith(`{"event":"${RUN_EVENT}"`)).map(l => JSON.parse(l.line) as RunLine)
  };
}

const settingsFor = (extra: Record<string, string> = {}): Record<string, string> => ({
  RELAY_SITE_URL: j.t.siteUrl,
  GRAPH_BASE_URL: j.t.graphBaseUrl,
  RELAY_SENDER: j.jobUpn,
  RELAY_CREDENTIAL: 'managedIdentity',
  AZURE_CLIENT_ID: '00000000-0000-4000-8000-0000000000aa',
  WEBSITE_SITE_NAME: 'relay-test',
  ...extra
});

describe('the relay job timer of the Function App', () => {
  it('runs the job with the credential\'s tokens and logs one line with the steps and counts, without customer data', async () => {
    const words = 'Mrs Jones at 12 Elm Street never got her parcel';
    await addRelay(j, PERSONAS_UPN.agent, null, words);
    const credential = new LocalCredential(j.jobUpn);
    const asked: CredentialSettings[] = [];
    const log = recorder();
    const before = j.t.requests.length;

    const summary = await runRelayFunction(settingsFor(), s => {
      asked.push(s);
      return credential;
    }, log);

    expect(summary).toMatchObject({ failed: 0, failedSteps: [], skipped: null, ingest: { processed: 1, failed: 0 } });
    expect(asked).toEqual([{ kind: 'managedIdentity', clientId: '00000000-0000-4000-8000-0000000000aa' }]);
    // One token per resource for the whole run, asked for its origin's app-only scope (the local
    // tenant serves SharePoint and Graph on one origin, so one token serves both).
    expect(credential.scopes).toEqual([`${j.t.origin}/.default`]);
    const sent = j.t.requests.slice(before);
    expect(sent.length).toBeGreaterThan(5);
    for (const r of sent) {
      expect(r.headers['x-local-user']).toBeUndefined();
      expect(String(r.headers.authorization)).toMatch(/^Bearer [\w-]+\.[\w-]+\.$/);
    }
    expect(sent.some(r => r.url.startsWith('/graph/'))).toBe(true);

    const lines = log.runLines();
    expect(lines).toHaveLength(1);
    expect(log.lines.filter(l => l.line.startsWith('{')).map(l => l.level)).toEqual(['info']);
    const [line] = lines;
    expect(line).toMatchObject({ event: RUN_EVENT, outcome: 'ok', skipped: null, failed: 0, failedSteps: [], tokenRequests: 1, lease: { lost: false } });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(line.steps.map(s => s.name)).toEqual(summary.steps.map(s => s.name));
    expect(line.steps.map(s => s.name)).toEqual(expect.arrayContaining(['ingest', 'clock', 'outcomes', 'stats']));
    expect(line.steps.find(s => s.name === 'ingest')).toMatchObject({ ok: true, counts: { processed: 1, created: expect.any(Number) } });
    expect(line.steps.find(s => s.name === 'stats')!.counts).toMatchObject({ days: 2 });
    const everything = log.lines.map(l => l.line).join('\n');
    expect(everything).not.toMatch(/Jones|Elm Street|parcel/);
    expect(everything).not.toContain('@');
  });

  it('fails the invocation when a step fails, after logging the run\'s line with the step', async () => {
    // Every request to the statistics list answers 500: the stats step fails, the others run.
    j.t.tenant.faults.set({ failureRate: 1, failureStatuses: [500], paths: [`/_api/web/lists/getByTitle('${RELAY_STATS_LIST_TITLE}')`] });
    const log = recorder();
    await expect(runRelayFunction(settingsFor(), () => new LocalCredential(j.jobUpn), log)).rejects.toThrow(RelayRunError);
    await expect(runRelayFunction(settingsFor(), () => new LocalCredential(j.jobUpn), log)).rejects.toThrow(/relay job failed: 1 failure\(s\) in stats/);
    const [line] = log.runLines();
    expect(log.lines.find(l => l.line.startsWith('{'))!.level).toBe('error');
    expect(line).toMatchObject({ outcome: 'failed', failed: 1, failedSteps: ['stats'] });
    expect(line.steps.find(s => s.name === 'stats')).toMatchObject({ ok: false, error: 'HTTP 500' });
    expect(line.steps.find(s => s.name === 'ingest')).toMatchObject({ ok: true });
    expect(log.lines.some(l => l.level === 'warn' && /relay job: step stats failed \(HTTP 500\)/.test(l.line))).toBe(true);
  });

  it('reports every missing setting by name before any request, and fails the invocation', async () => {
    const log = recorder();
    const before = j.t.requests.length;
    let factoryCalls = 0;
    const run = runRelayFunction({ RELAY_SITE_URL: j.t.siteUrl, RELAY_CREDENTIAL: 'certificate', AZURE_CLIENT_ID: 'x' }, () => {
      factoryCalls++;
      return new LocalCredential(j.jobUpn);
    }, log);
    await expect(run).rejects.toThrow(RelayRunError);
    expect(factoryCalls).toBe(0);
    expect(j.t.requests.length).toBe(before);
    const [line] = log.runLines();
    expect(line).toMatchObject({ outcome: 'failed', steps: [], tokenRequests: 0 });
    expect(line.error).toMatch(/RELAY_SENDER is missing/);
    expect(line.error).toMatch(/AZURE_TENANT_ID is missing/);
    expect(line.error).toMatch(/AZURE_CLIENT_CERTIFICATE_PATH or RELAY_CERTIFICATE_PEM is missing/);
    expect(line.error).not.toMatch(/RELAY_SITE_URL|AZURE_CLIENT_ID/);
  });

  it('fails the invocation with the credential\'s reason when no token can be had', async () => {
    const log = recorder();
    const failing: TokenCredential = { getToken: async () => { throw Object.assign(new Error('No managed identity with client id 00000000-0000-4000-8000-0000000000aa'), { name: 'CredentialUnavailableError' }); } };
    await expect(runRelayFunction(settingsFor(), () => failing, log)).rejects.toThrow(/No token for .*\/\.default: CredentialUnavailableError: No managed identity/);
    expect(log.runLines()[0]).toMatchObject({ outcome: 'failed', tokenRequests: 1 });
  });

  it('succeeds without work when another host holds the lease (skipped, not failed)', async () => {
    // Another host holds the lease for the next ten minutes (the lease runs on the wall clock).
    const leases = j.admin.web.lists.getByTitle(JOB_LEASES_LIST_TITLE).items;
    const [existing] = await leases.filter(`${LEASE_FIELDS.leaseKey} eq 'relay-job'`)();
    const values = { [LEASE_FIELDS.holder]: 'other-host:4242', [LEASE_FIELDS.runId]: 'other-run', [LEASE_FIELDS.expiresAt]: new Date(Date.now() + 600_000).toISOString() };
    if (existing) await leases.getById(existing.Id as number).update(values);
    else await leases.add({ Title: 'relay-job', [LEASE_FIELDS.leaseKey]: 'relay-job', ...values });

    const log = recorder();
    const summary = await runRelayFunction(settingsFor(), () => new LocalCredential(j.jobUpn), log);
    expect(summary).toMatchObject({ skipped: 'leaseHeld', failed: 0, steps: [] });
    expect(log.runLines()).toMatchObject([{ outcome: 'skipped', skipped: 'leaseHeld', failed: 0, steps: [] }]);
    // Nothing of the holder (a host name) in the line.
    expect(log.lines.map(l => l.line).join('\n')).not.toContain('other-host');
  });
});

describe('settings and tokens', () => {
  it('accepts http:// only for this machine, and derives the token scopes from the origins', () => {
    const base = { RELAY_SENDER: 's@contoso.example', RELAY_CREDENTIAL: 'managedIdentity', AZURE_CLIENT_ID: 'id' };
    expect(() => readFunctionSettings({ ...base, RELAY_SITE_URL: 'http://contoso.sharepoint.com/sites/hub' })).toThrow(/RELAY_SITE_URL must be an https:\/\/ URL/);
    expect(() => readFunctionSettings({ ...base, RELAY_SITE_URL: 'https://contoso.sharepoint.com/sites/hub', RELAY_CREDENTIAL: 'secret' })).toThrow(FunctionSettingsError);
    const s = readFunctionSettings({ ...base, RELAY_SITE_URL: 'https://contoso.sharepoint.com/sites/hub/', GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0' });
    expect(s).toMatchObject({ siteUrl: 'https://contoso.sharepoint.com/sites/hub', graphBaseUrl: 'https://graph.microsoft.us', scopes: { sharePoint: 'https://contoso.sharepoint.com/.default', graph: 'https://graph.microsoft.us/.default' } });
  });

  it('asks for a new token when the one held is about to expire, and shares one request between concurrent askers', async () => {
    let now = 1_000_000;
    let issued = 0;
    const credential: TokenCredential = { getToken: async () => ({ token: `t${++issued}`, expiresOnTimestamp: now + 10 * 60_000 }) };
    const tokens = new RunTokens(credential, () => now);
    expect(await Promise.all([tokens.get('a'), tokens.get('a')])).toEqual(['t1', 't1']);
    now += 4 * 60_000;
    expect(await tokens.get('a')).toBe('t1');
    now += 2 * 60_000; // 4 minutes left: within the refresh margin
    expect(await tokens.get('a')).toBe('t2');
    expect(tokens.requests).toBe(2);
  });
});
