import type { BusinessCalendar, Pause } from './calendar.js';
import { MS_PER_DAY, MS_PER_MINUTE } from './civil-date.js';
import { compileCalendar, staffedRangesOfDay, type CompiledCalendar } from './compiled-calendar.js';
import { SlaCalendarError } from './errors.js';
import { NO_RANGES, normalizeRanges, type Ranges } from './ranges.js';

// The semantics these functions implement are written down in ./index.ts.

/** How far ahead a deadline or an opening is searched: ten years, leap days included. */
export const SEARCH_HORIZON_DAYS = 3653;

// A local date differs from the UTC date by at most one day (offsets stay within ±14 h), and a local
// day's staffed time ends at most one gap past its midnight, so days before utcDay - 2 never reach
// an instant; starting there avoids an Intl call to find the local date of every start.
const DAYS_BEFORE = 2;
const DAYS_AFTER = 2;

/** The deadline: `minutes` of staffed, unpaused time counted from `start`. */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  start: Date,
  minutes: number,
  pauses?: ReadonlyArray<Pause>,
): Date {
  const from = instantOf(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  const compiled = compileCalendar(calendar);
  if (!compiled.hasStaffedHours) {
    throw new SlaCalendarError('no_staffed_time', 'the calendar has no staffed hours on any weekday');
  }
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  let deadline = Number.NaN;
  walkStaffedTime(compiled, from, utcDay(from) + SEARCH_HORIZON_DAYS, pauseRanges(pauses), (open, close) => {
    // `<=`: a deadline that lands on a closing time stays there instead of jumping to the next opening.
    if (remaining <= close - open) {
      deadline = open + remaining;
      return true;
    }
    remaining -= close - open;
    return false;
  });
  if (Number.isNaN(deadline)) {
    throw new SlaCalendarError(
      'horizon_exceeded',
      `not enough staffed time within ${SEARCH_HORIZON_DAYS} days of ${start.toISOString()}`,
    );
  }
  return new Date(deadline);
}

/** Staffed, unpaused minutes in `[start, end)`; fractional when the inputs carry seconds. */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  start: Date,
  end: Date,
  pauses?: ReadonlyArray<Pause>,
): number {
  const from = instantOf(start, 'start');
  const to = instantOf(end, 'end');
  const normalizedPauses = pauseRanges(pauses);
  if (to <= from) return 0;
  const compiled = compileCalendar(calendar);
  if (normalizedPauses.length > 0 || to - from < 3 * BLOCK_MS) {
    return staffedMs(compiled, from, to, normalizedPauses) / MS_PER_MINUTE;
  }
  // A long span (an inbox showing how late a ticket forgotten for months is): whole blocks of time are
  // counted once per calendar and remembered; only the two ends are walked. Staffed time is a measure,
  // so the parts add up to exactly what one walk would count.
  const firstBlock = Math.ceil(from / BLOCK_MS);
  const lastBlock = Math.floor(to / BLOCK_MS);
  let elapsed =
    staffedMs(compiled, from, firstBlock * BLOCK_MS, NO_RANGES) +
    staffedMs(compiled, lastBlock * BLOCK_MS, to, NO_RANGES);
  for (let block = firstBlock; block < lastBlock; block++) elapsed += staffedMsOfBlock(compiled, block);
  return elapsed / MS_PER_MINUTE;
}

/** Staffed, unpaused milliseconds in `[from, to)`. */
function staffedMs(compiled: CompiledCalendar, from: number, to: number, pauses: Ranges): number {
  let elapsed = 0;
  walkStaffedTime(compiled, from, utcDay(to) + DAYS_AFTER, pauses, (open, close) => {
    if (open >= to) return true;
    elapsed += Math.min(close, to) - open;
    return false;
  });
  return elapsed;
}

/** Blocks of time whose staffed total is remembered per calendar (see businessMinutesBetween). */
const BLOCK_MS = 28 * MS_PER_DAY;
const blockTotals = new WeakMap<CompiledCalendar, Map<number, number>>();

function staffedMsOfBlock(compiled: CompiledCalendar, block: number): number {
  let totals = blockTotals.get(compiled);
  if (!totals) blockTotals.set(compiled, (totals = new Map<number, number>()));
  let total = totals.get(block);
  if (total === undefined) {
    total = staffedMs(compiled, block * BLOCK_MS, (block + 1) * BLOCK_MS, NO_RANGES);
    totals.set(block, total);
  }
  return total;
}

/** The first staffed instant at or after `at`, or null if none within the search horizon. */
export function nextStaffedInstant(calendar: BusinessCalendar, at: Date): Date | null {
  const from = instantOf(at, 'at');
  const compiled = compileCalendar(calendar);
  if (!compiled.hasStaffedHours) return null;
  let next: number | null = null;
  walkStaffedTime(compiled, from, utcDay(from) + SEARCH_HORIZON_DAYS, NO_RANGES, (open) => {
    next = open;
    return true;
  });
  return next === null ? null : new Date(next);
}

/** Whether `at` falls in staffed time (a closing time itself is not staffed: intervals are half-open). */
export function isStaffed(calendar: BusinessCalendar, at: Date): boolean {
  const instant = instantOf(at, 'at');
  const compiled = compileCalendar(calendar);
  let staffed = false;
  walkStaffedTime(compiled, instant, utcDay(instant) + DAYS_AFTER, NO_RANGES, (open) => {
    staffed = open === instant;
    return true;
  });
  return staffed;
}

/**
 * Calls `visit` with each stretch of staffed, unpaused time at or after `from`, in order, until it
 * returns true or `lastDay` is passed. Cost grows with the intervals crossed, not with the minutes.
 */
function walkStaffedTime(
  calendar: CompiledCalendar,
  from: number,
  lastDay: number,
  pauses: Ranges,
  visit: (open: number, close: number) => boolean,
): void {
  let cursor = from;
  let pause = 0;
  for (let day = utcDay(from) - DAYS_BEFORE; day <= lastDay; day++) {
    const ranges = staffedRangesOfDay(calendar, day);
    for (let i = 0; i < ranges.length; i += 2) {
      const close = ranges[i + 1];
      if (close <= cursor) continue;
      // The cursor keeps time counted once even if two days' ranges were ever to touch or overlap.
      let open = Math.max(ranges[i], cursor);
      cursor = close;
      // Pauses are sorted and merged and `open` only grows, so one forward pointer is enough.
      while (pause < pauses.length && pauses[pause + 1] <= open) pause += 2;
      for (let p = pause; p < pauses.length && pauses[p] < close && open < close; p += 2) {
        if (pauses[p] > open && visit(open, pauses[p])) return;
        open = Math.max(open, pauses[p + 1]);
      }
      if (open < close && visit(open, close)) return;
    }
  }
}

function pauseRanges(pauses: ReadonlyArray<Pause> | undefined): Ranges {
  if (pauses === undefined || pauses.length === 0) return NO_RANGES;
  const flat: number[] = [];
  pauses.forEach(([from, to], index) => {
    const start = instantOf(from, `pauses[${index}][0]`);
    const end = instantOf(to, `pauses[${index}][1]`);
    if (end < start) throw new RangeError(`pauses[${index}] ends before it starts`);
    flat.push(start, end);
  });
  // Overlapping pauses (two waits recorded for the same period) must not remove time twice.
  return normalizeRanges(flat);
}

function instantOf(date: Date, name: string): number {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new RangeError(`${name} must be a valid Date`);
  return time;
}

function utcDay(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}
