import { WEEKDAYS, type BusinessCalendar, type StaffedInterval, type Weekday } from './calendar.js';
import { FRENCH_HOLIDAY_SETS, type FrenchHolidaySet } from './holidays.js';
import { isKnownTimeZone } from './local-time.js';
import { MINUTES_PER_DAY, parseInstant, parseLocalDate, parseWallTime } from './parsing.js';

export interface CalendarFieldError {
  /** Path of the offending field, e.g. "hours.tue[1]", "closures[0][1]", "timeZone". */
  readonly field: string;
  readonly message: string;
}

export type CalendarValidation =
  { ok: true; calendar: BusinessCalendar } | { ok: false; errors: CalendarFieldError[] };

const KNOWN_FIELDS = new Set(['timeZone', 'hours', 'holidays', 'frenchHolidays', 'closures']);

/**
 * Checks untrusted input (an API body, a database row) and returns a normalised copy: all seven
 * weekdays present (a missing day is a closed day) and frenchHolidays null when absent. Reports every
 * problem at once, each with its field path, so the caller can answer 400 with the whole list.
 */
export function validateCalendar(input: unknown): CalendarValidation {
  const errors: CalendarFieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, message });
  };
  if (!isRecord(input)) {
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN_FIELDS.has(key)) fail(key, 'unknown field');
  }

  const timeZone = input.timeZone;
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) {
    fail('timeZone', 'must be an IANA time zone such as "Europe/Paris"');
  }
  const hours = validateHours(input.hours, fail);
  const holidays = validateHolidays(input.holidays, fail);
  const frenchHolidays = validateFrenchHolidays(input.frenchHolidays, fail);
  const closures = validateClosures(input.closures, fail);

  if (errors.length > 0 || typeof timeZone !== 'string' || !hours) return { ok: false, errors };
  return { ok: true, calendar: { timeZone, hours, holidays, frenchHolidays, closures } };
}

type Fail = (field: string, message: string) => void;

function validateHours(value: unknown, fail: Fail): Record<Weekday, StaffedInterval[]> | null {
  if (!isRecord(value)) {
    fail('hours', 'must be an object with weekday keys mon…sun');
    return null;
  }
  const hours: Record<Weekday, StaffedInterval[]> = {
    mon: [],
    tue: [],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  };
  for (const [key, intervals] of Object.entries(value)) {
    if (!isWeekday(key)) {
      fail(`hours.${key}`, `unknown weekday, expected one of ${WEEKDAYS.join(', ')}`);
      continue;
    }
    if (!Array.isArray(intervals)) {
      fail(`hours.${key}`, 'must be a list of [open, close] pairs');
      continue;
    }
    hours[key] = validateDay(key, intervals, fail);
  }
  return hours;
}

function validateDay(day: Weekday, intervals: unknown[], fail: Fail): StaffedInterval[] {
  const parsed: Array<{ index: number; open: number; close: number }> = [];
  const result: StaffedInterval[] = [];
  intervals.forEach((interval, index) => {
    const field = `hours.${day}[${index}]`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      fail(field, 'must be an [open, close] pair of "HH:MM" times');
      return;
    }
    const [openText, closeText] = interval as unknown[];
    const open = typeof openText === 'string' ? parseWallTime(openText) : null;
    const close = typeof closeText === 'string' ? parseWallTime(closeText) : null;
    if (open === null || open === MINUTES_PER_DAY) {
      fail(field, 'opening time must be "HH:MM" between 00:00 and 23:59');
      return;
    }
    if (close === null) {
      fail(field, 'closing time must be "HH:MM" between 00:01 and 24:00');
      return;
    }
    if (close === open) {
      fail(field, 'interval is empty: opening and closing times are equal');
      return;
    }
    if (close < open) {
      fail(
        field,
        'closing time is before opening time; write a night shift as two intervals (…–24:00, 00:00–…)',
      );
      return;
    }
    parsed.push({ index, open, close });
    result.push([openText as string, closeText as string]);
  });
  const byOpening = [...parsed].sort((a, b) => a.open - b.open);
  for (let i = 1; i < byOpening.length; i++) {
    const previous = byOpening[i - 1];
    const current = byOpening[i];
    // Half-open intervals: 08:00–12:00 and 12:00–14:00 touch without overlapping.
    if (current.open < previous.close) {
      const later = Math.max(previous.index, current.index);
      const other = Math.min(previous.index, current.index);
      fail(`hours.${day}[${later}]`, `overlaps hours.${day}[${other}]`);
    }
  }
  return result;
}

function validateHolidays(value: unknown, fail: Fail): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    fail('holidays', 'must be a list of local dates "YYYY-MM-DD"');
    return [];
  }
  const holidays: string[] = [];
  value.forEach((date: unknown, index) => {
    if (typeof date !== 'string' || parseLocalDate(date) === null) {
      fail(`holidays[${index}]`, 'must be an existing local date "YYYY-MM-DD"');
    } else {
      holidays.push(date);
    }
  });
  return holidays;
}

function validateFrenchHolidays(value: unknown, fail: Fail): FrenchHolidaySet | null {
  if (value === undefined || value === null) return null;
  const known = FRENCH_HOLIDAY_SETS.find((set) => set === value);
  if (known === undefined) {
    fail('frenchHolidays', `must be one of ${FRENCH_HOLIDAY_SETS.map((s) => `"${s}"`).join(', ')} or null`);
    return null;
  }
  return known;
}

function validateClosures(value: unknown, fail: Fail): Array<readonly [string, string]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    fail('closures', 'must be a list of [from, to] ISO 8601 instants');
    return [];
  }
  const closures: Array<readonly [string, string]> = [];
  value.forEach((closure: unknown, index) => {
    const field = `closures[${index}]`;
    if (!Array.isArray(closure) || closure.length !== 2) {
      fail(field, 'must be a [from, to] pair of ISO 8601 instants');
      return;
    }
    const [fromText, toText] = closure as unknown[];
    const from = typeof fromText === 'string' ? parseInstant(fromText) : null;
    const to = typeof toText === 'string' ? parseInstant(toText) : null;
    const instantMessage = 'must be an ISO 8601 instant with an offset, e.g. "2026-12-24T12:00:00+01:00"';
    if (from === null) fail(`${field}[0]`, instantMessage);
    if (to === null) fail(`${field}[1]`, instantMessage);
    if (from === null || to === null) return;
    if (from >= to) {
      fail(field, 'must end after it starts');
      return;
    }
    closures.push([fromText as string, toText as string]);
  });
  return closures;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWeekday(key: string): key is Weekday {
  return (WEEKDAYS as readonly string[]).includes(key);
}
