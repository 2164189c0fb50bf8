/**
 * The relay job, once (services/relay/job.ts): `npm run job:relay`, or an Azure Functions timer
 * trigger that calls `runRelayJobOnce(process.env)` every minute (docs/relay-job.md).
 *
 * With none of the variables below (`npm run job:relay` as the README shows it), the job runs
 * against the local workbench `npm start` serves (http://localhost:$PORT, default 4321) as its
 * service account, and says so on stderr.
 * Configuration (environment variables; the flags override them):
 *   RELAY_SITE_URL      the hub site holding the relay lists            --site <url>
 *   GRAPH_BASE_URL      Graph root without version (default https://graph.microsoft.com)   --graph <url>
 *   RELAY_SENDER        the mailbox (UPN) notifications are sent from   --sender <upn>
 *   RELAY_DASHBOARD_URL, RELAY_MY_RELAYS_URL   the pages the messages link to (default: site pages)
 *   RELAY_TEAMS_ACTIVITY=1   also post to Teams activity feeds
 * Authentication:
 *   a real tenant: SP_ACCESS_TOKEN (for https://<tenant>.sharepoint.com) and GRAPH_ACCESS_TOKEN
 *   (for https://graph.microsoft.com), app-only tokens of the job's app registration;
 *   the local tenant: LOCAL_USER=<upn> or --local-user <upn> (the x-local-user header, no token).
 * Prints the summary as JSON; exit code 1 when the job (or one of its steps) failed, 2 on a usage error.
 * Every run takes the job's lease first (services/relay/job/lease.ts): while another host's run holds
 * it, this one does nothing and its summary says `"skipped": "leaseHeld"` (exit code 0).
 */
import { hostname } from 'os';
import { spfi, SPBrowser } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import { Client } from '@microsoft/microsoft-graph-client';
import type { SuiteContext } from '../services/context';
import { SettingsService } from '../services/settings';
import { runRelayJob, RelayJobSummary } from '../services/relay/job';

export type JobEnv = Record<string, string | undefined>;

export class RelayJobConfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RelayJobConfigError';
  }
}

export interface RelayJobConfig {
  siteUrl: string;
  graphBaseUrl: string;
  sender: string;
  localUser: string | null;
  spToken: string | null;
  graphToken: string | null;
  dashboardUrl?: string;
  myRelaysUrl?: string;
  teamsActivity: boolean;
  /** No tenant variable was set: the local workbench's defaults are in use. */
  localDefaults: boolean;
  /** What the configuration chose by itself (the local workbench, Teams activity off), for stderr. */
  notices: string[];
}

/** The local workbench `npm start` serves (its port from PORT, as the workbench reads it). */
export function localWorkbenchOrigin(env: JobEnv): string {
  const port = Number(env.PORT) > 0 ? Number(env.PORT) : 4321;
  return `http://localhost:${port}`;
}

/** The job's service account in the local tenant's demo organisation (a site collection admin of the hub). */
export const LOCAL_JOB_ACCOUNT = 'relay-job@northwind-retail.example';

/** Variables that name a tenant: when none is set, the job runs against the local workbench. */
const TENANT_VARIABLES = ['RELAY_SITE_URL', 'GRAPH_BASE_URL', 'RELAY_SENDER', 'LOCAL_USER', 'SP_ACCESS_TOKEN', 'GRAPH_ACCESS_TOKEN'];

const FLAGS: Record<string, string> = { '--site': 'RELAY_SITE_URL', '--graph': 'GRAPH_BASE_URL', '--sender': 'RELAY_SENDER', '--local-user': 'LOCAL_USER' };

/** The configuration from the environment and the command line's flags. */
export function readConfig(env: JobEnv, argv: readonly string[] = []): RelayJobConfig {
  const values: JobEnv = { ...env };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(name in FLAGS)) throw new RelayJobConfigError(`Unknown argument '${arg}'. Known: ${Object.keys(FLAGS).join(', ')}.`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!value || value.startsWith('--')) throw new RelayJobConfigError(`${name} needs a value.`);
    values[FLAGS[name]] = value;
  }
  const notices: string[] = [];
  const localDefaults = TENANT_VARIABLES.every(name => !(values[name] || '').trim());
  if (localDefaults) {
    // `npm run job:relay` as the README shows it: the local workbench started by `npm start`.
    const origin = localWorkbenchOrigin(values);
    values.RELAY_SITE_URL = `${origin}/sites/intranet`;
    values.GRAPH_BASE_URL = `${origin}/graph`;
    values.RELAY_SENDER = LOCAL_JOB_ACCOUNT;
    values.LOCAL_USER = LOCAL_JOB_ACCOUNT;
    values.RELAY_DASHBOARD_URL = values.RELAY_DASHBOARD_URL || `${origin}/dashboard`;
    values.RELAY_MY_RELAYS_URL = values.RELAY_MY_RELAYS_URL || `${origin}/relay?view=my`;
    notices.push(`No tenant configured (RELAY_SITE_URL, SP_ACCESS_TOKEN, GRAPH_ACCESS_TOKEN or LOCAL_USER): running against the local workbench at ${origin} (start it with \`npm start\`) as ${LOCAL_JOB_ACCOUNT}. A real tenant: docs/relay-job.md.`);
  }
  const siteUrl = (values.RELAY_SITE_URL || '').trim().replace(/\/+$/, '');
  if (!siteUrl) throw new RelayJobConfigError('RELAY_SITE_URL (or --site) is required: the hub site holding the relay lists.');
  const sender = (values.RELAY_SENDER || '').trim();
  if (!sender) throw new RelayJobConfigError('RELAY_SENDER (or --sender) is required: the mailbox notifications are sent from.');
  const localUser = (values.LOCAL_USER || '').trim() || null;
  const spToken = (values.SP_ACCESS_TOKEN || '').trim() || null;
  const graphToken = (values.GRAPH_ACCESS_TOKEN || '').trim() || null;
  if (!localUser && (!spToken || !graphToken)) {
    throw new RelayJobConfigError('No credentials: set SP_ACCESS_TOKEN and GRAPH_ACCESS_TOKEN (docs/relay-job.md), or LOCAL_USER / --local-user <upn> for the local tenant.');
  }
  let teamsActivity = /^(1|true|yes)$/i.test(values.RELAY_TEAMS_ACTIVITY || '');
  if (teamsActivity && !localUser) {
    // Graph refuses an activity notification from an app the Teams app does not name in
    // webApplicationInfo, and the suite's Teams app names none (docs/relay-job.md).
    teamsActivity = false;
    notices.push('RELAY_TEAMS_ACTIVITY is ignored: Teams activity notifications are off, because the suite\'s Teams app declares no webApplicationInfo (docs/relay-job.md). Mail is sent as usual.');
  }
  return {
    siteUrl,
    graphBaseUrl: (values.GRAPH_BASE_URL || 'https://graph.microsoft.com').trim().replace(/\/+$/, '').replace(/\/v1\.0$/, ''),
    sender,
    localUser,
    spToken,
    graphToken,
    dashboardUrl: values.RELAY_DASHBOARD_URL || undefined,
    myRelaysUrl: values.RELAY_MY_RELAYS_URL || undefined,
    teamsActivity,
    localDefaults,
    notices
  };
}

/** PnPjs and the Graph client for the job: bearer tokens, or the local tenant's demo identity. */
export function jobContext(config: RelayJobConfig): SuiteContext {
  const spHeaders: Record<string, string> = config.localUser ? { 'x-local-user': config.localUser } : { Authorization: `Bearer ${config.spToken}` };
  const sp = spfi(config.siteUrl).using(SPBrowser({ baseUrl: config.siteUrl }), InjectHeaders(spHeaders));
  const graph = Client.init({
    baseUrl: config.graphBaseUrl,
    defaultVersion: 'v1.0',
    authProvider: done => done(null, config.localUser ? 'local' : config.graphToken),
    fetchOptions: config.localUser ? { headers: { 'x-local-user': config.localUser } } : {}
  });
  return { sp, graph, siteUrl: config.siteUrl, locale: 'en-US' };
}

/** Who holds the lease while this process runs (shown in the "Job leases" list). */
export const leaseHolderName = (): string => `${hostname()}:${process.pid}`;

/**
 * Runs the job once: loads the policy in force, runs every step at `now` under the job's lease.
 * Throws when the policy cannot be read as stored (the job never acts on a guessed policy).
 */
export async function runRelayJobOnce(env: JobEnv, options: { now?: Date; argv?: readonly string[]; log?: (line: string) => void } = {}): Promise<RelayJobSummary> {
  const config = readConfig(env, options.argv);
  for (const notice of config.notices) if (options.log) options.log(notice);
  const ctx = jobContext(config);
  const snapshot = await new SettingsService(ctx, { storage: null }).load({ fresh: true });
  if (snapshot.notice === 'usingDefaults' && config.localDefaults) {
    throw new Error(`The local workbench does not answer at ${new URL(config.siteUrl).origin}: start it with \`npm start\` (or set the variables of docs/relay-job.md).`);
  }
  // 'defaults' without a notice: the site has no stored policy, so the defaults are in force.
  if (snapshot.notice !== null) throw new Error(`The policy could not be read as stored (${snapshot.notice}); the relay job did not run.`);
  return runRelayJob(ctx, {
    policy: snapshot.policy,
    now: options.now || new Date(),
    sender: config.sender,
    dashboardUrl: config.dashboardUrl,
    myRelaysUrl: config.myRelaysUrl,
    teamsActivity: config.teamsActivity,
    leaseHolder: leaseHolderName(),
    log: options.log
  });
}

/** The CLI: resolves to the exit code. */
export async function main(argv: readonly string[], env: JobEnv, io: { log(line: string): void; error(line: string): void }): Promise<number> {
  try {
    const summary = await runRelayJobOnce(env, { argv, log: line => io.error(line) });
    io.log(JSON.stringify(summary, null, 2));
    return summary.failed > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof RelayJobConfigError) {
      io.error(e.message);
      return 2;
    }
    // The message only: errors of PnPjs and Graph may quote a request, never a relay's text.
    io.error(`Relay job failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { log: l => console.log(l), error: l => console.error(l) }).then(code => {
    process.exitCode = code;
  }, (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
