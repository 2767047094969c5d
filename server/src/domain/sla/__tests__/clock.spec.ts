import {
  DEFAULT_SERVICE_CALENDAR,
  WEEKDAYS,
  type BusinessCalendar,
  type StaffedInterval,
  type Weekday,
} from '../calendar.js';
import { addBusinessMinutes, businessMinutesBetween, isStaffed, nextStaffedInstant } from '../clock.js';
import { SlaCalendarError } from '../errors.js';

const paris = DEFAULT_SERVICE_CALENDAR;
const at = (iso: string): Date => new Date(iso);
const deadline = (
  calendar: BusinessCalendar,
  start: string,
  minutes: number,
  pauses: Array<[string, string]> = [],
) =>
  addBusinessMinutes(
    calendar,
    at(start),
    minutes,
    pauses.map(([from, to]) => [at(from), at(to)] as const),
  ).toISOString();
const elapsed = (
  calendar: BusinessCalendar,
  start: string,
  end: string,
  pauses: Array<[string, string]> = [],
) =>
  businessMinutesBetween(
    calendar,
    at(start),
    at(end),
    pauses.map(([from, to]) => [at(from), at(to)] as const),
  );
const utc = (iso: string): string => at(iso).toISOString();

/** Weekly hours from the days given; the others are closed. */
function hoursOf(days: Partial<Record<Weekday, StaffedInterval[]>>): BusinessCalendar['hours'] {
  const { mon = [], tue = [], wed = [], thu = [], fri = [], sat = [], sun = [] } = days;
  return { mon, tue, wed, thu, fri, sat, sun };
}

/** The same intervals every day of the week. */
function everyDay(timeZone: string, intervals: StaffedInterval[]): BusinessCalendar {
  return { timeZone, hours: hoursOf(Object.fromEntries(WEEKDAYS.map((day) => [day, intervals]))) };
}

/** Intervals on Sundays only: the Paris DST changes of 2026 fall on Sundays 29 March and 25 October. */
function sundays(intervals: StaffedInterval[]): BusinessCalendar {
  return { timeZone: 'Europe/Paris', hours: hoursOf({ sun: intervals }) };
}

describe('addBusinessMinutes on the default calendar (Paris, 08:30–12:00 / 13:30–17:00, weekdays)', () => {
  it('counts within a morning', () => {
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 60)).toBe(utc('2026-11-24T10:00:00+01:00'));
  });

  it('skips the lunch break', () => {
    expect(deadline(paris, '2026-11-24T11:30:00+01:00', 60)).toBe(utc('2026-11-24T14:00:00+01:00'));
  });

  it('continues the next morning after the night', () => {
    expect(deadline(paris, '2026-11-24T16:30:00+01:00', 60)).toBe(utc('2026-11-25T09:00:00+01:00'));
  });

  it('skips the weekend', () => {
    expect(deadline(paris, '2026-11-27T16:00:00+01:00', 120)).toBe(utc('2026-11-30T09:30:00+01:00'));
  });

  it('starts the clock at the next opening when started on a Saturday or at night', () => {
    expect(deadline(paris, '2026-11-28T10:00:00+01:00', 30)).toBe(utc('2026-11-30T09:00:00+01:00'));
    expect(deadline(paris, '2026-11-24T03:00:00+01:00', 30)).toBe(utc('2026-11-24T09:00:00+01:00'));
  });

  it('skips a Monday holiday (Whit Monday 2026)', () => {
    expect(deadline(paris, '2026-05-22T16:00:00+02:00', 120)).toBe(utc('2026-05-26T09:30:00+02:00'));
  });

  it('skips Ascension Thursday and lands exactly on Friday’s closing time', () => {
    expect(deadline(paris, '2026-05-13T16:00:00+02:00', 480)).toBe(utc('2026-05-15T17:00:00+02:00'));
  });

  it('keeps a deadline that lands on a closing time there, not at the next opening', () => {
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 180)).toBe(utc('2026-11-24T12:00:00+01:00'));
    expect(deadline(paris, '2026-11-24T08:30:00+01:00', 420)).toBe(utc('2026-11-24T17:00:00+01:00'));
    expect(deadline(paris, '2026-11-24T08:30:00+01:00', 421)).toBe(utc('2026-11-25T08:31:00+01:00'));
  });

  it('returns the start for 0 minutes when staffed, otherwise the next opening', () => {
    expect(deadline(paris, '2026-11-24T10:15:30.500+01:00', 0)).toBe(utc('2026-11-24T10:15:30.500+01:00'));
    expect(deadline(paris, '2026-11-24T12:00:00+01:00', 0)).toBe(utc('2026-11-24T13:30:00+01:00'));
    expect(deadline(paris, '2026-11-24T17:00:00+01:00', 0)).toBe(utc('2026-11-25T08:30:00+01:00'));
  });

  it('handles fractional targets and starts carrying seconds', () => {
    expect(deadline(paris, '2026-11-24T11:59:30+01:00', 1.5)).toBe(utc('2026-11-24T13:31:00+01:00'));
  });

  it('honours Alsace-Moselle’s Good Friday only when asked', () => {
    const alsace: BusinessCalendar = { ...paris, frenchHolidays: 'alsace-moselle' };
    expect(deadline(alsace, '2026-04-02T16:00:00+02:00', 120)).toBe(utc('2026-04-07T09:30:00+02:00'));
    expect(deadline(paris, '2026-04-02T16:00:00+02:00', 120)).toBe(utc('2026-04-03T09:30:00+02:00'));
  });

  it('skips the calendar’s own holidays', () => {
    const withLocalHoliday: BusinessCalendar = { ...paris, holidays: ['2026-11-24'] };
    expect(deadline(withLocalHoliday, '2026-11-23T16:00:00+01:00', 120)).toBe(
      utc('2026-11-25T09:30:00+01:00'),
    );
  });
});

describe('closures and pauses', () => {
  it('removes a closure from the middle of an interval', () => {
    const calendar: BusinessCalendar = {
      ...paris,
      closures: [['2026-11-24T10:00:00+01:00', '2026-11-24T10:30:00+01:00']],
    };
    expect(deadline(calendar, '2026-11-24T09:00:00+01:00', 120)).toBe(utc('2026-11-24T11:30:00+01:00'));
  });

  it('skips a Christmas Eve afternoon closure, Christmas Day and the weekend', () => {
    const calendar: BusinessCalendar = {
      ...paris,
      closures: [['2026-12-24T12:00:00+01:00', '2026-12-24T17:00:00+01:00']],
    };
    expect(deadline(calendar, '2026-12-24T10:00:00+01:00', 180)).toBe(utc('2026-12-28T09:30:00+01:00'));
    expect(elapsed(calendar, '2026-12-24T00:00:00+01:00', '2026-12-29T00:00:00+01:00')).toBe(210 + 420);
  });

  it('removes only the paused overlap, and overlapping pauses once', () => {
    expect(
      deadline(paris, '2026-11-24T09:00:00+01:00', 120, [
        ['2026-11-24T09:30:00+01:00', '2026-11-24T10:00:00+01:00'],
      ]),
    ).toBe(utc('2026-11-24T11:30:00+01:00'));
    const overlapping: Array<[string, string]> = [
      ['2026-11-24T09:30:00+01:00', '2026-11-24T10:00:00+01:00'],
      ['2026-11-24T09:45:00+01:00', '2026-11-24T10:15:00+01:00'],
    ];
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 120, overlapping)).toBe(
      utc('2026-11-24T11:45:00+01:00'),
    );
    expect(elapsed(paris, '2026-11-24T08:00:00+01:00', '2026-11-24T18:00:00+01:00', overlapping)).toBe(
      420 - 45,
    );
  });

  it('stops the clock across a pause spanning the lunch break', () => {
    const pause: Array<[string, string]> = [['2026-11-24T11:00:00+01:00', '2026-11-24T14:00:00+01:00']];
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 180, pause)).toBe(utc('2026-11-24T15:00:00+01:00'));
    expect(elapsed(paris, '2026-11-24T08:00:00+01:00', '2026-11-24T18:00:00+01:00', pause)).toBe(330);
  });

  it('starts the clock when a pause covering the start ends', () => {
    const pause: Array<[string, string]> = [['2026-11-24T08:00:00+01:00', '2026-11-24T10:00:00+01:00']];
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 0, pause)).toBe(utc('2026-11-24T10:00:00+01:00'));
    expect(deadline(paris, '2026-11-24T09:00:00+01:00', 60, pause)).toBe(utc('2026-11-24T11:00:00+01:00'));
  });
});

describe('businessMinutesBetween', () => {
  it('counts across lunch, nights and weekends', () => {
    expect(elapsed(paris, '2026-11-24T08:00:00+01:00', '2026-11-24T18:00:00+01:00')).toBe(420);
    expect(elapsed(paris, '2026-11-27T16:00:00+01:00', '2026-11-30T10:00:00+01:00')).toBe(150);
    expect(elapsed(paris, '2026-11-23T00:00:00+01:00', '2026-11-30T00:00:00+01:00')).toBe(5 * 420);
  });

  it('is 0 when end is at or before start', () => {
    expect(elapsed(paris, '2026-11-24T10:00:00+01:00', '2026-11-24T10:00:00+01:00')).toBe(0);
    expect(elapsed(paris, '2026-11-24T11:00:00+01:00', '2026-11-24T10:00:00+01:00')).toBe(0);
  });

  it('is fractional when the inputs carry seconds', () => {
    expect(elapsed(paris, '2026-11-24T09:00:00+01:00', '2026-11-24T09:00:30+01:00')).toBe(0.5);
    expect(elapsed(paris, '2026-11-24T11:59:45+01:00', '2026-11-24T13:30:15+01:00')).toBe(0.5);
  });

  it('skips holidays (Ascension week 2026)', () => {
    expect(elapsed(paris, '2026-05-11T00:00:00+02:00', '2026-05-18T00:00:00+02:00')).toBe(4 * 420);
  });
});

describe('daylight-saving changes in Europe/Paris', () => {
  const always = everyDay('Europe/Paris', [['00:00', '24:00']]);

  it('gives a 24/7 calendar 23 h on the last Sunday of March and 25 h on the last Sunday of October', () => {
    expect(elapsed(always, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23 * 60);
    expect(elapsed(always, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * 60);
  });

  it('counts real minutes across the change on a 24/7 calendar', () => {
    expect(deadline(always, '2026-03-28T12:00:00+01:00', 24 * 60)).toBe(utc('2026-03-29T13:00:00+02:00'));
    expect(deadline(always, '2026-10-24T12:00:00+02:00', 24 * 60)).toBe(utc('2026-10-25T11:00:00+01:00'));
  });

  it('keeps a 00:00–03:00 interval to its real length: 2 h in March, 4 h in October', () => {
    const night = sundays([['00:00', '03:00']]);
    expect(elapsed(night, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(120);
    expect(elapsed(night, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(240);
  });

  it('moves an opening in the spring gap forward by the gap (02:00 → 03:00, 02:30 → 03:30)', () => {
    const opensInGap = sundays([['02:00', '04:00']]);
    expect(nextStaffedInstant(opensInGap, at('2026-03-28T12:00:00+01:00'))?.toISOString()).toBe(
      utc('2026-03-29T03:00:00+02:00'),
    );
    expect(elapsed(opensInGap, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(60);
    const halfPast = sundays([['02:30', '05:00']]);
    expect(nextStaffedInstant(halfPast, at('2026-03-28T12:00:00+01:00'))?.toISOString()).toBe(
      utc('2026-03-29T03:30:00+02:00'),
    );
  });

  it('moves a closing in the spring gap forward too (01:00–02:30 lasts 90 real minutes)', () => {
    const closesInGap = sundays([['01:00', '02:30']]);
    expect(deadline(closesInGap, '2026-03-29T00:00:00+01:00', 90)).toBe(utc('2026-03-29T03:30:00+02:00'));
  });

  it('takes the first occurrence of an ambiguous autumn boundary', () => {
    const opensInFold = sundays([['02:00', '04:00']]);
    expect(nextStaffedInstant(opensInFold, at('2026-10-24T12:00:00+02:00'))?.toISOString()).toBe(
      utc('2026-10-25T02:00:00+02:00'),
    );
    expect(elapsed(opensInFold, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(180);

    const closesInFold = sundays([['00:00', '02:30']]);
    expect(deadline(closesInFold, '2026-10-25T00:00:00+02:00', 150)).toBe(utc('2026-10-25T02:30:00+02:00'));
    expect(isStaffed(closesInFold, at('2026-10-25T02:15:00+02:00'))).toBe(true);
    expect(isStaffed(closesInFold, at('2026-10-25T02:15:00+01:00'))).toBe(false);
  });
});

describe('a night shift across midnight (22:00–24:00 + 00:00–06:00)', () => {
  const nights = everyDay('Europe/Paris', [
    ['00:00', '06:00'],
    ['22:00', '24:00'],
  ]);

  it('counts through midnight without a break and stops at 06:00', () => {
    expect(deadline(nights, '2026-11-23T23:00:00+01:00', 120)).toBe(utc('2026-11-24T01:00:00+01:00'));
    expect(deadline(nights, '2026-11-23T21:00:00+01:00', 480)).toBe(utc('2026-11-24T06:00:00+01:00'));
    expect(elapsed(nights, '2026-11-23T20:00:00+01:00', '2026-11-24T08:00:00+01:00')).toBe(480);
    expect(isStaffed(nights, at('2026-11-24T00:00:00+01:00'))).toBe(true);
  });

  it('lasts 7 h on the spring-forward night and 9 h on the fall-back night', () => {
    expect(elapsed(nights, '2026-03-28T20:00:00+01:00', '2026-03-29T08:00:00+02:00')).toBe(7 * 60);
    expect(elapsed(nights, '2026-10-24T20:00:00+02:00', '2026-10-25T08:00:00+01:00')).toBe(9 * 60);
  });
});

describe('other time zones', () => {
  it('follows New York’s own DST date (8 March 2026)', () => {
    const newYork: BusinessCalendar = {
      timeZone: 'America/New_York',
      hours: hoursOf({ mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] }),
    };
    expect(deadline(newYork, '2026-03-06T16:00:00-05:00', 120)).toBe(utc('2026-03-09T10:00:00-04:00'));
    expect(elapsed(newYork, '2026-03-06T00:00:00-05:00', '2026-03-10T00:00:00-04:00')).toBe(16 * 60);
  });

  it('works in Pacific/Noumea with metropolitan holidays plus the local 24 September', () => {
    const office: StaffedInterval[] = [
      ['07:30', '11:30'],
      ['13:00', '16:00'],
    ];
    const noumea: BusinessCalendar = {
      timeZone: 'Pacific/Noumea',
      hours: hoursOf({ mon: office, tue: office, wed: office, thu: office, fri: office }),
      holidays: ['2026-09-24'],
      frenchHolidays: 'metropole',
    };
    expect(deadline(noumea, '2026-09-23T15:00:00+11:00', 120)).toBe(utc('2026-09-25T08:30:00+11:00'));
    expect(deadline(noumea, '2026-11-10T15:00:00+11:00', 120)).toBe(utc('2026-11-12T08:30:00+11:00'));
  });

  it('treats a UTC 24/7 calendar as plain arithmetic', () => {
    const always = everyDay('UTC', [['00:00', '24:00']]);
    expect(deadline(always, '2026-02-27T23:59:00Z', 60 * 24 * 365)).toBe('2027-02-27T23:59:00.000Z');
    expect(elapsed(always, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(365 * 1440);
    expect(nextStaffedInstant(always, at('2026-06-01T12:34:56.789Z'))?.toISOString()).toBe(
      '2026-06-01T12:34:56.789Z',
    );
  });
});

describe('isStaffed and nextStaffedInstant', () => {
  it('treats intervals as half-open', () => {
    expect(isStaffed(paris, at('2026-11-24T08:30:00+01:00'))).toBe(true);
    expect(isStaffed(paris, at('2026-11-24T11:59:59.999+01:00'))).toBe(true);
    expect(isStaffed(paris, at('2026-11-24T12:00:00+01:00'))).toBe(false);
    expect(isStaffed(paris, at('2026-11-28T10:00:00+01:00'))).toBe(false);
    expect(isStaffed(paris, at('2026-12-25T10:00:00+01:00'))).toBe(false);
  });

  it('finds the next opening after a long weekend', () => {
    expect(nextStaffedInstant(paris, at('2026-12-31T18:00:00+01:00'))?.toISOString()).toBe(
      utc('2027-01-04T08:30:00+01:00'),
    );
    expect(nextStaffedInstant(paris, at('2026-11-24T10:00:00+01:00'))?.toISOString()).toBe(
      utc('2026-11-24T10:00:00+01:00'),
    );
  });
});

describe('errors', () => {
  const closedForever: BusinessCalendar = { ...paris, hours: hoursOf({}) };

  it('throws a typed error instead of looping when nothing is ever staffed', () => {
    const thrown = (() => {
      try {
        addBusinessMinutes(closedForever, at('2026-11-24T10:00:00Z'), 60);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(thrown).toMatchObject({ name: 'SlaCalendarError', code: 'no_staffed_time' });
    expect(nextStaffedInstant(closedForever, at('2026-11-24T10:00:00Z'))).toBeNull();
    expect(isStaffed(closedForever, at('2026-11-24T10:00:00Z'))).toBe(false);
    expect(elapsed(closedForever, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(0);
  });

  it('gives up beyond the ten-year horizon', () => {
    const shutDown: BusinessCalendar = {
      ...paris,
      closures: [['2026-01-01T00:00:00Z', '2040-01-01T00:00:00Z']],
    };
    let thrown: unknown = null;
    try {
      addBusinessMinutes(shutDown, at('2026-11-24T10:00:00Z'), 0);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'horizon_exceeded' });
    expect(nextStaffedInstant(shutDown, at('2026-11-24T10:00:00Z'))).toBeNull();
    expect(nextStaffedInstant(shutDown, at('2036-01-01T00:00:00Z'))?.toISOString()).toBe(
      utc('2040-01-02T08:30:00+01:00'),
    );
  });

  it('rejects an invalid calendar with the validation details', () => {
    const broken = { ...paris, timeZone: 'Mars/Olympus_Mons' };
    let thrown: unknown;
    try {
      addBusinessMinutes(broken, at('2026-11-24T10:00:00Z'), 60);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SlaCalendarError);
    expect(thrown).toMatchObject({ code: 'invalid_calendar', details: [{ field: 'timeZone' }] });
  });

  it('rejects invalid arguments with a RangeError', () => {
    expect(() => addBusinessMinutes(paris, at('not a date'), 60)).toThrow(RangeError);
    expect(() => addBusinessMinutes(paris, at('2026-11-24T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(paris, at('2026-11-24T10:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() =>
      elapsed(paris, '2026-11-24T10:00:00Z', '2026-11-24T11:00:00Z', [
        ['2026-11-24T10:30:00Z', '2026-11-24T10:00:00Z'],
      ]),
    ).toThrow(RangeError);
  });
});
