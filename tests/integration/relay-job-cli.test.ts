/**
 * The relay job's Node entry (jobs/relay-job.ts): configuration from the environment and flags,
 * the policy read through the settings service, the summary printed as JSON, exit codes.
 */
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor } from '../support/sp-client';
import { ensureRelayJobAccount } from '../../workbench/tenant/seed/service';
import { provisionSuite } from '../../services/provisioning/provision';
import { SUITE_LISTS } from '../../services/provisioning/suiteLists';
import { defaultPolicy } from '../../core/policy';
import { main, readConfig, RelayJobConfigError } from '../../jobs/relay-job';

let t: SeededTenant;
let jobUpn: string;

beforeAll(async () => {
  t = await startSeededTenant();
  jobUpn = ensureRelayJobAccount(t.tenant.db);
  await provisionSuite(spFor(t.siteUrl, PERSONAS_UPN.admin), {
    roles: { tenantAdmins: [`c:0t.c|tenant|${t.seed.groups['tenant-admins']}`], management: [`c:0t.c|tenant|${t.seed.groups.management}`] },
    lists: SUITE_LISTS,
    initialPolicyJson: JSON.stringify(defaultPolicy())
  });
}, 60000);
afterAll(() => t.close());

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) } };
}

describe('npm run job:relay', () => {
  it('runs once against the local tenant as --local-user and prints the summary', async () => {
    const { out, err, io: sink } = io();
    const code = await main(['--local-user', jobUpn, '--graph', t.graphBaseUrl], { RELAY_SITE_URL: t.siteUrl, RELAY_SENDER: jobUpn }, sink);
    // The expertise sweep reports its counts on stderr; nothing else is said.
    expect(err.filter(l => !l.startsWith('expertise sweep:'))).toEqual([]);
    expect(code).toBe(0);
    const summary = JSON.parse(out.join('\n'));
    expect(summary).toMatchObject({ failed: 0, failedSteps: [], ingest: { processed: 0, failed: 0 } });
    expect(summary.stats.days).toHaveLength(2);
  });

  it('exits 1 when a step fails (an identity that may not read the lists), without customer text', async () => {
    const { out, err, io: sink } = io();
    const code = await main([], { RELAY_SITE_URL: t.siteUrl, RELAY_SENDER: PERSONAS_UPN.employee, LOCAL_USER: PERSONAS_UPN.employee, GRAPH_BASE_URL: t.graphBaseUrl }, sink);
    expect(code).toBe(1);
    const summary = JSON.parse(out.join('\n'));
    expect(summary.failed).toBeGreaterThan(0);
    expect(err.join('\n')).toMatch(/relay job: step \w+ failed \(HTTP 40[34]\)/);
  });

  it('without any tenant variable (the README\'s `npm run job:relay`) runs against the local workbench, and says so', async () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      siteUrl: 'http://localhost:4321/sites/intranet', graphBaseUrl: 'http://localhost:4321/graph',
      sender: jobUpn, localUser: jobUpn, localDefaults: true,
      dashboardUrl: 'http://localhost:4321/dashboard', myRelaysUrl: 'http://localhost:4321/relay?view=my'
    });
    expect(config.notices.join('\n')).toMatch(/local workbench at http:\/\/localhost:4321/);
    expect(readConfig({ PORT: '4400' }).siteUrl).toBe('http://localhost:4400/sites/intranet');
    // One tenant variable set: nothing is guessed.
    expect(() => readConfig({ RELAY_SITE_URL: 'https://x.example/sites/i' })).toThrow(/RELAY_SENDER/);

    // The workbench's port: the job runs there and prints the summary.
    const { out, err, io: sink } = io();
    const code = await main([], { PORT: new URL(t.siteUrl).port }, sink);
    expect(err[0]).toMatch(/No tenant configured/);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ failed: 0 });

    // Nothing listening: a clear message, not a stack.
    const down = io();
    expect(await main([], { PORT: '9' }, down.io)).toBe(1);
    expect(down.err.join('\n')).toMatch(/does not answer at http:\/\/localhost:9: start it with `npm start`/);
  }, 60000);

  it('exits 2 on a usage error: no site, no sender, no credentials, unknown flag', async () => {
    expect(() => readConfig({ RELAY_SENDER: 'a@b.example', LOCAL_USER: 'a@b.example' })).toThrow(RelayJobConfigError);
    expect(() => readConfig({ RELAY_SITE_URL: 'https://x.example/sites/i', LOCAL_USER: 'a@b.example' })).toThrow(/RELAY_SENDER/);
    expect(() => readConfig({ RELAY_SITE_URL: 'https://x.example/sites/i', RELAY_SENDER: 'a@b.example', SP_ACCESS_TOKEN: 'x' })).toThrow(/GRAPH_ACCESS_TOKEN/);
    const { err, io: sink } = io();
    expect(await main(['--nope'], {}, sink)).toBe(2);
    expect(err[0]).toMatch(/Unknown argument/);
  });

  it('reads tokens for a real tenant, and the Graph root without its version', () => {
    const config = readConfig({
      RELAY_SITE_URL: 'https://contoso.sharepoint.com/sites/intranet/', RELAY_SENDER: 'relay@contoso.example',
      SP_ACCESS_TOKEN: ' sp ', GRAPH_ACCESS_TOKEN: 'graph', GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0', RELAY_TEAMS_ACTIVITY: 'true'
    });
    expect(config).toMatchObject({
      siteUrl: 'https://contoso.sharepoint.com/sites/intranet', graphBaseUrl: 'https://graph.microsoft.com', spToken: 'sp', graphToken: 'graph',
      localUser: null, localDefaults: false
    });
  });

  it('Teams activity notifications are off for a real tenant (the Teams app declares no webApplicationInfo), and it says so', () => {
    const config = readConfig({
      RELAY_SITE_URL: 'https://contoso.sharepoint.com/sites/intranet', RELAY_SENDER: 'relay@contoso.example',
      SP_ACCESS_TOKEN: 'sp', GRAPH_ACCESS_TOKEN: 'graph', RELAY_TEAMS_ACTIVITY: '1'
    });
    expect(config.teamsActivity).toBe(false);
    expect(config.notices.join('\n')).toMatch(/Teams activity notifications are off.*webApplicationInfo/);
    // The local tenant records them in its outbox, so the workbench keeps them.
    expect(readConfig({ RELAY_SITE_URL: 'http://localhost:4321/sites/intranet', RELAY_SENDER: 'a@b.example', LOCAL_USER: 'a@b.example', RELAY_TEAMS_ACTIVITY: '1' }).teamsActivity).toBe(true);
  });
});
