/**
 * The relay job's runner: what happens to customer feedback when nobody is looking. Run every
 * minute by a timer (an Azure Functions timer trigger in production, the workbench while `npm start`
 * runs; docs/relay-job.md), with an identity that has full control of the relay lists.
 *
 * 1. Take the lease (./lease.ts): another run holding it makes this one skip (`skipped:
 *    'leaseHeld'`), doing nothing else.
 * 2. Run the steps of the table (./steps/index.ts) in order, each with the same context, under one
 *    failure policy: a step that fails is caught, counted (`failed`, `failedSteps`), logged as step
 *    and HTTP status, and the next step still runs. Only a lost lease stops the run (the next run
 *    finishes the work).
 * 3. Release the lease, also after a failed step. A run that dies releases nothing: its lease lapses.
 *
 * Nothing here logs customer text: errors are reported as step, insight id and HTTP status.
 */
import type { SuiteContext } from '../../context';
import { notificationLanguageOf } from '../../../core/relay/notificationText';
import { graphNotificationSender, RelayDirectory } from '../notify';
import { ClaimDesk, errorTag } from './claims';
import { DEFAULT_LEASE_TTL_MS, isLeaseLost, JobLease, leaseGuarded, RELAY_JOB_LEASE_KEY } from './lease';
import { RELAY_JOB_STEPS } from './steps';
import type { JobSettings, JobStep, RelayJobOptions, RelayJobSummary, StepContext } from './types';

const newRunId = (): string => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function settingsOf(ctx: SuiteContext, options: RelayJobOptions): JobSettings {
  const site = ctx.siteUrl.replace(/\/+$/, '');
  return {
    policy: options.policy,
    now: options.now,
    sender: options.sender.trim().toLowerCase(),
    dashboardUrl: options.dashboardUrl || `${site}/SitePages/Customer-insights.aspx`,
    myRelaysUrl: options.myRelaysUrl || `${site}/SitePages/My-relays.aspx`,
    outcomeLookbackDays: Math.max(0, options.outcomeLookbackDays ?? 7),
    matchThreshold: options.matchThreshold,
    defaultLanguage: notificationLanguageOf(options.policy.defaultLocale, 'en')
  };
}

function emptySummary(steps: ReadonlyArray<JobStep<unknown>>, lease: { holder: string; runId: string }): RelayJobSummary {
  const summary = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    skipped: null,
    lease: { ...lease, acquiredAt: null, releasedAt: null, expiresAt: null, renewals: 0, lost: false },
    failed: 0,
    failedSteps: [],
    steps: []
  } as unknown as RelayJobSummary;
  for (const step of steps) summary[step.name] = step.idle();
  return summary;
}

/** Runs the steps, one failure policy for all; stops only when the lease is lost. */
async function runSteps(context: StepContext, steps: ReadonlyArray<JobStep<unknown>>, enabled: (name: string) => boolean, summary: RelayJobSummary): Promise<void> {
  for (const step of steps) {
    if (!enabled(step.name)) continue;
    const started = Date.now();
    const partial = step.idle();
    summary[step.name] = partial;
    try {
      await context.keepLease();
      const result = await step.run(context, partial);
      summary[step.name] = result.report;
      summary.failed += result.failed;
      summary.steps.push({ name: step.name, ok: true, failed: result.failed, ms: Date.now() - started });
    } catch (e) {
      summary.failed++;
      summary.failedSteps.push(step.name);
      summary.steps.push({ name: step.name, ok: false, failed: 1, ms: Date.now() - started, error: errorTag(e) });
      context.log(`relay job: step ${step.name} failed (${errorTag(e)})`);
      if (isLeaseLost(e)) return;
    }
  }
}

export async function runRelayJob(ctx: SuiteContext, options: RelayJobOptions): Promise<RelayJobSummary> {
  const steps = RELAY_JOB_STEPS;
  const log = options.log || ((): void => undefined);
  const clock = options.leaseClock || ((): Date => new Date());
  const runId = newRunId();
  const holder = options.leaseHolder || `relay-job ${runId}`;
  const ttlMs = Math.max(1000, options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS);
  const summary = emptySummary(steps, { holder, runId });
  const lease = new JobLease(ctx.sp, { key: RELAY_JOB_LEASE_KEY, holder, runId, ttlMs, clock });
  const finish = (): RelayJobSummary => {
    const expiresAt = lease.expiresAt();
    if (expiresAt !== null) summary.lease.expiresAt = new Date(expiresAt).toISOString();
    summary.lease.renewals = lease.renewals;
    summary.lease.lost = lease.lostReason !== null;
    summary.finishedAt = new Date().toISOString();
    return summary;
  };

  try {
    if (!(await lease.take())) {
      summary.skipped = 'leaseHeld';
      if (lease.heldBy) summary.lease = { ...summary.lease, ...lease.heldBy };
      return finish();
    }
  } catch (e) {
    // Reported like a step (the run's first), so one log format says what failed and how.
    summary.skipped = 'leaseUnavailable';
    summary.failed++;
    summary.failedSteps.push('lease');
    log(`relay job: step lease failed (${errorTag(e)})`);
    return finish();
  }
  summary.lease.acquiredAt = clock().toISOString();

  const sp = leaseGuarded(ctx.sp, lease);
  const settings = settingsOf(ctx, options);
  const managementIds = (options.policy.roles.management || []).filter(g => g.kind === 'entra').map(g => g.id);
  const context: StepContext = {
    sp,
    graph: ctx.graph,
    settings,
    directory: new RelayDirectory(ctx.graph, settings.defaultLanguage, managementIds),
    claims: new ClaimDesk(sp, {
      sender: settings.sender,
      now: settings.now,
      clock,
      maxAttempts: Math.max(1, options.maxAttempts ?? 5),
      // Longer than the lease: a pending claim that old cannot belong to a run still holding it.
      pendingTimeoutMs: Math.max(ttlMs + 1000, options.pendingTimeoutMs ?? 3 * ttlMs),
      notifier: options.notificationSender || graphNotificationSender(ctx.graph, { sender: options.sender, teamsActivity: options.teamsActivity }),
      log
    }),
    keepLease: () => lease.keep(),
    clock,
    holder,
    runId,
    log
  };
  const switches: Record<string, boolean | undefined> = options.steps || {};
  try {
    await runSteps(context, steps, name => switches[name] !== false, summary);
  } finally {
    try {
      const released = await lease.release();
      const report = summary.lease;
      report.releasedAt = released;
    } catch (e) {
      // Not released: it lapses after its TTL.
      log(`relay job: the lease could not be released (${errorTag(e)})`);
    }
  }
  return finish();
}
