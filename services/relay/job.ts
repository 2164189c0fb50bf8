/**
 * The relay job: what happens to customer feedback when nobody is looking. Run every minute by a
 * timer (an Azure Functions timer trigger in production, the workbench while `npm start` runs;
 * docs/relay-job.md), with an identity that has full control of the relay lists. Four steps, each
 * failing on its own (one insight's failure does not stop the others; the summary counts them):
 *
 * a. ingestion: pending relays clustered into insights and routed (services/relay/ingest.ts);
 * b. the silence clock: for every open insight (IsOpen eq 1, indexed, paged) the clock is computed
 *    from its status history (core/relay/clock.ts) and the notifications due on the policy's
 *    ladder (core/relay/escalation.ts) are sent once each; breaches are marked on the insight;
 * c. closing the loop: every insight closed (resolved or declined) in the last days (ClosedDay,
 *    indexed) tells each employee who relayed it the outcome, the owner's response and the reply
 *    for the customer, in the language they relayed in, once per closing;
 * d. daily statistics: today's and yesterday's DayStats (policy time zone) recomputed from the
 *    lists and stored in 'Relay statistics' (one item per day, updated with its ETag).
 *
 * Once, and only once: before sending, the job creates the activity entry 'notify:<key>' (unique
 * ActivityKey) as a claim in state 'pending'; a duplicate-value answer means another run sent it or
 * is sending it: skipped. After sending, the entry says 'sent' (or 'failed' with the recipients
 * already reached, so a later run retries the others, at most `maxAttempts` times). A run that
 * crashes between claim and send leaves 'pending': the notification is then not sent again (at most
 * once), and the summary counts such entries as `stuck`.
 *
 * Nothing here logs customer text: errors are reported as step, insight id and HTTP status.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { SuiteContext } from '../context';
import type { GroupRef, Policy } from '../../core/policy/types';
import type { Insight } from '../../core/relay/model';
import { computeSilenceClock } from '../../core/relay/clock';
import { dueNotifications, DueNotification } from '../../core/relay/escalation';
import { localDateKey } from '../../core/relay/calendar';
import { buildDayStats, DayClosed, previousDayKey } from '../../core/relay/dayStats';
import {
  distinctRecipients, escalationMessage, escalationNotificationKey, escalationTargets, MessageContent, outcomeMessage,
  outcomeNotificationKey, Recipient
} from '../../core/relay/notifications';
import { NotificationLanguage, notificationLanguageOf } from '../../core/relay/notificationText';
import { odataString } from '../../core/odata';
import {
  ACTIVITY_FIELDS, INSIGHT_ACTIVITY_LIST_TITLE, INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE,
  RELAYS_LIST_TITLE, STATS_FIELDS
} from '../provisioning/relayLists';
import { activityValues, etagOf, INSIGHT_SELECT, insightFromItem, isDuplicateError, PAGE_SIZE, safeJson, statusOf, StoredItem } from './items';
import { ingestPendingRelays, IngestResult } from './ingest';
import { graphNotificationSender, MAX_RECIPIENTS_PER_MESSAGE, NotificationSender, RelayDirectory } from './notify';

export interface RelayJobOptions {
  /** The policy in force (services/settings.ts); the job reads `feedback`, `roles.management` and `defaultLocale`. */
  policy: Policy;
  /** The instant the job runs at (the caller's clock). */
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
}

export type RelayJobStep = 'ingest' | 'clock' | 'outcomes' | 'stats';

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
  /** Due, but nobody to tell (claimed as 'noRecipient'). */
  noRecipient: number;
  /** Left 'pending' by a run that stopped between claim and send (not resent). */
  stuck: number;
  /** Failed `maxAttempts` times: given up. */
  gaveUp: number;
}

export interface RelayJobSummary {
  startedAt: string;
  finishedAt: string;
  ingest: IngestResult | null;
  clock: NotificationCounts & { insights: number; breachesMarked: number };
  outcomes: NotificationCounts & { insights: number };
  stats: { days: string[]; written: number; unchanged: number };
  /** Failures of all steps together (a step that failed as a whole counts 1). */
  failed: number;
  /** Steps that failed as a whole. */
  failedSteps: RelayJobStep[];
}

const emptyCounts = (): NotificationCounts => ({ sent: 0, messages: 0, recipients: 0, failed: 0, retried: 0, noRecipient: 0, stuck: 0, gaveUp: 0 });

type ClaimState = 'pending' | 'sent' | 'failed' | 'noRecipient';

interface ClaimData {
  state: ClaimState;
  attempts: number;
  /** UPNs already told. */
  sentTo: string[];
  [detail: string]: unknown;
}

interface Claim {
  id: number;
  etag: string;
  data: ClaimData;
}

/** Business hours of a target in milliseconds -> hours. */
const HOUR = 3_600_000;
const MAX_CONFLICT_RETRIES = 3;

function withQuery(url: string, name: string, value: string | number): string {
  return `${url}${url.indexOf('?') >= 0 ? '&' : '?'}${name}=${encodeURIComponent(String(value))}`;
}

function errorTag(e: unknown): string {
  const status = statusOf(e);
  return status === null ? (e instanceof Error ? e.name : 'error') : `HTTP ${status}`;
}

async function readAll<T = StoredItem>(query: AsyncIterable<unknown>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of query) out.push(...(page as T[]));
  return out;
}

function labelOf(options: ReadonlyArray<{ key: string; label: { en: string; fr: string } }>, key: string, language: NotificationLanguage): string {
  const o = options.find(x => x.key === key);
  return o ? o.label[language] : key;
}

/** The notification entries of one insight (InsightId eq id, indexed), by key. */
async function notificationsOf(sp: SPFI, insightId: number): Promise<Map<string, Claim>> {
  const items = await readAll<StoredItem>(sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE).items
    .select('Id', ACTIVITY_FIELDS.key, ACTIVITY_FIELDS.data)
    .filter(`${ACTIVITY_FIELDS.insightId} eq ${insightId} and ${ACTIVITY_FIELDS.kind} eq ${odataString('notification')}`)
    .top(PAGE_SIZE));
  const out = new Map<string, Claim>();
  for (const item of items) {
    const data = safeJson<Partial<ClaimData>>(item[ACTIVITY_FIELDS.data], {});
    out.set(String(item[ACTIVITY_FIELDS.key] || ''), {
      id: item.Id,
      etag: etagOf(item),
      data: {
        ...data,
        state: (['pending', 'sent', 'failed', 'noRecipient'] as const).find(s => s === data.state) || 'sent',
        attempts: typeof data.attempts === 'number' ? data.attempts : 1,
        sentTo: Array.isArray(data.sentTo) ? data.sentTo.filter((u): u is string => typeof u === 'string') : []
      }
    });
  }
  return out;
}

interface Delivery {
  key: string;
  insightId: number;
  /** Short, PII-free description for the timeline, e.g. 'warning acknowledge 0.8'. */
  text: string;
  details: Record<string, unknown>;
  /** Each recipient with the message in their language. */
  messages: Array<{ recipient: Recipient; message: MessageContent; webUrl: string }>;
}

export async function runRelayJob(ctx: SuiteContext, options: RelayJobOptions): Promise<RelayJobSummary> {
  const started = new Date();
  const { policy, now } = options;
  const feedback = policy.feedback;
  const sp = ctx.sp;
  const log = options.log || ((): void => undefined);
  const steps = { ingest: true, clock: true, outcomes: true, stats: true, ...(options.steps || {}) };
  const site = ctx.siteUrl.replace(/\/+$/, '');
  const dashboardUrl = options.dashboardUrl || `${site}/SitePages/Customer-insights.aspx`;
  const myRelaysUrl = options.myRelaysUrl || `${site}/SitePages/My-relays.aspx`;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const sender = options.sender.trim().toLowerCase();
  const defaultLanguage = notificationLanguageOf(policy.defaultLocale, 'en');
  const managementIds = (policy.roles.management || []).filter(g => g.kind === 'entra').map(g => g.id);
  const directory = new RelayDirectory(ctx.graph, defaultLanguage, managementIds);
  const notifier = options.notificationSender || graphNotificationSender(ctx.graph, { sender: options.sender, teamsActivity: options.teamsActivity });
  const activity = sp.web.lists.getByTitle(INSIGHT_ACTIVITY_LIST_TITLE);
  const insightsList = sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  const relaysList = sp.web.lists.getByTitle(RELAYS_LIST_TITLE);

  const summary: RelayJobSummary = {
    startedAt: started.toISOString(),
    finishedAt: '',
    ingest: null,
    clock: { ...emptyCounts(), insights: 0, breachesMarked: 0 },
    outcomes: { ...emptyCounts(), insights: 0 },
    stats: { days: [], written: 0, unchanged: 0 },
    failed: 0,
    failedSteps: []
  };
  const stepFailed = (step: RelayJobStep, e: unknown): void => {
    summary.failed++;
    summary.failedSteps.push(step);
    log(`relay job: step ${step} failed (${errorTag(e)})`);
  };

  /** Claims, sends and records one notification. */
  const deliver = async (d: Delivery, existing: Claim | undefined, counts: NotificationCounts): Promise<void> => {
    let claim: Claim;
    if (existing) {
      const { state, attempts } = existing.data;
      if (state === 'sent' || state === 'noRecipient') return;
      if (state === 'pending') {
        counts.stuck++;
        return;
      }
      if (attempts >= maxAttempts) {
        counts.gaveUp++;
        return;
      }
      // The retry's claim: the entry as read (ETag); another run retrying first makes it a 412.
      const data: ClaimData = { ...existing.data, state: 'pending', attempts: attempts + 1 };
      try {
        await activity.items.getById(existing.id).update({ [ACTIVITY_FIELDS.data]: JSON.stringify(data) }, existing.etag || '*');
      } catch (e) {
        if (statusOf(e) === 412) return;
        throw e;
      }
      counts.retried++;
      claim = { id: existing.id, etag: '*', data };
    } else {
      const data: ClaimData = { state: d.messages.length ? 'pending' : 'noRecipient', attempts: 1, sentTo: [], ...d.details };
      let item: StoredItem;
      try {
        item = (await activity.items.add(activityValues({
          key: d.key, insightId: d.insightId, kind: 'notification', actorUpn: sender, text: d.text, data, at: now.toISOString()
        }))) as StoredItem;
      } catch (e) {
        if (isDuplicateError(e)) return;
        throw e;
      }
      if (!d.messages.length) {
        counts.noRecipient++;
        return;
      }
      claim = { id: item.Id, etag: '*', data };
    }
    const sentTo = new Set(claim.data.sentTo);
    let error: string | null = null;
    // One message per distinct text (a language, and "you own" for the owner), in chunks.
    const groups = new Map<string, { message: MessageContent; webUrl: string; recipients: Recipient[] }>();
    for (const m of d.messages) {
      if (sentTo.has(m.recipient.upn)) continue;
      const key = `${m.message.subject}\n${m.message.text}`;
      const group = groups.get(key) || { message: m.message, webUrl: m.webUrl, recipients: [] };
      group.recipients.push(m.recipient);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.recipients.length; i += MAX_RECIPIENTS_PER_MESSAGE) {
        const chunk = group.recipients.slice(i, i + MAX_RECIPIENTS_PER_MESSAGE);
        try {
          await notifier.send(chunk, group.message, group.webUrl);
          for (const r of chunk) sentTo.add(r.upn);
          counts.messages++;
          counts.recipients += chunk.length;
        } catch (e) {
          error = errorTag(e);
        }
      }
    }
    const done: ClaimData = {
      ...claim.data, state: error ? 'failed' : 'sent', sentTo: Array.from(sentTo).sort(), recipients: d.messages.length, ...(error ? { error } : {})
    };
    if (!error) delete done.error;
    await activity.items.getById(claim.id).update({ [ACTIVITY_FIELDS.data]: JSON.stringify(done) }, claim.etag);
    if (error) {
      counts.failed++;
      log(`relay job: notification ${d.key} failed (${error})`);
    } else counts.sent++;
  };

  // ---------------------------------------------------------------- a. ingestion
  if (steps.ingest) {
    try {
      summary.ingest = await ingestPendingRelays(ctx, {
        policy: feedback,
        now,
        matchThreshold: options.matchThreshold,
        managerChainOf: async upn => (await directory.managerChain(upn)).map(m => ({ upn: m.upn, displayName: m.displayName, department: m.department }))
      });
      summary.failed += summary.ingest.failed;
    } catch (e) {
      stepFailed('ingest', e);
    }
  }

  // ---------------------------------------------------------------- b. silence clock
  const markBreaches = async (insight: Insight, ack: boolean, res: boolean): Promise<void> => {
    let current = insight;
    for (let attempt = 0; ; attempt++) {
      const values: Record<string, unknown> = {};
      if (ack && !current.acknowledgeBreached) values[INSIGHT_FIELDS.acknowledgeBreached] = true;
      if (res && !current.resolveBreached) values[INSIGHT_FIELDS.resolveBreached] = true;
      if (!Object.keys(values).length) return;
      try {
        await insightsList.items.getById(current.id).update(values, current.etag || '*');
        summary.clock.breachesMarked++;
        return;
      } catch (e) {
        if (statusOf(e) !== 412 || attempt >= MAX_CONFLICT_RETRIES) throw e;
        current = insightFromItem((await insightsList.items.getById(current.id).select(...INSIGHT_SELECT)()) as StoredItem);
      }
    }
  };

  const ownerNameOf = async (insight: Insight): Promise<string> => {
    if (insight.owner.upn) {
      const p = await directory.person(insight.owner.upn).catch(() => null);
      return p ? p.displayName : insight.owner.upn;
    }
    return insight.owner.groupName || feedback.fallbackOwner.name;
  };

  const escalate = async (insight: Insight, due: DueNotification, targetHours: number): Promise<Delivery> => {
    const owner = { upn: insight.owner.upn, groupId: insight.owner.groupId, groupName: insight.owner.groupName };
    const fallback: GroupRef | null = feedback.fallbackOwner && feedback.fallbackOwner.kind === 'entra' ? feedback.fallbackOwner : null;
    const found: Recipient[] = [];
    for (const rule of due.recipients) {
      for (const target of escalationTargets(rule, owner, fallback)) found.push(...(await directory.resolve(target)));
    }
    const recipients = distinctRecipients(found, sender);
    const ownerName = await ownerNameOf(insight);
    const ownerUpn = insight.owner.upn ? insight.owner.upn.toLowerCase() : null;
    const webUrl = withQuery(dashboardUrl, 'insight', insight.id);
    return {
      key: escalationNotificationKey(due.key),
      insightId: insight.id,
      text: `${due.kind} ${due.clock} ${due.atShareOfTarget}`,
      details: { notification: due.kind, clock: due.clock, share: due.atShareOfTarget, dueAt: due.dueAt.toISOString() },
      messages: recipients.map(recipient => ({
        recipient,
        webUrl,
        message: escalationMessage({
          kind: due.kind,
          clock: due.clock,
          toOwner: ownerUpn !== null && recipient.upn === ownerUpn,
          ownerName,
          insight: {
            id: insight.id,
            title: insight.title,
            category: labelOf(feedback.categories, insight.category, recipient.language),
            product: labelOf(feedback.products, insight.product, recipient.language),
            severity: labelOf(feedback.severities, insight.severity, recipient.language),
            reach: insight.reach
          },
          shareOfTarget: due.shareOfTarget,
          dueAt: due.dueAt,
          targetHours,
          timeZone: feedback.calendar.timeZone,
          dashboardUrl: webUrl
        }, recipient.language)
      }))
    };
  };

  if (steps.clock) {
    try {
      const open = insightsList.items.select(...INSIGHT_SELECT).filter(`${INSIGHT_FIELDS.isOpen} eq 1`).orderBy('Id', true).top(PAGE_SIZE);
      for await (const page of open) {
        for (const item of page as StoredItem[]) {
          const insight = insightFromItem(item);
          summary.clock.insights++;
          try {
            const severity = feedback.severities.find(s => s.key === insight.severity)
              || feedback.severities.slice().sort((a, b) => a.weight - b.weight)[0];
            if (!severity || !insight.statusHistory.length) continue;
            const clock = computeSilenceClock({
              insightId: String(insight.id),
              events: insight.statusHistory,
              severity,
              calendar: feedback.calendar,
              pauseStates: feedback.pauseStates,
              now
            });
            const ackBreached = clock.acknowledge.state === 'breached';
            const resBreached = clock.resolve.state === 'breached';
            if ((ackBreached && !insight.acknowledgeBreached) || (resBreached && !insight.resolveBreached)) {
              await markBreaches(insight, ackBreached, resBreached);
            }
            const candidates = dueNotifications(clock, feedback.escalation, []);
            if (!candidates.length) continue;
            const claims = await notificationsOf(sp, insight.id);
            for (const due of candidates) {
              const key = escalationNotificationKey(due.key);
              const existing = claims.get(key);
              if (existing && (existing.data.state === 'sent' || existing.data.state === 'noRecipient')) continue;
              try {
                const targetHours = (due.clock === 'acknowledge' ? clock.acknowledge.targetMs : clock.resolve.targetMs) / HOUR;
                await deliver(await escalate(insight, due, targetHours), existing, summary.clock);
              } catch (e) {
                summary.clock.failed++;
                log(`relay job: notification ${key} failed (${errorTag(e)})`);
              }
            }
          } catch (e) {
            summary.clock.failed++;
            log(`relay job: silence clock of insight ${insight.id} failed (${errorTag(e)})`);
          }
        }
      }
      summary.failed += summary.clock.failed;
    } catch (e) {
      stepFailed('clock', e);
    }
  }

  // ---------------------------------------------------------------- c. closing the loop
  if (steps.outcomes) {
    try {
      let from = localDateKey(now, feedback.calendar.timeZone);
      for (let i = 0; i < Math.max(0, options.outcomeLookbackDays ?? 7); i++) from = previousDayKey(from);
      const closed = insightsList.items.select(...INSIGHT_SELECT)
        .filter(`${INSIGHT_FIELDS.closedDay} ge ${odataString(from)}`).orderBy('Id', true).top(PAGE_SIZE);
      for await (const page of closed) {
        for (const item of page as StoredItem[]) {
          const insight = insightFromItem(item);
          if ((insight.status !== 'resolved' && insight.status !== 'declined') || !insight.closedAt) continue;
          const key = outcomeNotificationKey(insight.id, insight.closedAt);
          summary.outcomes.insights++;
          try {
            const claims = await notificationsOf(sp, insight.id);
            const existing = claims.get(key);
            if (existing && (existing.data.state === 'sent' || existing.data.state === 'noRecipient')) continue;
            const relays = await readAll<StoredItem>(relaysList.items
              .select('Id', RELAY_FIELDS.relayerUpn, RELAY_FIELDS.language)
              .filter(`${RELAY_FIELDS.insightId} eq ${insight.id}`).orderBy('Id', true).top(PAGE_SIZE));
            // Each relaying employee once, in the language of their latest relay.
            const languageOf = new Map<string, NotificationLanguage>();
            for (const r of relays) {
              const upn = String(r[RELAY_FIELDS.relayerUpn] || '').trim().toLowerCase();
              if (upn) languageOf.set(upn, notificationLanguageOf(String(r[RELAY_FIELDS.language] || ''), defaultLanguage));
            }
            const found: Recipient[] = [];
            for (const [upn, language] of languageOf) {
              const person = await directory.person(upn);
              if (person && person.enabled) found.push({ upn, address: person.address, language });
            }
            const webUrl = myRelaysUrl;
            await deliver({
              key,
              insightId: insight.id,
              text: `outcome ${insight.status}`,
              details: { notification: 'outcome', status: insight.status, closedAt: insight.closedAt },
              messages: distinctRecipients(found, sender).map(recipient => ({
                recipient,
                webUrl,
                message: outcomeMessage({
                  status: insight.status as 'resolved' | 'declined',
                  insight: { id: insight.id, title: insight.title },
                  response: insight.response,
                  customerReply: insight.customerReply,
                  myRelaysUrl
                }, recipient.language)
              }))
            }, existing, summary.outcomes);
          } catch (e) {
            summary.outcomes.failed++;
            log(`relay job: outcome of insight ${insight.id} failed (${errorTag(e)})`);
          }
        }
      }
      summary.failed += summary.outcomes.failed;
    } catch (e) {
      stepFailed('outcomes', e);
    }
  }

  // ---------------------------------------------------------------- d. daily statistics
  if (steps.stats) {
    try {
      const today = localDateKey(now, feedback.calendar.timeZone);
      const days = [previousDayKey(today), today];
      summary.stats.days = days;
      for (const day of days) {
        const written = await recomputeDayStats(sp, day);
        if (written) summary.stats.written++;
        else summary.stats.unchanged++;
      }
    } catch (e) {
      stepFailed('stats', e);
    }
  }

  summary.finishedAt = new Date().toISOString();
  return summary;
}

/**
 * Recomputes one day's statistics from the lists (relays with DayKey eq day; insights with
 * AcknowledgedDay eq day, and with ClosedDay eq day: three indexed queries, paged) and stores them
 * in 'Relay statistics' (unique DayKey; updated with its ETag). Resolves true when it wrote.
 */
export async function recomputeDayStats(sp: SPFI, day: string): Promise<boolean> {
  const relays = sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  const insights = sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  const statsList = sp.web.lists.getByTitle(RELAY_STATS_LIST_TITLE);
  const literal = odataString(day);
  const [relayItems, acknowledged, closed] = await Promise.all([
    readAll<StoredItem>(relays.items.select('Id', RELAY_FIELDS.category, RELAY_FIELDS.product)
      .filter(`${RELAY_FIELDS.dayKey} eq ${literal}`).top(PAGE_SIZE)),
    readAll<StoredItem>(insights.items.select('Id', INSIGHT_FIELDS.department, INSIGHT_FIELDS.acknowledgeHours)
      .filter(`${INSIGHT_FIELDS.acknowledgedDay} eq ${literal}`).top(PAGE_SIZE)),
    readAll<StoredItem>(insights.items.select('Id', INSIGHT_FIELDS.department, INSIGHT_FIELDS.status, INSIGHT_FIELDS.resolveHours,
      INSIGHT_FIELDS.acknowledgeBreached, INSIGHT_FIELDS.resolveBreached)
      .filter(`${INSIGHT_FIELDS.closedDay} eq ${literal}`).top(PAGE_SIZE))
  ]);
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const stats = buildDayStats(day, {
    relays: relayItems.map(r => ({ category: String(r[RELAY_FIELDS.category] || ''), product: String(r[RELAY_FIELDS.product] || '') })),
    acknowledged: acknowledged.map(i => ({ department: String(i[INSIGHT_FIELDS.department] || ''), acknowledgeHours: num(i[INSIGHT_FIELDS.acknowledgeHours]) })),
    closed: closed.map((i): DayClosed => ({
      department: String(i[INSIGHT_FIELDS.department] || ''),
      status: String(i[INSIGHT_FIELDS.status] || ''),
      resolveHours: num(i[INSIGHT_FIELDS.resolveHours]),
      acknowledgeBreached: i[INSIGHT_FIELDS.acknowledgeBreached] === true,
      resolveBreached: i[INSIGHT_FIELDS.resolveBreached] === true
    }))
  });
  const json = JSON.stringify(stats);
  for (let attempt = 0; ; attempt++) {
    const existing = ((await statsList.items.select('Id', STATS_FIELDS.data).filter(`${STATS_FIELDS.dayKey} eq ${literal}`).top(1)()) as StoredItem[])[0];
    try {
      if (!existing) {
        await statsList.items.add({ Title: day, [STATS_FIELDS.dayKey]: day, [STATS_FIELDS.data]: json });
        return true;
      }
      if (existing[STATS_FIELDS.data] === json) return false;
      await statsList.items.getById(existing.Id).update({ [STATS_FIELDS.data]: json }, etagOf(existing) || '*');
      return true;
    } catch (e) {
      // Another run wrote the day first (duplicate DayKey, or 412 on the ETag): read it again.
      if (attempt >= MAX_CONFLICT_RETRIES || !(isDuplicateError(e) || statusOf(e) === 412)) throw e;
    }
  }
}
