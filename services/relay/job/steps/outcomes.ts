/**
 * c. Closing the loop: every insight closed (resolved or declined) in the last days (ClosedDay,
 * indexed) tells each person who relayed it the outcome, the owner's response and the reply for the
 * customer, once per closing.
 *
 * Who relayed it is the relay item's Author (SharePoint sets it from the request's identity), never
 * its RelayerUpn, which the writer fills in: a relay "from" the CEO written by someone else tells
 * its author, not the CEO. Each person once, in the language of their latest relay. The relays of an
 * insight are walked past 5,000 (services/listWalk.ts).
 */
import { distinctRecipients, outcomeMessage, outcomeNotificationKey, Recipient } from '../../../../core/relay/notifications';
import { NotificationLanguage, notificationLanguageOf } from '../../../../core/relay/notificationText';
import { localDateKey } from '../../../../core/relay/calendar';
import { previousDayKey } from '../../../../core/relay/dayStats';
import type { Insight } from '../../../../core/relay/model';
import { odataString } from '../../../../core/odata';
import { INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAYS_LIST_TITLE } from '../../../provisioning/relayLists';
import { walkItems } from '../../../listWalk';
import { AUTHOR_SELECT, authorUpnOf, PersonValue } from '../../../sp/identity';
import { INSIGHT_SELECT, insightFromItem, PAGE_SIZE, StoredItem } from '../../items';
import { errorTag, isSettled } from '../claims';
import { isLeaseLost } from '../lease';
import { emptyCounts, JobStep, NotificationCounts, StepContext } from '../types';

export type OutcomesReport = NotificationCounts & { insights: number };

/** Each person who relayed the insight (its relays' authors), with the language of their latest relay. */
export async function relayersOf(ctx: StepContext, insightId: number): Promise<Map<string, NotificationLanguage>> {
  const languageOf = new Map<string, NotificationLanguage>();
  const pages = walkItems<StoredItem & { Author?: PersonValue }>(ctx.sp.web.lists.getByTitle(RELAYS_LIST_TITLE), {
    select: ['Id', RELAY_FIELDS.language, ...AUTHOR_SELECT],
    expand: ['Author'],
    filter: `${RELAY_FIELDS.insightId} eq ${insightId}`,
    pageSize: PAGE_SIZE
  });
  // Oldest first: a later relay's language replaces an earlier one's.
  for await (const page of pages) {
    for (const r of page) {
      const upn = authorUpnOf(r);
      if (upn) languageOf.set(upn, notificationLanguageOf(String(r[RELAY_FIELDS.language] || ''), ctx.settings.defaultLanguage));
    }
  }
  return languageOf;
}

async function tellRelayers(ctx: StepContext, insight: Insight, report: OutcomesReport): Promise<void> {
  const key = outcomeNotificationKey(insight.id, insight.closedAt!);
  const claims = await ctx.claims.notificationsOf(insight.id);
  const existing = claims.get(key);
  if (isSettled(existing)) return;
  const found: Recipient[] = [];
  for (const [upn, language] of await relayersOf(ctx, insight.id)) {
    const person = await ctx.directory.person(upn);
    if (person && person.enabled) found.push({ upn, address: person.address, language });
  }
  const { sender } = ctx.settings;
  // The link opens "My relays" on this insight's relay (the page reads `insight=`).
  const base = ctx.settings.myRelaysUrl;
  const myRelaysUrl = `${base}${base.indexOf('?') >= 0 ? '&' : '?'}insight=${insight.id}`;
  await ctx.claims.deliver({
    key,
    insightId: insight.id,
    text: `outcome ${insight.status}`,
    details: { notification: 'outcome', status: insight.status, closedAt: insight.closedAt },
    messages: distinctRecipients(found, sender).map(recipient => ({
      recipient,
      webUrl: myRelaysUrl,
      message: outcomeMessage({
        status: insight.status as 'resolved' | 'declined',
        insight: { id: insight.id, title: insight.title },
        response: insight.response,
        customerReply: insight.customerReply,
        myRelaysUrl
      }, recipient.language)
    }))
  }, existing, report);
}

export const outcomesStep: JobStep<OutcomesReport> = {
  name: 'outcomes',
  idle: () => ({ ...emptyCounts(), insights: 0 }),
  async run(ctx, report) {
    const { now, policy, outcomeLookbackDays } = ctx.settings;
    let from = localDateKey(now, policy.feedback.calendar.timeZone);
    for (let i = 0; i < outcomeLookbackDays; i++) from = previousDayKey(from);
    const closed = walkItems<StoredItem>(ctx.sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE), {
      select: INSIGHT_SELECT, filter: `${INSIGHT_FIELDS.closedDay} ge ${odataString(from)}`, pageSize: PAGE_SIZE
    });
    for await (const page of closed) {
      for (const item of page) {
        const insight = insightFromItem(item);
        if ((insight.status !== 'resolved' && insight.status !== 'declined') || !insight.closedAt) continue;
        report.insights++;
        try {
          await tellRelayers(ctx, insight, report);
        } catch (e) {
          if (isLeaseLost(e)) throw e;
          report.failed++;
          ctx.log(`relay job: outcome of insight ${insight.id} failed (${errorTag(e)})`);
        }
      }
    }
    return { report, failed: report.failed };
  }
};
