/**
 * SLA engine: business calendars and deadlines. Pure TypeScript: it never reads the clock (`now` is
 * always an argument) and touches no database; time zones come from Intl.
 *
 * Semantics (SPEC §3) — tests in ./__tests__ pin each rule down:
 * - Staffed intervals are local wall-clock times, half-open [open, close). A shift across midnight is
 *   written as two intervals (22:00–24:00 and 00:00–06:00); "24:00" means the next midnight.
 * - A business minute is a real elapsed minute: 00:00–24:00 lasts 23 h or 25 h on DST days.
 *   A boundary skipped by a spring-forward gap moves forward by the gap (02:30 → 03:30 in Paris);
 *   a boundary repeated by a fall-back takes its first (summer-time) occurrence. So an interval that
 *   opens in the gap and closes less than a gap-length later (02:30–03:15 → 03:30–03:15) is empty.
 * - The clock starts at the first staffed, unpaused instant at or after the start.
 * - A deadline that lands exactly on a closing time (end of day, start of lunch) is that closing
 *   time, not the next opening.
 * - 0 minutes gives the start if it is staffed, otherwise the next opening; an instant exactly at a
 *   closing time is not staffed.
 * - Elapsed time with end <= start is 0; it is fractional when the inputs carry seconds.
 * - Holidays (the calendar's own dates and the chosen French set) close the whole local day; closures
 *   and pauses remove exactly the time they overlap, and overlapping ones count once.
 * - A calendar with no staffed weekday throws SlaCalendarError('no_staffed_time'); a deadline or an
 *   opening further than ten years away throws 'horizon_exceeded' (nextStaffedInstant returns null).
 *   An invalid calendar throws 'invalid_calendar'; invalid arguments throw RangeError.
 * - Calendars are immutable values: results are cached per calendar object and local day.
 */
export { DEFAULT_SERVICE_CALENDAR, WEEKDAYS } from './calendar.js';
export type { BusinessCalendar, Pause, StaffedInterval, Weekday } from './calendar.js';
export { addBusinessMinutes, businessMinutesBetween, isStaffed, nextStaffedInstant } from './clock.js';
export { SlaCalendarError } from './errors.js';
export type { SlaCalendarErrorCode } from './errors.js';
export { frenchPublicHolidays } from './holidays.js';
export type { FrenchHolidaySet } from './holidays.js';
export { validateCalendar } from './validate-calendar.js';
export type { CalendarFieldError, CalendarValidation } from './validate-calendar.js';
export { deriveTicketClocks, stoppedPeriods } from './ticket-clocks.js';
export type { DerivedClock, SlaTargets, TicketTimeline } from './ticket-clocks.js';
