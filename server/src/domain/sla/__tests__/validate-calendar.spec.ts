import { DEFAULT_SERVICE_CALENDAR } from '../calendar.js';
import { validateCalendar } from '../validate-calendar.js';

const base = {
  timeZone: 'Europe/Paris',
  hours: { mon: [['08:30', '12:00']] },
};

/** The fields reported for a calendar built from `base` with `overrides`. */
function errorFields(overrides: Record<string, unknown>): string[] {
  const result = validateCalendar({ ...base, ...overrides });
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('validateCalendar', () => {
  it('accepts the default service calendar unchanged', () => {
    expect(validateCalendar(DEFAULT_SERVICE_CALENDAR)).toEqual({
      ok: true,
      calendar: {
        ...DEFAULT_SERVICE_CALENDAR,
        hours: { ...DEFAULT_SERVICE_CALENDAR.hours },
      },
    });
  });

  it('normalises a partial calendar: missing weekdays are closed, no French holidays', () => {
    expect(validateCalendar(base)).toEqual({
      ok: true,
      calendar: {
        timeZone: 'Europe/Paris',
        hours: { mon: [['08:30', '12:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
        holidays: [],
        frenchHolidays: null,
        closures: [],
      },
    });
  });

  it('accepts touching intervals, 24:00 as a closing time and a night shift in two intervals', () => {
    const result = validateCalendar({
      ...base,
      hours: {
        mon: [
          ['12:00', '14:00'],
          ['08:00', '12:00'],
        ],
        tue: [['22:00', '24:00']],
        wed: [['00:00', '06:00']],
      },
      holidays: ['2026-12-24'],
      frenchHolidays: 'alsace-moselle',
      closures: [['2026-12-24T12:00:00+01:00', '2026-12-24T17:00:00.000Z']],
    });
    expect(result.ok).toBe(true);
  });

  it('rejects an unknown or empty time zone', () => {
    expect(errorFields({ timeZone: 'Europe/Lutece' })).toEqual(['timeZone']);
    expect(errorFields({ timeZone: '' })).toEqual(['timeZone']);
    expect(errorFields({ timeZone: 42 })).toEqual(['timeZone']);
    expect(errorFields({ timeZone: undefined })).toEqual(['timeZone']);
  });

  it.each([
    ['25:00', '26:00'],
    ['7:5', '12:00'],
    ['08:00', '12:60'],
    ['24:00', '24:00'],
    ['08h00', '12:00'],
  ])('rejects malformed times %s–%s', (open, close) => {
    expect(
      errorFields({
        hours: {
          tue: [
            ['08:00', '09:00'],
            [open, close],
          ],
        },
      }),
    ).toEqual(['hours.tue[1]']);
  });

  it('rejects reversed, empty and overlapping intervals, naming the later one', () => {
    expect(errorFields({ hours: { wed: [['17:00', '13:30']] } })).toEqual(['hours.wed[0]']);
    expect(errorFields({ hours: { wed: [['09:00', '09:00']] } })).toEqual(['hours.wed[0]']);
    expect(
      errorFields({
        hours: {
          wed: [
            ['13:00', '17:00'],
            ['08:00', '13:30'],
          ],
        },
      }),
    ).toEqual(['hours.wed[1]']);
    expect(
      errorFields({
        hours: {
          wed: [
            ['08:00', '18:00'],
            ['09:00', '10:00'],
          ],
        },
      }),
    ).toEqual(['hours.wed[1]']);
  });

  it('rejects unknown weekday keys and malformed day lists', () => {
    expect(errorFields({ hours: { mon: [], tues: [] } })).toEqual(['hours.tues']);
    expect(errorFields({ hours: { mon: '08:00-12:00' } })).toEqual(['hours.mon']);
    expect(errorFields({ hours: { mon: [['08:00']] } })).toEqual(['hours.mon[0]']);
    expect(errorFields({ hours: [] })).toEqual(['hours']);
  });

  it('rejects bad holiday dates and unknown holiday sets', () => {
    expect(errorFields({ holidays: ['2026-02-30', '2026-12-24', '24/12/2026'] })).toEqual([
      'holidays[0]',
      'holidays[2]',
    ]);
    expect(errorFields({ holidays: '2026-12-24' })).toEqual(['holidays']);
    expect(errorFields({ frenchHolidays: 'corse' })).toEqual(['frenchHolidays']);
  });

  it('rejects closures that end before they start or whose instants cannot be read', () => {
    expect(errorFields({ closures: [['2026-12-24T17:00:00+01:00', '2026-12-24T12:00:00+01:00']] })).toEqual([
      'closures[0]',
    ]);
    expect(errorFields({ closures: [['2026-12-24T12:00:00Z', '2026-12-24T12:00:00Z']] })).toEqual([
      'closures[0]',
    ]);
    // No offset would mean "the server's zone"; 30 February does not exist.
    expect(errorFields({ closures: [['2026-12-24T12:00:00', '2026-02-30T12:00:00Z']] })).toEqual([
      'closures[0][0]',
      'closures[0][1]',
    ]);
    expect(errorFields({ closures: [['2026-12-24T12:00:00Z']] })).toEqual(['closures[0]']);
  });

  it('reports every problem at once, and unknown top-level fields', () => {
    const result = validateCalendar({
      timeZone: 'Nowhere/City',
      hours: { mon: [['18:00', '08:00']], dim: [] },
      frenchHolidays: 'guadeloupe',
      closures: [['nope', '2026-01-01T00:00:00Z']],
      openOnSundays: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(
      ['closures[0][0]', 'frenchHolidays', 'hours.dim', 'hours.mon[0]', 'openOnSundays', 'timeZone'].sort(),
    );
    for (const error of result.errors) expect(error.message).not.toBe('');
  });

  it('rejects input that is not an object', () => {
    expect(validateCalendar(null)).toEqual({
      ok: false,
      errors: [{ field: '', message: 'must be an object' }],
    });
    expect(validateCalendar('Europe/Paris').ok).toBe(false);
  });
});
