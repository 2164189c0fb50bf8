/**
 * Business-time arithmetic in a policy's business calendar (time zone, working days, working
 * hours, holidays), and the two time-zone conversions it rests on: the local wall-clock parts of a
 * UTC instant, and the UTC instant of a local wall-clock time.
 *
 * Conversions use the platform's Intl.DateTimeFormat, which carries the IANA time zone database
 * (daylight saving time included). Business time is real elapsed time inside working windows: a
 * window is [local start, local end) of a working local date that is not a holiday, turned into
 * two UTC instants. A window crossed by a DST change is therefore one hour shorter or longer, as
 * the people working it experience it. Pure: no wall clock, every instant is passed in.
 *
 * Rules (see docs/silence-clock.md):
 * - windows are half-open: an event at 17:00:00.000 with hours ending at 17:00 is outside;
 * - working hours are 'HH:mm' with start < end, both within 00:00..24:00 (no overnight shifts);
 * - holidays are local dates 'YYYY-MM-DD' of the calendar's time zone;
 * - a local time that does not exist (skipped by a spring-forward change) is read as the instant it
 *   would be on the clock after the change (02:30 -> 03:30); a local time that happens twice (fall
 *   back) is read as its first occurrence.
 */
import type { BusinessCalendar } from '../policy/types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The local wall-clock reading of an instant. `weekday` is ISO: 1 = Monday ... 7 = Sunday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

/** A local wall-clock time to place in a zone; `second` and `millisecond` default to 0. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a time zone the platform does not know.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function assertInstant(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a calendar date. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Wall-clock fields of an instant (whole seconds) in a zone, as a UTC-based millisecond count. */
function wallMillisOf(timeZone: string, epochSecondMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochSecondMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const hour = fields.hour === 24 ? 0 : fields.hour;
  return Date.UTC(fields.year, fields.month - 1, fields.day, hour, fields.minute, fields.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive: Paris in summer = +2 h). */
export function offsetMillisAt(timeZone: string, instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : assertInstant(instant, 'instant');
  const second = Math.floor(ms / 1000) * 1000;
  return wallMillisOf(timeZone, second) - second;
}

/** The local wall-clock parts of a UTC instant in a zone. */
export function localPartsOf(instant: Date, timeZone: string): LocalParts {
  const ms = assertInstant(instant, 'instant');
  const wall = new Date(ms + offsetMillisAt(timeZone, ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: isoWeekday(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate())
  };
}

/** The local date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateKey(instant: Date, timeZone: string): string {
  const p = localPartsOf(instant, timeZone);
  return dateKey(p.year, p.month, p.day);
}

function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The UTC instant of a local wall-clock time in a zone. Out-of-range fields roll over as in
 * Date.UTC (hour 24 is the next day's midnight). A time skipped by a DST change is read with the
 * offset in force before the change (02:30 on a spring-forward night is 03:30 after it); a time
 * that happens twice is its first occurrence.
 */
export function instantOfLocal(timeZone: string, local: LocalDateTime): Date {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second ?? 0,
    local.millisecond ?? 0
  );
  if (!Number.isFinite(wall)) throw new RangeError('instantOfLocal: invalid local date-time');
  // The true instant lies within 14 h of `wall`; the offsets found a day either side cover it.
  const before = offsetMillisAt(timeZone, wall - DAY);
  const probes = [before, offsetMillisAt(timeZone, wall), offsetMillisAt(timeZone, wall + DAY)];
  let best: number | undefined;
  for (const offset of probes) {
    const candidate = wall - offset;
    if (offsetMillisAt(timeZone, candidate) === offset && (best === undefined || candidate < best)) {
      best = candidate;
    }
  }
  // No offset reads back: the wall time falls in a gap. Use the offset before the change.
  return new Date(best ?? wall - before);
}

/** Minutes since local midnight of 'HH:mm' (00:00..24:00). */
function minutesOf(text: string, name: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`business calendar: ${name} must be 'HH:mm' within 00:00..24:00, not '${text}'`);
  }
  return hours * 60 + minutes;
}

interface CompiledCalendar {
  timeZone: string;
  startMinutes: number;
  endMinutes: number;
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  /** Most consecutive local dates without working time before the calendar is declared empty. */
  maxIdleDays: number;
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  const startMinutes = minutesOf(cal.workingHours.start, 'workingHours.start');
  const endMinutes = minutesOf(cal.workingHours.end, 'workingHours.end');
  if (endMinutes <= startMinutes) throw new RangeError('business calendar: working hours must start before they end');
  const workingDays = new Set(cal.workingDays.filter(d => Number.isInteger(d) && d >= 1 && d <= 7));
  if (workingDays.size === 0) throw new RangeError('business calendar: no working days');
  formatterFor(cal.timeZone);
  return {
    timeZone: cal.timeZone,
    startMinutes,
    endMinutes,
    workingDays,
    holidays: new Set(cal.holidays),
    maxIdleDays: 7 + cal.holidays.length
  };
}

/** Local day number: days since 1970-01-01 of a local calendar date. */
function dayNumberOf(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetMillisAt(timeZone, ms)) / DAY);
}

const windowCache = new Map<string, readonly [number, number]>();
const WINDOW_CACHE_LIMIT = 50_000;

/** The working window [start, end) of a local day as UTC milliseconds, or null on a day off. */
function windowOf(c: CompiledCalendar, dayNumber: number): readonly [number, number] | null {
  const date = new Date(dayNumber * DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if (!c.workingDays.has(isoWeekday(year, month, day))) return null;
  if (c.holidays.has(dateKey(year, month, day))) return null;
  const key = `${c.timeZone}|${c.startMinutes}|${c.endMinutes}|${dayNumber}`;
  let window = windowCache.get(key);
  if (!window) {
    const at = (minutes: number): number =>
      instantOfLocal(c.timeZone, { year, month, day, hour: 0, minute: minutes }).getTime();
    window = [at(c.startMinutes), at(c.endMinutes)];
    if (windowCache.size >= WINDOW_CACHE_LIMIT) windowCache.clear();
    windowCache.set(key, window);
  }
  return window;
}

/** Walks the working windows from the local date of `fromMs` on; stops when `visit` returns true. */
function walkWindows(c: CompiledCalendar, fromMs: number, visit: (start: number, end: number) => boolean): void {
  let idle = 0;
  for (let day = dayNumberOf(fromMs, c.timeZone); ; day++) {
    const window = windowOf(c, day);
    if (window && window[1] > window[0]) {
      idle = 0;
      if (visit(window[0], window[1])) return;
    } else if (++idle > c.maxIdleDays) {
      throw new RangeError('business calendar: no working time ahead (check working days and holidays)');
    }
  }
}

/**
 * Business milliseconds between two instants: the time of [from, to) that falls inside working
 * windows. Negative when `to` is before `from`.
 */
export function businessMillisBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = assertInstant(from, 'from');
  const toMs = assertInstant(to, 'to');
  if (toMs < fromMs) return -businessMillisBetween(cal, to, from);
  if (toMs === fromMs) return 0;
  const c = compile(cal);
  let total = 0;
  // The local midnight of day n is after n * DAY - 14 h in every zone (offsets stay within ±14 h).
  const lastDay = Math.floor((toMs + 15 * HOUR) / DAY);
  for (let day = dayNumberOf(fromMs, c.timeZone); day <= lastDay; day++) {
    const window = windowOf(c, day);
    if (!window) continue;
    const overlap = Math.min(window[1], toMs) - Math.max(window[0], fromMs);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/**
 * The earliest instant at which `ms` business milliseconds have passed since `from`. `ms` = 0
 * answers `from` itself; a span that ends exactly at a window's end answers that end (17:00 on
 * Friday, not 08:30 on Monday).
 */
export function addBusinessMillis(cal: BusinessCalendar, from: Date, ms: number): Date {
  const fromMs = assertInstant(from, 'from');
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`addBusinessMillis: ms must be a finite number >= 0, not ${ms}`);
  if (ms === 0) return new Date(fromMs);
  const c = compile(cal);
  let left = ms;
  let result = NaN;
  walkWindows(c, fromMs, (start, end) => {
    const begin = Math.max(start, fromMs);
    if (end <= begin) return false;
    if (left <= end - begin) {
      result = begin + left;
      return true;
    }
    left -= end - begin;
    return false;
  });
  return new Date(result);
}

/** The first instant at or after `at` that is business time (where a clock started at `at` begins to count). */
export function nextBusinessInstant(cal: BusinessCalendar, at: Date): Date {
  const atMs = assertInstant(at, 'at');
  const c = compile(cal);
  let result = NaN;
  walkWindows(c, atMs, (start, end) => {
    if (end <= atMs) return false;
    result = Math.max(start, atMs);
    return true;
  });
  return new Date(result);
}

/** Whether an instant falls inside a working window. */
export function isBusinessTime(cal: BusinessCalendar, at: Date): boolean {
  const atMs = assertInstant(at, 'at');
  const window = windowOf(compile(cal), dayNumberOf(atMs, cal.timeZone));
  return window !== null && atMs >= window[0] && atMs < window[1];
}

/** Business hours as milliseconds (targets are stated in business hours). */
export function hoursToMillis(hours: number): number {
  return Math.round(hours * HOUR);
}

/** Milliseconds as (fractional) hours. */
export function millisToHours(ms: number): number {
  return ms / HOUR;
}

export const BUSINESS_TIME_UNITS = { MINUTE, HOUR, DAY } as const;
