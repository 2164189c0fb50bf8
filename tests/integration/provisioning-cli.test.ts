/**
 * `--dry-run` writes nothing, and `npm run provision` (tools/provision.ts, called through its
 * `main`) provisions the local tenant end to end.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { startSeededTenant, PERSONAS_UPN, SeededTenant } from '../support/graph-client';
import { spFor, spErrorOf } from '../support/sp-client';
import { setSiteAdmin } from '../../workbench/tenant/sp/admin';
import { provisionSuite } from '../../services/provisioning/provision';
import { SETTINGS_LIST_TITLE, POLICY_FIELD, SUITE_SETTINGS_LIST } from '../../services/provisioning/schema';
import { defaultPolicy } from '../../core/policy';
import { main, parseArgs, rolesFromPolicy, tenantIdOfToken } from '../../tools/provision';

let t: SeededTenant;
let adminsClaim: string;

/** Requests that are not plain reads: anything but GET, `$batch` of reads and `contextinfo`. */
function writesSince(from: number): string[] {
  return t.requests.slice(from)
    .filter(r => r.method !== 'GET' && !/\/(\$batch|contextinfo)$/.test(r.url.split('?')[0]))
    .map(r => `${r.method} ${r.url}`);
}

function capture(): { lines: string[]; errors: string[]; io: { log(l: string): void; error(l: string): void } } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, io: { log: l => lines.push(l), error: l => errors.push(l) } };
}

beforeAll(async () => {
  t = await startSeededTenant();
  // Provisioning as a tenant admin who is not a site collection admin (the copy-then-prune path).
  setSiteAdmin(t.tenant.db, PERSONAS_UPN.admin, false);
  adminsClaim = `c:0t.c|tenant|${t.seed.groups['tenant-admins']}`;
});
afterAll(() => t.close());

describe('dry run', () => {
  it('reports what a run would do and writes nothing', async () => {
    const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
    const from = t.requests.length;
    const report = await provisionSuite(admin, {
      roles: { tenantAdmins: [adminsClaim] }, lists: [SUITE_SETTINGS_LIST], initialPolicyJson: JSON.stringify(defaultPolicy()), dryRun: true, appCatalogSp: spFor(t.origin, PERSONAS_UPN.admin)
    });
    expect(report.dryRun).toBe(true);
    expect(report.changes.map(c => c.kind)).toEqual([
      'createdList', 'addedField', 'addedField', 'brokeInheritance', 'addedRoleAssignment', 'addedRoleAssignment', 'addedRoleAssignment',
      'createdPolicyItem', 'setHubSiteUrl'
    ]);
    expect(writesSince(from)).toEqual([]);
    // Only reads went into the batches (no ensureUser, no change set).
    const batches = t.requests.slice(from).filter(r => r.url.endsWith('/$batch'));
    expect(batches.length).toBeGreaterThan(0);
    expect((await spErrorOf(admin.web.lists.getByTitle(SETTINGS_LIST_TITLE)())).status).toBe(404);
    const entity = await admin.web.getStorageEntity('SocialIntranetHubSiteUrl');
    expect(entity.Value).toBeUndefined();
  });

  it('on a provisioned site, reports nothing and writes nothing', async () => {
    const admin = spFor(t.siteUrl, PERSONAS_UPN.admin);
    await provisionSuite(admin, { roles: { tenantAdmins: [adminsClaim] } });
    // A newer schema, previewed: the added field is reported, not created.
    const newer = { ...SUITE_SETTINGS_LIST, fields: [...SUITE_SETTINGS_LIST.fields, { internalName: 'Extra', title: 'Extra', type: 'Text' as const }] };
    const from = t.requests.length;
    const same = await provisionSuite(admin, { roles: { tenantAdmins: [adminsClaim] }, dryRun: true });
    expect(same.changes).toEqual([]);
    const preview = await provisionSuite(admin, { roles: { tenantAdmins: [adminsClaim] }, lists: [newer], dryRun: true });
    expect(preview.changes).toEqual([{ kind: 'addedField', target: `${SETTINGS_LIST_TITLE}/Extra`, detail: 'Text' }]);
    expect(writesSince(from)).toEqual([]);
    const fields = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).fields.select('InternalName')();
    expect(fields.map((f: { InternalName: string }) => f.InternalName)).not.toContain('Extra');
  });
});

describe('npm run provision (tools/provision.ts)', () => {
  let t2: SeededTenant;
  let dir: string;
  const owner = `it.owner@${PERSONAS_UPN.admin.split('@')[1]}`;

  beforeAll(async () => {
    t2 = await startSeededTenant();
    // An app catalog admin (here: a site collection admin of the local tenant) who is also a tenant admin.
    t2.tenant.db.prepare(`INSERT INTO users (id, userPrincipalName, displayName, mail, userType, accountEnabled)
      VALUES ('00000000-0000-4000-8000-0000000cafe1', ?, 'IT owner', ?, 'Member', 1)`).run(owner, owner);
    setSiteAdmin(t2.tenant.db, owner);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'provision-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t2.close();
  });

  it('provisions the site end to end, then finds it up to date', async () => {
    const policyFile = path.join(dir, 'policy.json');
    // The demo's default policy: its roles are the seeded Entra groups (stable ids).
    const policy = defaultPolicy();
    expect(policy.roles.tenantAdmins).toEqual([expect.objectContaining({ kind: 'entra', id: t2.seed.groups['tenant-admins'] })]);
    fs.writeFileSync(policyFile, JSON.stringify(policy));
    const args = ['--site', `${t2.siteUrl}/`, '--local-user', owner, '--policy', policyFile, '--app-catalog', t2.origin];
    const first = capture();
    expect(await main(args, { ...first.io, env: {} })).toBe(0);
    expect(first.errors).toEqual([]);
    const out = first.lines.join('\n');
    expect(out).toContain(`createdList: ${SETTINGS_LIST_TITLE}`);
    expect(out).toContain(`addedRoleAssignment: ${SETTINGS_LIST_TITLE}: ${`c:0t.c|tenant|${t2.seed.groups['tenant-admins']}`} -> Full Control`);
    expect(out).toContain(`setHubSiteUrl: SocialIntranetHubSiteUrl ((none) -> ${t2.siteUrl})`);
    expect(out).toMatch(/changed:/);

    // The policy's tenant admins can write; the policy file's document is in the list.
    const admin = spFor(t2.siteUrl, PERSONAS_UPN.admin);
    const [item] = await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.select('Id', POLICY_FIELD)();
    expect(JSON.parse(item[POLICY_FIELD])).toEqual(policy);
    await admin.web.lists.getByTitle(SETTINGS_LIST_TITLE).items.getById(item.Id).update({ Title: 'policy' });
    expect((await spErrorOf(spFor(t2.siteUrl, PERSONAS_UPN.employee).web.lists.getByTitle(SETTINGS_LIST_TITLE)
      .items.getById(item.Id).update({ Title: 'policy' }))).status).toBe(403);

    const second = capture();
    expect(await main([...args, '--json'], { ...second.io, env: {} })).toBe(0);
    const report = JSON.parse(second.lines.join('\n'));
    expect(report).toMatchObject({ dryRun: false, changes: [], warnings: [] });
  });

  it('prints a dry run without writing', async () => {
    const from = t2.requests.length;
    const c = capture();
    const code = await main(['--site', t2.siteUrl, '--local-user', owner, '--admins', `c:0t.c|tenant|${t2.seed.groups['tenant-admins']}`,
      '--management', 'Intranet Members', '--app-catalog', t2.origin, '--hub-url', `${t2.origin}/sites/hub`, '--dry-run'], { ...c.io, env: {} });
    expect(code).toBe(0);
    // The hub property, and the management role's grants on four relay lists (its group changes here).
    expect(c.lines.join('\n')).toContain(`5 would change:`);
    expect(c.lines.join('\n')).toContain('would addedRoleAssignment: Customer feedback: Intranet Members -> Design');
    expect(c.lines.join('\n')).toContain('would addedRoleAssignment: Insight activity: Intranet Members -> Contribute');
    expect(c.lines.join('\n')).toContain(`would setHubSiteUrl: SocialIntranetHubSiteUrl (${t2.siteUrl} -> ${t2.origin}/sites/hub)`);
    expect(t2.requests.slice(from).filter(r => r.method !== 'GET' && !/\/(\$batch|contextinfo)$/.test(r.url))).toEqual([]);
    expect((await spFor(t2.origin, owner).web.getStorageEntity('SocialIntranetHubSiteUrl')).Value).toBe(t2.siteUrl);
  });

  it('exits 1 naming the step that failed, and 2 on a usage error', async () => {
    const failing = capture();
    const unknown = 'c:0t.c|tenant|00000000-0000-4000-8000-000000000000';
    expect(await main(['--site', t2.siteUrl, '--local-user', owner, '--admins', unknown], { ...failing.io, env: {} })).toBe(1);
    expect(failing.errors.join('\n')).toContain(`Provisioning failed: The principal '${unknown}' could not be resolved`);

    const usage = capture();
    expect(await main(['--admins', 'x'], { ...usage.io, env: {} })).toBe(2);
    expect(usage.errors[0]).toBe('--site is required.');
    expect(await main(['--site', t2.siteUrl, '--bogus'], { ...usage.io, env: {} })).toBe(2);
    const noCredentials = capture();
    expect(await main(['--site', t2.siteUrl], { ...noCredentials.io, env: {} })).toBe(2);
    expect(noCredentials.errors[0]).toContain('SP_ACCESS_TOKEN');
  });

  it('sends the bearer token and derives the everyone claim from its tenant id', async () => {
    const tid = '11111111-2222-4333-8444-555555555555';
    const token = `x.${Buffer.from(JSON.stringify({ tid, aud: 'https://contoso.sharepoint.com' })).toString('base64url')}.sig`;
    expect(tenantIdOfToken(token)).toBe(tid);
    expect(tenantIdOfToken('not-a-jwt')).toBeNull();
    // The local tenant does not check tokens and answers 401 without a user: the header reaches it,
    // and the failure is reported, not thrown.
    const from = t2.requests.length;
    const c = capture();
    expect(await main(['--site', t2.siteUrl, '--admins', adminsClaim, '--dry-run'], { ...c.io, env: { SP_ACCESS_TOKEN: token } })).toBe(1);
    const sent = t2.requests.slice(from);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every(r => r.headers.authorization === `Bearer ${token}`)).toBe(true);
    expect(parseArgs(['--site=https://x', '--dry-run']).values.get('--site')).toBe('https://x');
    expect(rolesFromPolicy({ roles: { tenantAdmins: [{ kind: 'entra', id: 'g1' }, { kind: 'sharepoint', id: 'Owners' }] } }))
      .toEqual({ tenantAdmins: ['c:0t.c|tenant|g1', 'Owners'] });
  });
});
