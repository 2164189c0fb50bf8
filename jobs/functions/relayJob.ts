/**
 * One run of the relay job in the Function App: settings checked, the job's identity's tokens,
 * the policy in force, `runRelayJob` (the same runner as `npm run job:relay` and the workbench),
 * then ONE structured line for Application Insights, and a thrown error when the run failed so that
 * the invocation is recorded as failed. Runs without the Functions host: tests call it directly.
 */
import { hostname } from 'os';
import { SettingsService } from '../../services/settings';
import { runRelayJob, RelayJobSummary } from '../../services/relay/job';
import { readFunctionSettings, AppSettings, FunctionSettingsError } from './settings';
import { functionContext, RunTokens, TokenUnavailableError, CredentialFactory } from './auth';
import { runLine, RunLine } from './summaryLine';

export interface FunctionLogger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface RelayFunctionOptions {
  /** The run's instant (default: now). */
  now?: Date;
  /** The timer fired late (the host was down or busy): shown in the run's line. */
  pastDue?: boolean;
  /** Who takes the lease (default: the app's name, host and process). */
  leaseHolder?: string;
}

/** The run failed: a step, the lease, the policy, a token or a setting. The invocation fails with it. */
export class RelayRunError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RelayRunError';
  }
}

class PolicyUnreadableError extends Error {
  public constructor(notice: string) {
    super(`the policy could not be read as stored (${notice}); the job did not run`);
    this.name = 'PolicyUnreadableError';
  }
}

const leaseHolderOf = (env: AppSettings): string => `${env.WEBSITE_SITE_NAME || 'functions'}/${hostname()}:${process.pid}`;

/**
 * What an error may say in the log: our own errors' messages (settings, tokens, policy), otherwise
 * its name and HTTP status only (errors of PnPjs and Graph may quote a request or a response).
 */
function describe(e: unknown): string {
  if (e instanceof FunctionSettingsError || e instanceof TokenUnavailableError || e instanceof PolicyUnreadableError) return e.message;
  const err = e as { name?: string; status?: number; statusCode?: number };
  const status = err && (err.status || err.statusCode);
  return `${(err && err.name) || 'Error'}${status ? ` (HTTP ${status})` : ''}`;
}

/** Runs the relay job once; resolves to its summary, or rejects with RelayRunError (after logging its line). */
export async function runRelayFunction(env: AppSettings, credentials: CredentialFactory, log: FunctionLogger, options: RelayFunctionOptions = {}): Promise<RelayJobSummary> {
  const started = Date.now();
  let tokens: RunTokens | null = null;
  let summary: RelayJobSummary | null = null;
  let line: RunLine;
  try {
    const settings = readFunctionSettings(env);
    tokens = new RunTokens(credentials(settings.credential));
    // Both tokens first: a credential that cannot give them fails the run with its own reason
    // (the settings service would otherwise fall back to the defaults and hide it).
    await Promise.all([tokens.get(settings.scopes.sharePoint), tokens.get(settings.scopes.graph)]);
    const ctx = functionContext(settings, tokens);
    const snapshot = await new SettingsService(ctx, { storage: null }).load({ fresh: true });
    // 'defaults' without a notice: the site has no stored policy, so the defaults are in force.
    if (snapshot.notice !== null) throw new PolicyUnreadableError(snapshot.notice);
    summary = await runRelayJob(ctx, {
      policy: snapshot.policy,
      now: options.now || new Date(),
      sender: settings.sender,
      dashboardUrl: settings.dashboardUrl,
      myRelaysUrl: settings.myRelaysUrl,
      teamsActivity: settings.teamsActivity,
      leaseHolder: options.leaseHolder || leaseHolderOf(env),
      // The runner's lines name a step, an insight id and an HTTP status, never customer text.
      log: l => log.warn(l)
    });
    line = runLine({ summary, durationMs: Date.now() - started, tokenRequests: tokens.requests, pastDue: options.pastDue });
  } catch (e) {
    line = runLine({ summary, durationMs: Date.now() - started, tokenRequests: tokens ? tokens.requests : 0, pastDue: options.pastDue, error: describe(e) });
  }
  if (line.outcome === 'failed') {
    log.error(JSON.stringify(line));
    throw new RelayRunError(`relay job failed: ${line.error || `${line.failed} failure(s) in ${line.failedSteps.join(', ') || 'its steps'}`}`);
  }
  log.info(JSON.stringify(line));
  return summary as RelayJobSummary;
}
