import type { BusinessCalendar, Pause, Weekday } from '../calendar.js';
import { frenchPublicHolidays } from '../holidays.js';

/**
 * The reference the engine is checked against (tests) and compared with (bench): it decides each
 * minute separately and steps one minute at a time. Written independently of the engine on purpose,
 * except for the French holiday list, which has its own fixed-date tests. Only valid for whole-minute
 * inputs in zones whose offsets are whole minutes.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Stop stepping after this many minutes (200 days): the tests keep targets far below. */
export const NAIVE_MAX_STEPS = 200 * 1440;

interface NaiveCalendar {
  readonly source: BusinessCalendar;
  readonly closures: Array<[number, number]>;
  readonly holidays: Set<string>;
  readonly days: Map<number, Array<[number, number]>>;
}

const prepared = new WeakMap<BusinessCalendar, NaiveCalendar>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const resolved = new Map<string, number>();

export function naiveIsStaffed(calendar: BusinessCalendar, at: Date, pauses: readonly Pause[] = []): boolean {
  return staffedAt(prepare(calendar), at.getTime(), pauses);
}

export function naiveAddBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
  pauses: readonly Pause[] = [],
): Date {
  assertWholeMinute(start);
  const cal = prepare(calendar);
  let counted = 0;
  for (let step = 0, t = start.getTime(); step < NAIVE_MAX_STEPS; step++, t += MINUTE) {
    if (!staffedAt(cal, t, pauses)) continue;
    // A zero target is met at the first staffed minute, any other one at the end of its last minute.
    if (minutes === 0) return new Date(t);
    counted++;
    if (counted === minutes) return new Date(t + MINUTE);
  }
  throw new Error('naive oracle: step limit reached');
}

export function naiveBusinessMinutesBetween(
  calendar: BusinessCalendar,
  start: Date,
  end: Date,
  pauses: readonly Pause[] = [],
): number {
  assertWholeMinute(start);
  assertWholeMinute(end);
  const cal = prepare(calendar);
  let counted = 0;
  for (let t = start.getTime(); t < end.getTime(); t += MINUTE) {
    if (staffedAt(cal, t, pauses)) counted++;
  }
  return counted;
}

/** Is the minute starting at `t` staffed? Any local day whose interval covers `t` will do. */
function staffedAt(cal: NaiveCalendar, t: number, pauses: readonly Pause[]): boolean {
  for (const [from, to] of cal.closures) if (from <= t && t < to) return false;
  for (const [from, to] of pauses) if (from.getTime() <= t && t < to.getTime()) return false;
  const utcDay = Math.floor(t / DAY);
  for (let day = utcDay - 1; day <= utcDay + 1; day++) {
    for (const [open, close] of dayIntervals(cal, day)) if (open <= t && t < close) return true;
  }
  return false;
}

function dayIntervals(cal: NaiveCalendar, day: number): Array<[number, number]> {
  let intervals = cal.days.get(day);
  if (intervals === undefined) {
    intervals = [];
    const date = new Date(day * DAY).toISOString().slice(0, 10);
    if (!cal.holidays.has(date) && !isFrenchHoliday(cal.source, date)) {
      const weekday = WEEKDAY_BY_UTC_DAY[new Date(day * DAY).getUTCDay()];
      for (const [open, close] of cal.source.hours[weekday]) {
        intervals.push([
          resolveWallTime(cal.source.timeZone, day, open),
          resolveWallTime(cal.source.timeZone, day, close),
        ]);
      }
    }
    cal.days.set(day, intervals);
  }
  return intervals;
}

function isFrenchHoliday(calendar: BusinessCalendar, date: string): boolean {
  if (!calendar.frenchHolidays) return false;
  return frenchPublicHolidays(Number(date.slice(0, 4)), calendar.frenchHolidays).includes(date);
}

/**
 * Every instant whose local clock reads the wall time is found by trying each plausible offset
 * (quarter hours from -14 h to +14 h); the earliest wins. None means a spring-forward gap: then the
 * wall time is read with the offset in force a day and a half earlier, which pushes it past the gap.
 */
function resolveWallTime(timeZone: string, day: number, hhmm: string): number {
  const key = `${timeZone} ${day} ${hhmm}`;
  const cached = resolved.get(key);
  if (cached !== undefined) return cached;
  const [hours, minutes] = hhmm.split(':').map(Number);
  const wall = day * DAY + (hours * 60 + minutes) * MINUTE;
  let result: number | undefined;
  for (let offset = 14 * 60; offset >= -14 * 60; offset -= 15) {
    const candidate = wall - offset * MINUTE;
    if (wallClockOf(timeZone, candidate) === wall && (result === undefined || candidate < result)) {
      result = candidate;
    }
  }
  if (result === undefined) {
    const earlier = wall - 1.5 * DAY;
    result = wall - (wallClockOf(timeZone, earlier) - earlier);
  }
  resolved.set(key, result);
  return result;
}

/** The local clock at `t`, written as if it were a UTC instant. */
function wallClockOf(timeZone: string, t: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(t).map((p) => [p.type, p.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

function prepare(calendar: BusinessCalendar): NaiveCalendar {
  let cal = prepared.get(calendar);
  if (!cal) {
    cal = {
      source: calendar,
      closures: (calendar.closures ?? []).map(([from, to]) => [Date.parse(from), Date.parse(to)]),
      holidays: new Set(calendar.holidays ?? []),
      days: new Map(),
    };
    prepared.set(calendar, cal);
  }
  return cal;
}

function assertWholeMinute(date: Date): void {
  if (date.getTime() % MINUTE !== 0) throw new Error('naive oracle: whole-minute instants only');
}
