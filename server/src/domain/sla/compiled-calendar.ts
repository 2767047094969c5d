import { WEEKDAYS, type BusinessCalendar } from './calendar.js';
import { civilDateOf, weekdayIndexOf } from './civil-date.js';
import { SlaCalendarError } from './errors.js';
import { frenchPublicHolidayDays, isFrenchHolidayYearSupported, type FrenchHolidaySet } from './holidays.js';
import { wallTimeToInstant } from './local-time.js';
import { parseInstant, parseLocalDate, parseWallTime } from './parsing.js';
import { NO_RANGES, normalizeRanges, subtractRanges, type Ranges } from './ranges.js';
import { validateCalendar } from './validate-calendar.js';

/** A calendar parsed once into numbers, with a cache of each local day's staffed instants. */
export interface CompiledCalendar {
  readonly timeZone: string;
  /** Per weekday (0 = Monday), flat [open, close, …] in minutes after local midnight. */
  readonly weekly: ReadonlyArray<readonly number[]>;
  readonly hasStaffedHours: boolean;
  readonly holidays: ReadonlySet<number>;
  readonly frenchHolidays: FrenchHolidaySet | null;
  readonly closures: Ranges;
  readonly frenchHolidaysByYear: Map<number, ReadonlySet<number>>;
  readonly staffedByDay: Map<number, Ranges>;
}

// Days are small (a few numbers each); the cap only protects a long-lived process scanning centuries.
const MAX_CACHED_DAYS = 50_000;

// Keyed by object identity: the engine stays pure for callers, and a calendar read afresh from the
// database simply compiles again.
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const validation = validateCalendar(calendar);
  if (!validation.ok) {
    const summary = validation.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new SlaCalendarError(
      'invalid_calendar',
      `invalid business calendar: ${summary}`,
      validation.errors,
    );
  }
  const valid = validation.calendar;
  // Every string below passed validation, so the `?? 0` fallbacks are never taken.
  const weekly = WEEKDAYS.map((day) =>
    valid.hours[day].flatMap(([open, close]) => [parseWallTime(open) ?? 0, parseWallTime(close) ?? 0]),
  );
  const closures = normalizeRanges(
    (valid.closures ?? []).flatMap(([from, to]) => [parseInstant(from) ?? 0, parseInstant(to) ?? 0]),
  );
  const compiled: CompiledCalendar = {
    timeZone: valid.timeZone,
    weekly,
    hasStaffedHours: weekly.some((intervals) => intervals.length > 0),
    holidays: new Set((valid.holidays ?? []).map((date) => parseLocalDate(date) ?? 0)),
    frenchHolidays: valid.frenchHolidays ?? null,
    closures,
    frenchHolidaysByYear: new Map(),
    staffedByDay: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

/**
 * Staffed instants of one local day as sorted, disjoint UTC ranges, holidays and closures removed.
 * Each range comes from one wall-clock interval, so on DST days it has its true length.
 */
export function staffedRangesOfDay(calendar: CompiledCalendar, epochDay: number): Ranges {
  let ranges = calendar.staffedByDay.get(epochDay);
  if (ranges === undefined) {
    ranges = buildDay(calendar, epochDay);
    if (calendar.staffedByDay.size >= MAX_CACHED_DAYS) calendar.staffedByDay.clear();
    calendar.staffedByDay.set(epochDay, ranges);
  }
  return ranges;
}

function buildDay(calendar: CompiledCalendar, epochDay: number): Ranges {
  const intervals = calendar.weekly[weekdayIndexOf(epochDay)];
  if (intervals.length === 0 || isHoliday(calendar, epochDay)) return NO_RANGES;
  const spans: number[] = [];
  for (let i = 0; i < intervals.length; i += 2) {
    // A short interval inside a spring-forward gap can collapse (open shifted past close): normalizing
    // drops it.
    spans.push(
      wallTimeToInstant(calendar.timeZone, epochDay, intervals[i]),
      wallTimeToInstant(calendar.timeZone, epochDay, intervals[i + 1]),
    );
  }
  // Gap shifts can also make two intervals of the same day overlap; merging keeps time counted once.
  const ranges = subtractRanges(normalizeRanges(spans), calendar.closures);
  return ranges.length === 0 ? NO_RANGES : Object.freeze(ranges);
}

function isHoliday(calendar: CompiledCalendar, epochDay: number): boolean {
  if (calendar.holidays.has(epochDay)) return true;
  if (calendar.frenchHolidays === null) return false;
  const { year } = civilDateOf(epochDay);
  if (!isFrenchHolidayYearSupported(year)) return false;
  let days = calendar.frenchHolidaysByYear.get(year);
  if (days === undefined) {
    days = new Set(frenchPublicHolidayDays(year, calendar.frenchHolidays));
    calendar.frenchHolidaysByYear.set(year, days);
  }
  return days.has(epochDay);
}
