/**
 * Provisions the suite's lists on a SharePoint site (see docs/provisioning.md):
 *
 *   npm run provision -- --site https://contoso.sharepoint.com/sites/intranet \
 *     --admins 'c:0t.c|tenant|<entraGroupId>' --app-catalog https://contoso.sharepoint.com/sites/appcatalog
 *
 * Authentication: a bearer token for https://<tenant>.sharepoint.com in SP_ACCESS_TOKEN, or, against
 * the local tenant, `--local-user <upn>` (sent as the x-local-user header).
 * Prints what it changes; exits 1 when a step fails, 2 on a usage error.
 */
import * as fs from 'fs';
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import { provisionSuite, ProvisionReport, ProvisionRoles, EVERYONE_EXCEPT_EXTERNAL_PREFIX } from '../services/provisioning/provision';
import type { SuiteRole } from '../services/provisioning/schema';

export interface CliIo {
  log(line: string): void;
  error(line: string): void;
  env: Record<string, string | undefined>;
  readFile(path: string): string;
}

const USAGE = `Usage: npm run provision -- --site <url> [options]

  --site <url>                    the hub site to provision (required)
  --admins <login>[,<login>]      tenant admins: Full Control on the settings list
  --management <login>[,...]      management
  --communications <login>[,...]  communications team
  --community-managers <login>[,...]
                                  community managers
  --everyone <claim>              "Everyone except external users" claim (default: from the token's
                                  tenant id, or found among the site users)
  --tenant-id <guid>              builds the everyone claim from the tenant id
  --app-catalog <url>             tenant app catalog site: sets the tenant property
                                  SocialIntranetHubSiteUrl (needs an app catalog admin)
  --hub-url <url>                 the URL stored in that property (default: --site)
  --policy <file.json>            initial policy document, written when the site has none;
                                  its "roles" are used for roles not given above
  --dry-run                       read only: print what would change
  --json                          print the report as JSON
  --local-user <upn>              local tenant: run as this demo user (no token)

A login is an Entra group claim (c:0t.c|tenant|<groupId>), a user (i:0#.f|membership|<upn> or a UPN),
or the title of a SharePoint site group.
Authentication: SP_ACCESS_TOKEN holds a bearer token for https://<tenant>.sharepoint.com, e.g.
  export SP_ACCESS_TOKEN=$(m365 util accesstoken get --resource https://<tenant>.sharepoint.com --new)
  export SP_ACCESS_TOKEN=$(az account get-access-token --resource https://<tenant>.sharepoint.com --query accessToken -o tsv)`;

const ROLE_FLAGS: Record<string, SuiteRole> = {
  '--admins': 'tenantAdmins',
  '--management': 'management',
  '--communications': 'communications',
  '--community-managers': 'communityManagers'
};
const VALUE_FLAGS = new Set([...Object.keys(ROLE_FLAGS), '--site', '--everyone', '--tenant-id', '--app-catalog', '--hub-url', '--policy', '--local-user']);
const BOOLEAN_FLAGS = new Set(['--dry-run', '--json', '--help', '-h']);

class UsageError extends Error {}

interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      flags.add(name);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value.`);
      values.set(name, value);
    } else {
      throw new UsageError(`Unknown argument '${arg}'.`);
    }
  }
  return { values, flags };
}

const splitList = (v: string): string[] => v.split(',').map(s => s.trim()).filter(Boolean);

/** The tenant id (`tid`) of a bearer token (a JWT), or null. The token is not verified: SharePoint does that. */
export function tenantIdOfToken(token: string): string | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as { tid?: unknown };
    return typeof json.tid === 'string' && /^[0-9a-f-]{36}$/i.test(json.tid) ? json.tid : null;
  } catch {
    return null;
  }
}

interface GroupRefLike { kind?: unknown; id?: unknown }

/** Login names of the policy's role groups: Entra groups as claims, SharePoint groups by title. */
export function rolesFromPolicy(policy: unknown): ProvisionRoles {
  const roles: ProvisionRoles = {};
  const source = (policy as { roles?: Record<string, GroupRefLike[]> } | null)?.roles;
  if (!source || typeof source !== 'object') return roles;
  for (const role of ['tenantAdmins', 'management', 'communications', 'communityManagers'] as const) {
    const refs = Array.isArray(source[role]) ? source[role] : [];
    const logins = refs.filter(r => r && typeof r.id === 'string' && r.id)
      .map(r => (r.kind === 'entra' ? `c:0t.c|tenant|${r.id as string}` : (r.id as string)));
    if (logins.length) roles[role] = logins;
  }
  return roles;
}

function connect(url: string, headers: Record<string, string>): SPFI {
  const base = url.replace(/\/+$/, '');
  return spfi(base).using(SPBrowser({ baseUrl: base }), InjectHeaders(headers));
}

function printReport(report: ProvisionReport, io: CliIo, json: boolean): void {
  if (json) {
    io.log(JSON.stringify(report, null, 2));
    return;
  }
  const verb = report.dryRun ? 'would change' : 'changed';
  io.log('');
  io.log(report.changes.length ? `${report.changes.length} ${verb}:` : 'Up to date: nothing to change.');
  for (const c of report.changes) io.log(`  ${c.kind.padEnd(22)} ${c.target}${c.detail ? `  (${c.detail})` : ''}`);
  if (report.warnings.length) {
    io.log(`${report.warnings.length} warning(s):`);
    for (const w of report.warnings) io.log(`  ${w}`);
  }
  for (const n of report.notes) io.log(`note: ${n}`);
}

/** Runs the CLI; resolves to the exit code (0 done, 1 failed, 2 usage error). */
export async function main(argv: readonly string[], ioIn: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = {
    log: ioIn.log || (line => console.log(line)),
    error: ioIn.error || (line => console.error(line)),
    env: ioIn.env || process.env,
    readFile: ioIn.readFile || (p => fs.readFileSync(p, 'utf8'))
  };
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    if (args.flags.has('--help') || args.flags.has('-h')) {
      io.log(USAGE);
      return 0;
    }
    if (!args.values.get('--site')) throw new UsageError('--site is required.');
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(e.message);
      io.error(USAGE);
      return 2;
    }
    throw e;
  }
  const site = args.values.get('--site') as string;
  const localUser = args.values.get('--local-user');
  const token = io.env.SP_ACCESS_TOKEN;
  let headers: Record<string, string>;
  if (localUser) headers = { 'x-local-user': localUser };
  else if (token) headers = { Authorization: `Bearer ${token.trim()}` };
  else {
    io.error('No credentials: set SP_ACCESS_TOKEN to a bearer token for the site\'s tenant (see docs/provisioning.md), '
      + 'or pass --local-user <upn> for the local tenant.');
    return 2;
  }

  try {
    let policyJson: string | undefined;
    let roles: ProvisionRoles = {};
    const policyFile = args.values.get('--policy');
    if (policyFile) {
      policyJson = io.readFile(policyFile);
      try {
        roles = rolesFromPolicy(JSON.parse(policyJson));
      } catch {
        // provisionSuite reports the invalid JSON before writing anything.
      }
    }
    for (const [flag, role] of Object.entries(ROLE_FLAGS)) {
      const v = args.values.get(flag);
      if (v !== undefined) roles[role] = splitList(v);
    }
    const everyone = args.values.get('--everyone');
    const tenantId = args.values.get('--tenant-id') || (token && !localUser ? tenantIdOfToken(token) : null);
    if (everyone) roles.everyone = [everyone];
    else if (tenantId) roles.everyone = [`${EVERYONE_EXCEPT_EXTERNAL_PREFIX}${tenantId}`];

    const appCatalog = args.values.get('--app-catalog');
    const report = await provisionSuite(connect(site, headers), {
      roles,
      initialPolicyJson: policyJson,
      dryRun: args.flags.has('--dry-run'),
      appCatalogSp: appCatalog ? connect(appCatalog, headers) : undefined,
      hubSiteUrl: args.values.get('--hub-url') || site.replace(/\/+$/, ''),
      log: args.flags.has('--json') ? undefined : io.log
    });
    printReport(report, io, args.flags.has('--json'));
    return 0;
  } catch (e) {
    io.error(`Provisioning failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  }, (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
