import { MS_PER_DAY, MS_PER_MINUTE } from './civil-date.js';

/**
 * Wall-clock ↔ instant conversion through Intl (Node ships full ICU), so the tz database is the
 * runtime's and no dependency is needed. Offsets are "local wall time read as UTC, minus the instant".
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // hourCycle h23: with hour12:false some ICU versions print midnight as "24".
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** UTC offset in milliseconds in effect at `epochMs` (whole seconds: Intl does not print milliseconds). */
export function offsetAt(timeZone: string, epochMs: number): number {
  const instant = Math.floor(epochMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  wall.setUTCFullYear(year);
  return wall.getTime() - instant;
}

/**
 * The instant at which the clocks of `timeZone` read `minuteOfDay` on local day `epochDay`
 * (1440 = the next midnight). A time skipped by a spring-forward gap moves forward by the gap
 * (02:30 → 03:30 in Paris); a time repeated by a fall-back takes its first, summer-time occurrence.
 * This is Temporal's 'compatible' disambiguation.
 */
export function wallTimeToInstant(timeZone: string, epochDay: number, minuteOfDay: number): number {
  const wall = epochDay * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const steady = steadyOffsetOfDay(timeZone, epochDay);
  if (steady !== null) return wall - steady;
  // A day either side of the wall time lies outside any offset (|offset| < 1 day) and, in every real
  // zone, frames at most one transition.
  const before = offsetAt(timeZone, wall - MS_PER_DAY);
  const after = offsetAt(timeZone, wall + MS_PER_DAY);
  if (before === after) return wall - before;
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeFits = offsetAt(timeZone, withBefore) === before;
  const afterFits = offsetAt(timeZone, withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // In the gap: read the wall time with the offset from before the jump, i.e. push it forward by the gap.
  return withBefore;
}

// Per zone and local day, the offset when it holds from the day before to the day after (almost every
// day), else null. Shared by all calendars of a zone, so a calendar read afresh from the database costs
// map lookups instead of Intl calls.
const steadyOffsets = new Map<string, Map<number, number | null>>();
const MAX_STEADY_DAYS_PER_ZONE = 100_000;

function steadyOffsetOfDay(timeZone: string, epochDay: number): number | null {
  let days = steadyOffsets.get(timeZone);
  if (days === undefined) {
    days = new Map();
    steadyOffsets.set(timeZone, days);
  }
  let steady = days.get(epochDay);
  if (steady === undefined) {
    // Same probes as wallTimeToInstant uses for the day's first and last wall times (00:00 and 24:00).
    const before = offsetAt(timeZone, (epochDay - 1) * MS_PER_DAY);
    const after = offsetAt(timeZone, (epochDay + 2) * MS_PER_DAY);
    steady = before === after ? before : null;
    if (days.size >= MAX_STEADY_DAYS_PER_ZONE) days.clear();
    days.set(epochDay, steady);
  }
  return steady;
}
