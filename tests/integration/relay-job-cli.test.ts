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
    expect(err).toEqual([]);
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
      localUser: null, teamsActivity: true
    });
  });
});
