import { epochDayOf, formatEpochDay } from './civil-date.js';

/** 'alsace-moselle': the metropolitan set plus the two days kept by local law (Bas-Rhin, Haut-Rhin, Moselle). */
export type FrenchHolidaySet = 'metropole' | 'alsace-moselle';

export const FRENCH_HOLIDAY_SETS: readonly FrenchHolidaySet[] = ['metropole', 'alsace-moselle'];

// The anonymous Gregorian algorithm is only meaningful once the Gregorian calendar exists.
const FIRST_YEAR = 1583;
const LAST_YEAR = 9999;

/** Easter Sunday (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/** The French public holidays of a year as epoch days, sorted. */
export function frenchPublicHolidayDays(year: number, set: FrenchHolidaySet): number[] {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year must be an integer between ${FIRST_YEAR} and ${LAST_YEAR}, got ${year}`);
  }
  const easter = easterSunday(year);
  const easterDay = epochDayOf(year, easter.month, easter.day);
  const fixed = (month: number, day: number): number => epochDayOf(year, month, day);
  const days = [
    fixed(1, 1),
    easterDay + 1, // Lundi de Pâques
    fixed(5, 1),
    fixed(5, 8),
    easterDay + 39, // Ascension
    easterDay + 50, // Lundi de Pentecôte
    fixed(7, 14),
    fixed(8, 15),
    fixed(11, 1),
    fixed(11, 11),
    fixed(12, 25),
  ];
  if (set === 'alsace-moselle') {
    days.push(easterDay - 2, fixed(12, 26)); // Vendredi saint, Saint-Étienne
  }
  return days.sort((x, y) => x - y);
}

/** French public holidays of `year` as local dates "YYYY-MM-DD", sorted. */
export function frenchPublicHolidays(year: number, set: FrenchHolidaySet): string[] {
  if (!FRENCH_HOLIDAY_SETS.includes(set)) {
    throw new RangeError(`unknown French holiday set: ${String(set)}`);
  }
  return frenchPublicHolidayDays(year, set).map(formatEpochDay);
}

export function isFrenchHolidayYearSupported(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}
