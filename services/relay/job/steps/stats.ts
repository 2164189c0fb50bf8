/**
 * d. Daily statistics: today's and yesterday's DayStats (policy time zone) recomputed from the lists
 * and stored in 'Relay statistics' (one item per day, unique DayKey, updated with its ETag).
 * Recomputing rather than adding to a counter makes a rerun harmless; an unchanged day is not written.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import { localDateKey } from '../../../../core/relay/calendar';
import { buildDayStats, DayClosed, previousDayKey } from '../../../../core/relay/dayStats';
import { odataString } from '../../../../core/odata';
import {
  INSIGHT_FIELDS, INSIGHTS_LIST_TITLE, RELAY_FIELDS, RELAY_STATS_LIST_TITLE, RELAYS_LIST_TITLE, STATS_FIELDS
} from '../../../provisioning/relayLists';
import { walkItems } from '../../../listWalk';
import { withEtagRetry } from '../../../sp/retry';
import { etagOf, isDuplicateError, PAGE_SIZE, statusOf, StoredItem } from '../../items';
import type { JobStep } from '../types';

export interface StatsReport {
  days: string[];
  written: number;
  unchanged: number;
}

/** Every matching item, walked past 5,000 (Id windows), with only the fields counted. */
async function collect(list: ReturnType<SPFI['web']['lists']['getByTitle']>, select: string[], filter: string): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for await (const page of walkItems<StoredItem>(list, { select, filter, pageSize: PAGE_SIZE * 10 })) out.push(...page);
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Recomputes one day's statistics from the lists (relays with DayKey eq day; insights with
 * AcknowledgedDay eq day, and with ClosedDay eq day: three indexed queries, paged, each walked past
 * 5,000) and stores them in 'Relay statistics' (unique DayKey; updated with its ETag). Resolves true
 * when it wrote.
 */
export async function recomputeDayStats(sp: SPFI, day: string): Promise<boolean> {
  const relays = sp.web.lists.getByTitle(RELAYS_LIST_TITLE);
  const insights = sp.web.lists.getByTitle(INSIGHTS_LIST_TITLE);
  const statsList = sp.web.lists.getByTitle(RELAY_STATS_LIST_TITLE);
  const literal = odataString(day);
  const [relayItems, acknowledged, closed] = await Promise.all([
    collect(relays, [RELAY_FIELDS.category, RELAY_FIELDS.product], `${RELAY_FIELDS.dayKey} eq ${literal}`),
    collect(insights, [INSIGHT_FIELDS.department, INSIGHT_FIELDS.acknowledgeHours], `${INSIGHT_FIELDS.acknowledgedDay} eq ${literal}`),
    collect(insights, [INSIGHT_FIELDS.department, INSIGHT_FIELDS.status, INSIGHT_FIELDS.resolveHours,
      INSIGHT_FIELDS.acknowledgeBreached, INSIGHT_FIELDS.resolveBreached], `${INSIGHT_FIELDS.closedDay} eq ${literal}`)
  ]);
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
  // Another run writing the day first (duplicate DayKey, or 412 on the ETag): read it again.
  const result = await withEtagRetry(
    async () => ((await statsList.items.select('Id', STATS_FIELDS.data).filter(`${STATS_FIELDS.dayKey} eq ${literal}`).top(1)()) as StoredItem[])[0] || null,
    existing => {
      if (!existing) return () => statsList.items.add({ Title: day, [STATS_FIELDS.dayKey]: day, [STATS_FIELDS.data]: json });
      if (existing[STATS_FIELDS.data] === json) return null;
      return () => statsList.items.getById(existing.Id).update({ [STATS_FIELDS.data]: json }, etagOf(existing) || '*');
    },
    { isConflict: e => isDuplicateError(e) || statusOf(e) === 412 }
  );
  return result.written;
}

export const statsStep: JobStep<StatsReport> = {
  name: 'stats',
  idle: () => ({ days: [], written: 0, unchanged: 0 }),
  async run(ctx, report) {
    const today = localDateKey(ctx.settings.now, ctx.settings.policy.feedback.calendar.timeZone);
    report.days = [previousDayKey(today), today];
    for (const day of report.days) {
      if (await recomputeDayStats(ctx.sp, day)) report.written++;
      else report.unchanged++;
    }
    return { report, failed: 0 };
  }
};
