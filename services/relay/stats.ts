/**
 * Daily relay statistics, read side (StatsApi). The relay job writes one item per day
 * ("Relay statistics", DayKey unique and indexed); the dashboard reads a range in one request.
 * A malformed item (hand edited, older shape) is skipped, never fatal.
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import type { SPFI } from '@pnp/sp';
import type { SuiteContext } from '../context';
import { DayStats, emptyDayStats } from '../../core/relay/model';
import { isIsoDate } from '../../core/relay/submission';
import { odataString } from '../../core/odata';
import { RELAY_STATS_LIST_TITLE, STATS_FIELDS } from '../provisioning/relayLists';
import { RelayError, StatsApi } from './api';
import { safeJson, StoredItem, toRelayError } from './items';

/** At most this many days in one read (more than a year and a half). */
export const MAX_DAYS = 600;

const isCountMap = (v: unknown): v is Record<string, number> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(x => typeof x === 'number' && Number.isFinite(x));
const isHoursMap = (v: unknown): v is Record<string, number[]> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(x => Array.isArray(x) && x.every(n => typeof n === 'number' && Number.isFinite(n)));
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/** The DayStats of an item, or null when it cannot be read. */
export function dayStatsFromItem(item: StoredItem): DayStats | null {
  const day = String(item[STATS_FIELDS.dayKey] || '');
  if (!isIsoDate(day)) return null;
  const raw = safeJson<unknown>(item[STATS_FIELDS.data], null);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const d = raw as Record<string, unknown>;
  const out = emptyDayStats(day);
  if (d.relaysByCategory !== undefined && !isCountMap(d.relaysByCategory)) return null;
  if (d.relaysByProduct !== undefined && !isCountMap(d.relaysByProduct)) return null;
  if (d.acknowledgeHoursByDepartment !== undefined && !isHoursMap(d.acknowledgeHoursByDepartment)) return null;
  if (d.resolveHoursByDepartment !== undefined && !isHoursMap(d.resolveHoursByDepartment)) return null;
  out.relaysByCategory = (d.relaysByCategory as Record<string, number>) || {};
  out.relaysByProduct = (d.relaysByProduct as Record<string, number>) || {};
  out.acknowledgeHoursByDepartment = (d.acknowledgeHoursByDepartment as Record<string, number[]>) || {};
  out.resolveHoursByDepartment = (d.resolveHoursByDepartment as Record<string, number[]>) || {};
  out.relays = count(d.relays);
  out.closed = count(d.closed);
  out.acknowledgeBreaches = count(d.acknowledgeBreaches);
  out.resolveBreaches = count(d.resolveBreaches);
  return out;
}

export class StatsService implements StatsApi {
  private readonly sp: SPFI;

  public constructor(ctx: Pick<SuiteContext, 'sp'>) {
    this.sp = ctx.sp;
  }

  /** Days from `fromDay` on (DayKey ge fromDay, indexed), oldest first, in one request. */
  public async days(fromDay: string): Promise<DayStats[]> {
    if (!isIsoDate(fromDay)) throw new RelayError('invalid', 'The first day is not a date.', ['fromDay']);
    let items: StoredItem[];
    try {
      items = (await this.sp.web.lists.getByTitle(RELAY_STATS_LIST_TITLE).items
        .select('Id', STATS_FIELDS.dayKey, STATS_FIELDS.data)
        .filter(`${STATS_FIELDS.dayKey} ge ${odataString(fromDay)}`)
        .orderBy(STATS_FIELDS.dayKey, true)
        .top(MAX_DAYS)()) as StoredItem[];
    } catch (e) {
      throw toRelayError(e, 'Statistics');
    }
    const out: DayStats[] = [];
    for (const item of items) {
      const d = dayStatsFromItem(item);
      if (d) out.push(d);
    }
    return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
}
