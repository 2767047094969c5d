import fc from 'fast-check';
import { easterSunday, frenchPublicHolidays } from '../holidays.js';

describe('easterSunday', () => {
  it.each([
    [1943, 4, 25], // latest possible
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2285, 3, 22], // earliest possible
  ])('Easter %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const { month, day } = easterSunday(year);
        const date = new Date(Date.UTC(year, month - 1, day));
        date.setUTCFullYear(year);
        expect(date.getUTCDay()).toBe(0);
        expect(month * 100 + day).toBeGreaterThanOrEqual(322);
        expect(month * 100 + day).toBeLessThanOrEqual(425);
      }),
    );
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven metropolitan holidays of 2026 in order', () => {
    expect(frenchPublicHolidays(2026, 'metropole')).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it.each([
    [2024, '2024-04-01', '2024-05-09', '2024-05-20'],
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2038, '2038-04-26', '2038-06-03', '2038-06-14'],
  ])('%i: Easter Monday %s, Ascension %s, Whit Monday %s', (year, easterMonday, ascension, whitMonday) => {
    const holidays = frenchPublicHolidays(year, 'metropole');
    expect(holidays).toEqual(expect.arrayContaining([easterMonday, ascension, whitMonday]));
    expect(holidays).toHaveLength(11);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const metropole = frenchPublicHolidays(2026, 'metropole');
    const alsace = frenchPublicHolidays(2026, 'alsace-moselle');
    expect(alsace).toHaveLength(13);
    expect(alsace.filter((d) => !metropole.includes(d))).toEqual(['2026-04-03', '2026-12-26']);
    expect(frenchPublicHolidays(2038, 'alsace-moselle')).toContain('2038-04-23');
  });

  it('rejects years outside the Gregorian range and unknown sets', () => {
    expect(() => frenchPublicHolidays(1500, 'metropole')).toThrow(RangeError);
    expect(() => frenchPublicHolidays(2026.5, 'metropole')).toThrow(RangeError);
    expect(() => frenchPublicHolidays(2026, 'corse' as 'metropole')).toThrow(RangeError);
  });
});
