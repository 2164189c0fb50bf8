/**
 * The relay job's contracts: its options, its summary, and the one signature every step has
 * (`JobStep`), so that the runner (./runner.ts) treats them all alike and adding a step is one
 * module plus a line in the table (./steps/index.ts).
 */
import type { SPFI } from '@pnp/sp';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Policy } from '../../../core/policy/types';
import type { NotificationLanguage } from '../../../core/relay/notificationText';
import type { IngestResult } from '../ingest';
import type { NotificationSender, RelayDirectory } from '../notify';
import type { ClaimDesk } from './claims';

export interface RelayJobOptions {
  /** The policy in force (services/settings.ts); the job reads `feedback`, `roles.management` and `defaultLocale`. */
  policy: Policy;
  /** The instant the job runs at (the caller's clock): the domain's time (silence clock, days). */
  now: Date;
  /** The mailbox (UPN) notifications are sent from. */
  sender: string;
  /** The management dashboard; '?insight=<id>' is added. Default: <site>/SitePages/Customer-insights.aspx */
  dashboardUrl?: string;
  /** The employee's "My relays" page. Default: <site>/SitePages/My-relays.aspx */
  myRelaysUrl?: string;
  /** How many days back closed insights still tell their relayers (default 7). */
  outcomeLookbackDays?: number;
  /** Sends of one notification before it is given up (default 5). */
  maxAttempts?: number;
  /** Also post to Teams activity feeds (default false; docs/relay-job.md). */
  teamsActivity?: boolean;
  /** Skip steps (tests, or a second schedule): default every step runs. */
  steps?: Partial<Record<RelayJobStep, boolean>>;
  /** Sending (default: Graph sendMail from `sender`). */
  notificationSender?: NotificationSender;
  /** Minimum similarity to cluster a relay into an insight (ingestion's default otherwise). */
  matchThreshold?: number;
  /** One line per problem: step, insight id, HTTP status. Never customer text. */
  log?: (line: string) => void;
  /**
   * Who takes the lease (host and process, shown in the "Job leases" list). Default: 'relay-job'
   * and the run id.
   */
  leaseHolder?: string;
  /** How long a lease lasts unless renewed (default 5 minutes); renewed after a third of it. */
  leaseTtlMs?: number;
  /**
   * Real elapsed time for the lease and the claims' ages (default: the wall clock). Separate from
   * `now`, which may be any instant (a run "three weeks later"): a lease must lapse in real time.
   */
  leaseClock?: () => Date;
  /**
   * Age after which a claim still 'pending' can only be a crashed run's, and is sent again
   * (default 3 × the lease TTL; always longer than the TTL).
   */
  pendingTimeoutMs?: number;
}

export type RelayJobStep = 'recheck' | 'ingest' | 'clock' | 'outcomes' | 'stats' | 'expertise' | 'expertiseIndex' | 'communities';

export interface NotificationCounts {
  /** Notifications sent in full in this run. */
  sent: number;
  /** Messages sent in this run (one per language and text, recipients in Bcc). */
  messages: number;
  /** People told in this run. */
  recipients: number;
  /** Sending failed (claim left 'failed' for the next run, or not claimed at all). */
  failed: number;
  /** Retries of a notification that failed before. */
  retried: number;
  /**
   * Claims a crashed run left 'pending' past the pending timeout, taken again and sent: a person
   * may have been told twice (the crashed run may have sent before it died).
   */
  resent: number;
  /** Due, but nobody to tell (claimed as 'noRecipient'). */
  noRecipient: number;
  /** 'pending' and younger than the pending timeout: left for a later run (resent once older). */
  stuck: number;
  /** Failed `maxAttempts` times: given up. */
  gaveUp: number;
}

/** What the runner records of each step it ran. */
export interface StepRun {
  name: string;
  /** false: the step failed as a whole (`error` says how). */
  ok: boolean;
  /** Failures inside the step (an insight, a notification), each counted once. */
  failed: number;
  ms: number;
  /** 'HTTP 503', or an error's name; never a message (it may quote a request). */
  error?: string;
}

export interface LeaseReport {
  /** Who holds (or, when the run skipped, held) the lease. */
  holder: string;
  runId: string;
  /** When this run took it and let it go (the lease clock); null when it did not. */
  acquiredAt: string | null;
  releasedAt: string | null;
  /** When the lease lapses if it was not released (the last renewal's end); null when not taken. */
  expiresAt: string | null;
  /** Renewals during the run. */
  renewals: number;
  /** true: the run stopped because it could not keep the lease (another run may hold it now). */
  lost: boolean;
}

export interface RelayJobSummary {
  startedAt: string;
  finishedAt: string;
  /** Why the run did no work: another run holds the lease, or the lease list could not be read. */
  skipped: null | 'leaseHeld' | 'leaseUnavailable';
  lease: LeaseReport;
  ingest: IngestResult | null;
  clock: NotificationCounts & { insights: number; breachesMarked: number };
  outcomes: NotificationCounts & { insights: number };
  stats: { days: string[]; written: number; unchanged: number };
  /** Failures of all steps together (a step that failed as a whole counts 1). */
  failed: number;
  /** Steps that failed as a whole. */
  failedSteps: string[];
  /** Each step that ran, in order. */
  steps: StepRun[];
  /** Reports of steps added to the table beyond the four above, by name. */
  [step: string]: unknown;
}

/** The job's settings, resolved once by the runner. */
export interface JobSettings {
  policy: Policy;
  now: Date;
  sender: string;
  dashboardUrl: string;
  myRelaysUrl: string;
  outcomeLookbackDays: number;
  matchThreshold?: number;
  defaultLanguage: NotificationLanguage;
}

/** What every step gets. */
export interface StepContext {
  /** SharePoint as the job, every request made under the lease (it fails once the lease is lost). */
  sp: SPFI;
  graph: Client;
  settings: JobSettings;
  directory: RelayDirectory;
  /** The send-once protocol (./claims.ts). */
  claims: ClaimDesk;
  /** Renews the lease when it is due (between pages and items of a long step); throws when lost. */
  keepLease(): Promise<void>;
  /** Real elapsed time (the lease clock), for steps that run on a cadence of their own. */
  clock: () => Date;
  /** Who runs the job and this run's id (as in the lease). */
  holder: string;
  runId: string;
  log(line: string): void;
}

export interface StepResult<R> {
  /** The step's part of the summary. */
  report: R;
  /** Failures inside the step, added to the summary's `failed`. */
  failed: number;
}

/**
 * One step of the job. `run` may fill `partial` as it goes (and return it as its report): when it
 * fails half-way, the summary keeps what it did.
 */
export interface JobStep<R = unknown> {
  readonly name: string;
  /** The report of the step before it runs (and when it is switched off or fails before it has one). */
  idle(): R;
  run(ctx: StepContext, partial: R): Promise<StepResult<R>>;
}

export const emptyCounts = (): NotificationCounts => ({
  sent: 0, messages: 0, recipients: 0, failed: 0, retried: 0, resent: 0, noRecipient: 0, stuck: 0, gaveUp: 0
});
