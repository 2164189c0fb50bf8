/**
 * The Function App's entry (Azure Functions, Node.js 20, programming model v4): one timer trigger
 * per schedule. `npm run package:jobs` bundles this file with everything it imports into the
 * deployable zip (tools/package-functions.js; docs/relay-job.md).
 *
 * The job's later steps (community, digest, index) join the relay job's table of steps
 * (services/relay/job/steps) and run under its lease on its schedule; a step that needs another
 * cadence takes a cadence lease of its own (as the expertise sweep does) or gets a row here.
 */
import { app } from '@azure/functions';
import type { InvocationContext, Timer } from '@azure/functions';
import type { TokenCredential } from '@azure/identity';
import { createCredential, CredentialFactory } from './auth';
import { readFunctionSettings, AppSettings, CredentialSettings } from './settings';
import { runRelayFunction, FunctionLogger } from './relayJob';

/** NCRONTAB with seconds, in UTC: every minute, at second 0. */
export const RELAY_JOB_SCHEDULE = '0 */1 * * * *';

/** The credential is built once per process, so that @azure/identity's token cache outlives a run. */
export function onePerProcess(factory: CredentialFactory): CredentialFactory {
  const built = new Map<string, TokenCredential>();
  return (settings: CredentialSettings) => {
    const key = JSON.stringify(settings);
    let credential = built.get(key);
    if (!credential) {
      credential = factory(settings);
      built.set(key, credential);
    }
    return credential;
  };
}

export const loggerOf = (context: InvocationContext): FunctionLogger => ({
  info: line => context.log(line),
  warn: line => context.warn(line),
  error: line => context.error(line)
});

/** The timer's handler: one run of the job per tick; a failed run fails the invocation. */
export function relayJobHandler(env: AppSettings, credentials: CredentialFactory): (timer: Timer, context: InvocationContext) => Promise<void> {
  return async (timer, context) => {
    await runRelayFunction(env, credentials, loggerOf(context), { pastDue: timer.isPastDue });
  };
}

export const SCHEDULES: ReadonlyArray<{ name: string; schedule: string; handler: (env: AppSettings, credentials: CredentialFactory) => (timer: Timer, context: InvocationContext) => Promise<void> }> = [
  { name: 'relayJob', schedule: RELAY_JOB_SCHEDULE, handler: relayJobHandler }
];

/** Registers every schedule with the Functions host; checks the settings at start, so a missing one shows in the host's log at once. */
export function registerFunctions(env: AppSettings, credentials: CredentialFactory = onePerProcess(createCredential)): void {
  try {
    readFunctionSettings(env);
  } catch (e) {
    // Every invocation fails with the same message until the settings are fixed.
    console.error(e instanceof Error ? e.message : String(e));
  }
  for (const s of SCHEDULES) app.timer(s.name, { schedule: s.schedule, handler: s.handler(env, credentials) });
}

registerFunctions(process.env);
