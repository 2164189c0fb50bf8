/**
 * `npm run package:jobs` (tools/package-functions.js): the Function App's zip holds host.json, a
 * package.json without dependencies and one bundle that requires nothing but Node and what the
 * Functions worker provides; loaded as the worker loads it, it registers the relay job's timer, and
 * its handler runs the job end to end against the local tenant with a managed identity whose
 * endpoint (App Service's, as on a Function App) is a local stand-in issuing local tokens.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { startJobTenant, JobTenant } from '../integration/relay-job-setup';
import { localAccessToken } from '../../workbench/tenant/tokens';
import { readFunctionSettings } from '../../jobs/functions/settings';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buildFunctionsPackage, unexpectedRequires, ZIP_NAME } = require('../../tools/package-functions');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { readZip } = require('../../tools/zip');

/** NCRONTAB with seconds: every minute (jobs/functions/index.ts). */
const RELAY_JOB_SCHEDULE = '0 */1 * * * *';

interface HostRun {
  model: { name: string; version: string } | null;
  registered: Array<{ name: string; bindings: Record<string, { type: string; schedule?: string; direction: string }> }>;
  logs: Array<{ level: string; line: string }>;
  error: string | null;
}

const HOST = path.join(__dirname, '..', 'support', 'functions-host.js');

function runInHost(bundle: string, env: Record<string, string>, invoke?: string): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    // Only what the app needs: no settings of this machine leak into the run.
    execFile(process.execPath, [HOST, bundle, ...(invoke ? [invoke] : [])], { env: { PATH: process.env.PATH || '', ...env }, timeout: 60000 }, (err, stdout, stderr) => {
      if (err && !stdout) return reject(new Error(`${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as HostRun);
    });
  });
}

let out: string;
let built: { zipPath: string; files: Array<{ name: string; bytes: number }>; zipBytes: number };
let entries: Map<string, Buffer>;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'functions-package-'));
  built = await buildFunctionsPackage(out);
  entries = readZip(fs.readFileSync(built.zipPath));
}, 60000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('the Function App package', () => {
  it('holds host.json, package.json and the bundle, nothing else', () => {
    expect(path.basename(built.zipPath)).toBe(ZIP_NAME);
    expect([...entries.keys()]).toEqual(['host.json', 'package.json', 'dist/index.js']);
    // The unzipped folder (for `func azure functionapp publish`) is the same files.
    for (const [name, data] of entries) expect(fs.readFileSync(path.join(out, 'app', name)).equals(data)).toBe(true);
    expect(built.zipBytes).toBeLessThan(1024 * 1024);
  });

  it('has a package.json whose main is the bundle and which depends on nothing', () => {
    const pkg = JSON.parse(entries.get('package.json')!.toString('utf8'));
    const suite = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ main: 'dist/index.js', version: suite.version, private: true, dependencies: {} });
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
  });

  it('has a host.json of the Functions runtime 4 with the extension bundle, and the run line never sampled out', () => {
    const host = JSON.parse(entries.get('host.json')!.toString('utf8'));
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
    expect(host.logging.applicationInsights.samplingSettings.excludedTypes.split(';')).toContain('Trace');
  });

  it('bundles everything but the module the Functions worker provides', () => {
    const code = entries.get('dist/index.js')!.toString('utf8');
    expect(unexpectedRequires(code)).toEqual([]);
    expect(code).toContain('require("@azure/functions-core")');
    expect(unexpectedRequires('require("@pnp/sp"); require("node:fs"); require("@azure/functions-core")')).toEqual(['@pnp/sp']);
  });

  it('registers the relay job timer with the worker, and reports missing settings at start', async () => {
    const run = await runInHost(path.join(out, 'app', 'dist', 'index.js'), {});
    expect(run.error).toBeNull();
    expect(run.model).toMatchObject({ name: '@azure/functions' });
    expect(run.registered).toHaveLength(1);
    const [fn] = run.registered;
    expect(fn.name).toBe('relayJob');
    expect(Object.values(fn.bindings)).toEqual([expect.objectContaining({ type: 'timerTrigger', direction: 'in', schedule: RELAY_JOB_SCHEDULE })]);
    expect(run.logs).toEqual([{ level: 'console.error', line: expect.stringMatching(/RELAY_SITE_URL is missing.*RELAY_SENDER is missing.*RELAY_CREDENTIAL is missing/) }]);
  });
});

describe('the packaged handler, end to end against the local tenant', () => {
  let j: JobTenant;
  let identity: http.Server;
  const asked: Array<{ resource: string | null; clientId: string | null; secret: string | undefined }> = [];
  beforeAll(async () => {
    j = await startJobTenant();
    // App Service's managed identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER), issuing local tokens.
    identity = http.createServer((req, res) => {
      const url = new URL(req.url || '/', 'http://localhost');
      asked.push({ resource: url.searchParams.get('resource'), clientId: url.searchParams.get('client_id'), secret: req.headers['x-identity-header'] as string | undefined });
      const expiresOn = Math.floor(Date.now() / 1000) + 3600;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: localAccessToken(j.jobUpn, { ttlSeconds: 3600 }), expires_on: String(expiresOn), resource: url.searchParams.get('resource'), token_type: 'Bearer' }));
    });
    await new Promise<void>(resolve => identity.listen(0, '127.0.0.1', resolve));
  }, 60000);
  afterAll(async () => {
    await new Promise(resolve => identity.close(resolve));
    await j.t.close();
  });

  it('runs the job with the managed identity\'s tokens and logs one run line', async () => {
    const port = (identity.address() as AddressInfo).port;
    const before = j.t.requests.length;
    const run = await runInHost(path.join(out, 'app', 'dist', 'index.js'), {
      RELAY_SITE_URL: j.t.siteUrl,
      GRAPH_BASE_URL: j.t.graphBaseUrl,
      RELAY_SENDER: j.jobUpn,
      RELAY_CREDENTIAL: 'managedIdentity',
      AZURE_CLIENT_ID: '00000000-0000-4000-8000-0000000000bb',
      IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`,
      IDENTITY_HEADER: 'local-identity-secret'
    }, 'relayJob');
    expect(run.error).toBeNull();
    const lines = run.logs.filter(l => l.line.startsWith('{"event":"relayJob.run"'));
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('info');
    expect(JSON.parse(lines[0].line)).toMatchObject({ outcome: 'ok', failed: 0, steps: expect.arrayContaining([expect.objectContaining({ name: 'stats', ok: true })]) });
    expect(asked).toEqual([{ resource: j.t.origin, clientId: '00000000-0000-4000-8000-0000000000bb', secret: 'local-identity-secret' }]);
    const sent = j.t.requests.slice(before);
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.every(r => /^Bearer /.test(String(r.headers.authorization)) && r.headers['x-local-user'] === undefined)).toBe(true);
  }, 60000);
});

describe('the infrastructure template (jobs/functions/infra/main.bicep)', () => {
  const bicep = fs.readFileSync(path.join(__dirname, '..', '..', 'jobs', 'functions', 'infra', 'main.bicep'), 'utf8');
  const appSettings = (): Map<string, string> => {
    const block = /appSettings: \[([\s\S]*?)\n\s*\]/.exec(bicep);
    const settings = new Map<string, string>();
    for (const m of (block ? block[1] : '').matchAll(/\{ name: '([A-Za-z0-9_]+)', value: ([^}]+?) \}/g)) settings.set(m[1], m[2].trim());
    return settings;
  };

  it('sets every setting the job checks, for the managed identity it creates', () => {
    const settings = appSettings();
    expect(settings.get('RELAY_CREDENTIAL')).toBe("'managedIdentity'");
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    // The template's values, as the deployment would set them (parameters filled in).
    const env: Record<string, string> = {};
    for (const [name, value] of settings) env[name] = value.startsWith("'") ? value.slice(1, -1) : ({ siteUrl: 'https://contoso.sharepoint.com/sites/intranet', sender: 'customer-feedback@contoso.example', graphBaseUrl: 'https://graph.microsoft.com' } as Record<string, string>)[value] ?? '00000000-0000-4000-8000-000000000001';
    env.RELAY_DASHBOARD_URL = '';
    env.RELAY_MY_RELAYS_URL = '';
    expect(() => readFunctionSettings(env)).not.toThrow();
  });

  it('runs the app as the identity, without keys: storage by identity, Application Insights with Entra authentication', () => {
    const settings = appSettings();
    expect(settings.get('AzureWebJobsStorage__credential')).toBe("'managedidentity'");
    expect([...settings.keys()].filter(k => /^AzureWebJobsStorage$|ConnectionString$|_KEY$|SECRET/i.test(k))).toEqual([]);
    expect(bicep).toMatch(/allowSharedKeyAccess: false/);
    expect(bicep).toMatch(/DisableLocalAuth: true/);
    expect(bicep).toMatch(/runtime: \{ name: 'node', version: '20' \}/);
    expect(bicep).toMatch(/type: 'UserAssigned'/);
  });
});
