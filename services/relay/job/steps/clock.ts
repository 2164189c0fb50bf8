/**
 * b. The silence clock: for every open insight (IsOpen eq 1, indexed, walked past 5,000) the clock
 * is computed from its status history (core/relay/clock.ts), breaches are marked (../breaches.ts),
 * and the notifications due on the policy's ladder (core/relay/escalation.ts) are delivered through
 * the claims (../claims.ts). One insight failing does not stop the others.
 */
import type { GroupRef } from '../../../../core/policy/types';
import type { Insight } from '../../../../core/relay/model';
import { computeSilenceClock } from '../../../../core/relay/clock';
import { dueNotifications, DueNotification } from '../../../../core/relay/escalation';
import { distinctRecipients, escalationMessage, escalationNotificationKey, escalationTargets, Recipient } from '../../../../core/relay/notifications';
import type { NotificationLanguage } from '../../../../core/relay/notificationText';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE } from '../../../provisioning/relayLists';
import { walkItems } from '../../../listWalk';
import { INSIGHT_SELECT, insightFromItem, PAGE_SIZE, StoredItem } from '../../items';
import { breachesToMark, markBreaches } from '../breaches';
import { Delivery, errorTag, isSettled } from '../claims';
import { isLeaseLost } from '../lease';
import { emptyCounts, JobStep, NotificationCounts, StepContext } from '../types';

export type ClockReport = NotificationCounts & { insights: number; breachesMarked: number };

const HOUR = 3_600_000;

function withQuery(url: string, name: string, value: string | number): string {
  return `${url}${url.indexOf('?') >= 0 ? '&' : '?'}${name}=${encodeURIComponent(String(value))}`;
}

function labelOf(options: ReadonlyArray<{ key: string; label: { en: string; fr: string } }>, key: string, language: NotificationLanguage): string {
  const o = options.find(x => x.key === key);
  return o ? o.label[language] : key;
}

async function ownerNameOf(ctx: StepContext, insight: Insight): Promise<string> {
  if (insight.owner.upn) {
    const p = await ctx.directory.person(insight.owner.upn).catch(() => null);
    return p ? p.displayName : insight.owner.upn;
  }
  return insight.owner.groupName || ctx.settings.policy.feedback.fallbackOwner.name;
}

/** The delivery of one rung of the ladder: its recipients, each with the message in their language. */
async function escalation(ctx: StepContext, insight: Insight, due: DueNotification, targetHours: number): Promise<Delivery> {
  const { feedback } = ctx.settings.policy;
  const owner = { upn: insight.owner.upn, groupId: insight.owner.groupId, groupName: insight.owner.groupName };
  const fallback: GroupRef | null = feedback.fallbackOwner && feedback.fallbackOwner.kind === 'entra' ? feedback.fallbackOwner : null;
  const found: Recipient[] = [];
  for (const rule of due.recipients) {
    for (const target of escalationTargets(rule, owner, fallback)) found.push(...(await ctx.directory.resolve(target)));
  }
  const recipients = distinctRecipients(found, ctx.settings.sender);
  const ownerName = await ownerNameOf(ctx, insight);
  const ownerUpn = insight.owner.upn ? insight.owner.upn.toLowerCase() : null;
  const webUrl = withQuery(ctx.settings.dashboardUrl, 'insight', insight.id);
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
}

/** The clock of one open insight: breaches marked, due notifications delivered. */
async function tick(ctx: StepContext, insight: Insight, report: ClockReport): Promise<void> {
  const { feedback } = ctx.settings.policy;
  const severity = feedback.severities.find(s => s.key === insight.severity)
    || feedback.severities.slice().sort((a, b) => a.weight - b.weight)[0];
  if (!severity || !insight.statusHistory.length) return;
  const clock = computeSilenceClock({
    insightId: String(insight.id),
    events: insight.statusHistory,
    severity,
    calendar: feedback.calendar,
    pauseStates: feedback.pauseStates,
    now: ctx.settings.now
  });
  const ackBreached = clock.acknowledge.state === 'breached';
  const resBreached = clock.resolve.state === 'breached';
  if (breachesToMark(insight, ackBreached, resBreached) && await markBreaches(ctx.sp, insight, ackBreached, resBreached)) report.breachesMarked++;
  const candidates = dueNotifications(clock, feedback.escalation, []);
  if (!candidates.length) return;
  const claims = await ctx.claims.notificationsOf(insight.id);
  for (const due of candidates) {
    const key = escalationNotificationKey(due.key);
    const existing = claims.get(key);
    if (isSettled(existing)) continue;
    try {
      const targetHours = (due.clock === 'acknowledge' ? clock.acknowledge.targetMs : clock.resolve.targetMs) / HOUR;
      await ctx.claims.deliver(await escalation(ctx, insight, due, targetHours), existing, report);
    } catch (e) {
      if (isLeaseLost(e)) throw e;
      report.failed++;
      ctx.log(`relay job: notification ${key} failed (${errorTag(e)})`);
    }
  }
}

export const clockStep: JobStep<ClockReport> = {
  name: 'clock',
  idle: () => ({ ...emptyCounts(), insights: 0, breachesMarked: 0 }),
  async run(ctx, report) {
    const open = walkItems<StoredItem>(ctx.sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE), {
      select: INSIGHT_SELECT, filter: `${INSIGHT_FIELDS.isOpen} eq 1`, pageSize: PAGE_SIZE
    });
    for await (const page of open) {
      for (const item of page) {
        const insight = insightFromItem(item);
        report.insights++;
        try {
          await tick(ctx, insight, report);
        } catch (e) {
          if (isLeaseLost(e)) throw e;
          report.failed++;
          ctx.log(`relay job: silence clock of insight ${insight.id} failed (${errorTag(e)})`);
        }
      }
    }
    return { report, failed: report.failed };
  }
};
