import type { BusinessCalendar } from '../../core/policy/types';
import {
  addBusinessMillis,
  businessMillisBetween,
  instantOfLocal,
  isBusinessTime,
  localDateKey,
  localPartsOf,
  nextBusinessInstant,
  offsetMillisAt
} from '../../core/relay/calendar';

const H = 3_600_000;
const d = (iso: string): Date => new Date(iso);

/** Québec head office: Monday to Friday, 08:30-17:00 Eastern, Québec public holidays of 2026-27. */
const quebec: BusinessCalendar = {
  timeZone: 'America/Toronto',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '08:30', end: '17:00' },
  holidays: ['2026-06-24', '2026-07-01', '2026-12-25', '2027-01-01']
};
const paris: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '18:00' },
  holidays: []
};
const zurich: BusinessCalendar = { ...paris, timeZone: 'Europe/Zurich', workingHours: { start: '08:00', end: '17:00' } };

describe('local time in a zone (Intl)', () => {
  it('reads the local parts of an instant, with the ISO weekday, across DST and the year end', () => {
    // 06:30Z on 2026-11-01 is the second 01:30 in Toronto (EST, after the fall back).
    expect(localPartsOf(d('2026-11-01T06:30:00Z'), 'America/Toronto')).toEqual({
      year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, millisecond: 0, weekday: 7
    });
    expect(localPartsOf(d('2026-11-01T05:30:00.250Z'), 'America/Toronto')).toMatchObject({ hour: 1, millisecond: 250 });
    // New Year's Eve, 22:00 in Toronto, already 2027 in UTC.
    expect(localPartsOf(d('2027-01-01T03:00:00Z'), 'America/Toronto')).toMatchObject({
      year: 2026, month: 12, day: 31, hour: 22, weekday: 4
    });
    expect(localDateKey(d('2027-01-01T03:00:00Z'), 'America/Toronto')).toBe('2026-12-31');
    expect(localDateKey(d('2027-01-01T03:00:00Z'), 'Europe/Paris')).toBe('2027-01-01');
  });

  it('knows the offsets on both sides of each change', () => {
    expect(offsetMillisAt('America/Toronto', d('2026-03-08T06:59:59Z'))).toBe(-5 * H);
    expect(offsetMillisAt('America/Toronto', d('2026-03-08T07:00:00Z'))).toBe(-4 * H);
    expect(offsetMillisAt('Europe/Paris', d('2026-10-25T00:59:59Z'))).toBe(2 * H);
    expect(offsetMillisAt('Europe/Paris', d('2026-10-25T01:00:00Z'))).toBe(1 * H);
  });

  it('places a local wall-clock time in its zone, summer and winter', () => {
    expect(instantOfLocal('America/Toronto', { year: 2026, month: 3, day: 6, hour: 8, minute: 30 }))
      .toEqual(d('2026-03-06T08:30:00-05:00'));
    expect(instantOfLocal('America/Toronto', { year: 2026, month: 3, day: 9, hour: 8, minute: 30 }))
      .toEqual(d('2026-03-09T08:30:00-04:00'));
    expect(instantOfLocal('Europe/Zurich', { year: 2026, month: 3, day: 27, hour: 8, minute: 0 })).toEqual(d('2026-03-27T07:00:00Z'));
    expect(instantOfLocal('Europe/Zurich', { year: 2026, month: 3, day: 30, hour: 8, minute: 0 })).toEqual(d('2026-03-30T06:00:00Z'));
    expect(instantOfLocal('Europe/Paris', { year: 2026, month: 12, day: 31, hour: 24, minute: 0 })).toEqual(d('2026-12-31T23:00:00Z'));
  });

  it('reads a skipped local time (spring forward) as the time after the change', () => {
    expect(instantOfLocal('America/Toronto', { year: 2026, month: 3, day: 8, hour: 2, minute: 30 }))
      .toEqual(d('2026-03-08T03:30:00-04:00'));
    expect(instantOfLocal('Europe/Paris', { year: 2026, month: 3, day: 29, hour: 2, minute: 30 })).toEqual(d('2026-03-29T01:30:00Z'));
    // Chile moves its clocks at midnight: 2026-09-06 00:00 does not exist in Santiago.
    expect(instantOfLocal('America/Santiago', { year: 2026, month: 9, day: 6, hour: 0, minute: 0 })).toEqual(d('2026-09-06T04:00:00Z'));
  });

  it('reads a repeated local time (fall back) as its first occurrence', () => {
    expect(instantOfLocal('America/Toronto', { year: 2026, month: 11, day: 1, hour: 1, minute: 30 }))
      .toEqual(d('2026-11-01T01:30:00-04:00'));
    expect(instantOfLocal('Europe/Paris', { year: 2026, month: 10, day: 25, hour: 2, minute: 30 })).toEqual(d('2026-10-25T00:30:00Z'));
  });

  it('round-trips every instant of a year through its local parts (the second of two repeated hours excepted)', () => {
    // Coarse steps over the year, fine steps over the two days around each change of 2026.
    const changes: Record<string, string[]> = {
      'America/Toronto': ['2026-03-08', '2026-11-01'],
      'Europe/Paris': ['2026-03-29', '2026-10-25'],
      'Europe/Zurich': ['2026-03-29', '2026-10-25'],
      'America/Santiago': ['2026-04-05', '2026-09-06']
    };
    for (const zone of Object.keys(changes)) {
      const instants: number[] = [];
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 367 * 60_000) instants.push(t);
      for (const day of changes[zone]) {
        const mid = Date.parse(`${day}T00:00:00Z`);
        for (let t = mid - 24 * H; t < mid + 24 * H; t += 7 * 60_000) instants.push(t);
      }
      for (const t of instants) {
        const parts = localPartsOf(new Date(t), zone);
        const back = instantOfLocal(zone, parts).getTime();
        if (back !== t) {
          // Only the repeated hour may map to its first occurrence, one hour earlier, same local reading.
          expect(back).toBe(t - H);
          expect(localPartsOf(new Date(back), zone)).toEqual(parts);
        }
      }
    }
  });

  it('refuses an unknown time zone', () => {
    expect(() => localPartsOf(d('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('business time', () => {
  it('counts only working hours and days', () => {
    // Monday 2026-06-08: a full day is 8.5 h.
    expect(businessMillisBetween(quebec, d('2026-06-08T00:00:00-04:00'), d('2026-06-09T00:00:00-04:00'))).toBe(8.5 * H);
    // Monday 08:30 to next Monday 08:30: five days.
    expect(businessMillisBetween(quebec, d('2026-06-08T08:30:00-04:00'), d('2026-06-15T08:30:00-04:00'))).toBe(5 * 8.5 * H);
    expect(businessMillisBetween(quebec, d('2026-06-08T06:00:00-04:00'), d('2026-06-08T08:30:00-04:00'))).toBe(0);
  });

  it('counts nothing on a weekend', () => {
    expect(businessMillisBetween(quebec, d('2026-06-06T10:00:00-04:00'), d('2026-06-07T18:00:00-04:00'))).toBe(0);
    expect(businessMillisBetween(quebec, d('2026-06-05T17:00:00-04:00'), d('2026-06-08T08:30:00-04:00'))).toBe(0);
  });

  it('ends working hours at 17:00 sharp: 16:59:59 is in, 17:00:00 is out', () => {
    expect(businessMillisBetween(quebec, d('2026-06-08T16:59:59-04:00'), d('2026-06-08T17:00:00-04:00'))).toBe(1000);
    expect(businessMillisBetween(quebec, d('2026-06-08T16:59:59-04:00'), d('2026-06-09T08:30:00-04:00'))).toBe(1000);
    expect(businessMillisBetween(quebec, d('2026-06-08T17:00:00-04:00'), d('2026-06-09T08:30:00-04:00'))).toBe(0);
    expect(isBusinessTime(quebec, d('2026-06-08T16:59:59.999-04:00'))).toBe(true);
    expect(isBusinessTime(quebec, d('2026-06-08T17:00:00-04:00'))).toBe(false);
    expect(isBusinessTime(quebec, d('2026-06-08T08:30:00-04:00'))).toBe(true);
    expect(isBusinessTime(quebec, d('2026-06-08T08:29:59.999-04:00'))).toBe(false);
  });

  it('is signed: to before from answers the negative span', () => {
    const a = d('2026-06-08T10:00:00-04:00');
    const b = d('2026-06-09T10:00:00-04:00');
    expect(businessMillisBetween(quebec, b, a)).toBe(-8.5 * H);
  });

  it('crosses the spring-forward weekend in Toronto (Friday to Monday)', () => {
    // Friday 2026-03-06 15:00 EST -> Monday 2026-03-09 10:00 EDT: 2 h + 1.5 h.
    expect(businessMillisBetween(quebec, d('2026-03-06T15:00:00-05:00'), d('2026-03-09T10:00:00-04:00'))).toBe(3.5 * H);
    expect(addBusinessMillis(quebec, d('2026-03-06T15:00:00-05:00'), 8 * H)).toEqual(d('2026-03-09T14:30:00-04:00'));
  });

  it('crosses the fall-back weekend in Toronto (Friday to Monday)', () => {
    expect(businessMillisBetween(quebec, d('2026-10-30T15:00:00-04:00'), d('2026-11-02T10:00:00-05:00'))).toBe(3.5 * H);
    expect(addBusinessMillis(quebec, d('2026-10-30T15:00:00-04:00'), 8 * H)).toEqual(d('2026-11-02T14:30:00-05:00'));
  });

  it('crosses the European changes in Paris and Zurich', () => {
    // Friday 17:00 CET + 2 h: 1 h on Friday, 1 h on Monday from 09:00 CEST.
    expect(addBusinessMillis(paris, d('2026-03-27T17:00:00+01:00'), 2 * H)).toEqual(d('2026-03-30T10:00:00+02:00'));
    expect(businessMillisBetween(paris, d('2026-03-27T17:00:00+01:00'), d('2026-03-30T10:00:00+02:00'))).toBe(2 * H);
    expect(addBusinessMillis(zurich, d('2026-10-23T16:00:00+02:00'), 2 * H)).toEqual(d('2026-10-26T09:00:00+01:00'));
    expect(businessMillisBetween(zurich, d('2026-10-23T16:00:00+02:00'), d('2026-10-26T09:00:00+01:00'))).toBe(2 * H);
  });

  it('measures a working day crossed by a DST change in real elapsed time', () => {
    // Santiago springs forward at midnight on Sunday 2026-09-06: that day's 00:00-24:00 lasts 23 h.
    const allDay: BusinessCalendar = { timeZone: 'America/Santiago', workingDays: [7], workingHours: { start: '00:00', end: '24:00' }, holidays: [] };
    expect(businessMillisBetween(allDay, d('2026-09-05T00:00:00Z'), d('2026-09-08T00:00:00Z'))).toBe(23 * H);
  });

  it('skips the Québec holidays: Fête nationale, Canada Day, Christmas and New Year', () => {
    // Tuesday 2026-06-23 16:00 + 8.5 h: 1 h on Tuesday, Wednesday 24 off, 7.5 h on Thursday.
    expect(addBusinessMillis(quebec, d('2026-06-23T16:00:00-04:00'), 8.5 * H)).toEqual(d('2026-06-25T16:00:00-04:00'));
    // Tuesday 06-30 08:30 to Thursday 07-02 08:30: Wednesday 07-01 is Canada Day.
    expect(businessMillisBetween(quebec, d('2026-06-30T08:30:00-04:00'), d('2026-07-02T08:30:00-04:00'))).toBe(8.5 * H);
    // Thursday 12-24 12:00 + 8.5 h: 5 h, Christmas Friday, the weekend, 3.5 h on Monday 12-28.
    expect(addBusinessMillis(quebec, d('2026-12-24T12:00:00-05:00'), 8.5 * H)).toEqual(d('2026-12-28T12:00:00-05:00'));
  });

  it('crosses the year end', () => {
    // Thursday 2026-12-31 16:00 + 2 h: 1 h, New Year's Day off, the weekend, 1 h on Monday 2027-01-04.
    expect(addBusinessMillis(quebec, d('2026-12-31T16:00:00-05:00'), 2 * H)).toEqual(d('2027-01-04T09:30:00-05:00'));
    expect(businessMillisBetween(quebec, d('2026-12-31T16:00:00-05:00'), d('2027-01-04T09:30:00-05:00'))).toBe(2 * H);
  });

  it('ends a span at the end of a window rather than at the next opening', () => {
    expect(addBusinessMillis(quebec, d('2026-06-05T16:00:00-04:00'), 1 * H)).toEqual(d('2026-06-05T17:00:00-04:00'));
    expect(addBusinessMillis(quebec, d('2026-06-05T16:00:00-04:00'), 1 * H + 1)).toEqual(d('2026-06-08T08:30:00.001-04:00'));
  });

  it('starts counting at the next opening when it starts outside working hours', () => {
    expect(nextBusinessInstant(quebec, d('2026-06-06T10:00:00-04:00'))).toEqual(d('2026-06-08T08:30:00-04:00'));
    expect(nextBusinessInstant(quebec, d('2026-06-23T17:00:00-04:00'))).toEqual(d('2026-06-25T08:30:00-04:00'));
    expect(nextBusinessInstant(quebec, d('2026-06-08T10:00:00-04:00'))).toEqual(d('2026-06-08T10:00:00-04:00'));
    expect(addBusinessMillis(quebec, d('2026-06-06T10:00:00-04:00'), 1 * H)).toEqual(d('2026-06-08T09:30:00-04:00'));
    expect(addBusinessMillis(quebec, d('2026-06-06T10:00:00-04:00'), 0)).toEqual(d('2026-06-06T10:00:00-04:00'));
  });

  it('is consistent: adding then measuring gives the span back, and spans add up', () => {
    const starts = ['2026-03-06T15:00:00-05:00', '2026-10-30T16:45:00-04:00', '2026-12-24T07:00:00-05:00', '2026-06-06T12:00:00-04:00'];
    for (const start of starts) {
      for (const hours of [0.25, 1, 8.5, 13, 40, 200]) {
        const end = addBusinessMillis(quebec, d(start), hours * H);
        expect(businessMillisBetween(quebec, d(start), end)).toBe(hours * H);
      }
    }
    const a = d('2026-02-27T11:00:00-05:00');
    const b = d('2026-03-08T02:30:00-05:00');
    const c = d('2026-11-03T09:00:00-05:00');
    expect(businessMillisBetween(quebec, a, c)).toBe(businessMillisBetween(quebec, a, b) + businessMillisBetween(quebec, b, c));
  });

  it('refuses calendars without working time and negative spans', () => {
    expect(() => addBusinessMillis({ ...quebec, workingDays: [] }, d('2026-06-08T10:00:00Z'), H)).toThrow(RangeError);
    expect(() => businessMillisBetween({ ...quebec, workingHours: { start: '17:00', end: '08:30' } }, d('2026-06-08T10:00:00Z'), d('2026-06-09T10:00:00Z'))).toThrow(RangeError);
    expect(() => businessMillisBetween({ ...quebec, workingHours: { start: '8h30', end: '17:00' } }, d('2026-06-08T10:00:00Z'), d('2026-06-09T10:00:00Z'))).toThrow(RangeError);
    expect(() => addBusinessMillis(quebec, d('2026-06-08T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => businessMillisBetween(quebec, new Date(NaN), d('2026-06-09T10:00:00Z'))).toThrow(RangeError);
  });
});
