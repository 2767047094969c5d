import type { FrenchHolidaySet } from './holidays.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock interval `[open, close)`, "HH:MM"; close may be "24:00" (the next midnight). */
export type StaffedInterval = readonly [open: string, close: string];

/** A period when the clock stops: `[from, to)`, e.g. a ticket waiting on the citizen. */
export type Pause = readonly [from: Date, to: Date];

/**
 * When a service is staffed. Treated as an immutable value: the engine caches per calendar object,
 * so build a new object instead of mutating one already used.
 */
export interface BusinessCalendar {
  /** IANA time zone, e.g. "Europe/Paris" or "Pacific/Noumea". */
  readonly timeZone: string;
  /** Staffed intervals per weekday, sorted or not, never overlapping; an empty list is a closed day. */
  readonly hours: Readonly<Record<Weekday, ReadonlyArray<StaffedInterval>>>;
  /** Extra closed local dates, "YYYY-MM-DD" (a local holiday, a bridge day). */
  readonly holidays?: ReadonlyArray<string>;
  /** Which French public holidays close the service; null or absent for none. */
  readonly frenchHolidays?: FrenchHolidaySet | null;
  /** One-off closures `[from, to)` as ISO 8601 instants with an explicit offset or Z. */
  readonly closures?: ReadonlyArray<readonly [from: string, to: string]>;
}

const OFFICE_DAY: ReadonlyArray<StaffedInterval> = Object.freeze([
  Object.freeze(['08:30', '12:00'] as const),
  Object.freeze(['13:30', '17:00'] as const),
]);

/** A typical mairie front desk: weekdays 08:30–12:00 and 13:30–17:00, Paris time, French holidays. */
export const DEFAULT_SERVICE_CALENDAR: BusinessCalendar = Object.freeze({
  timeZone: 'Europe/Paris',
  hours: Object.freeze({
    mon: OFFICE_DAY,
    tue: OFFICE_DAY,
    wed: OFFICE_DAY,
    thu: OFFICE_DAY,
    fri: OFFICE_DAY,
    sat: Object.freeze([]),
    sun: Object.freeze([]),
  }),
  holidays: Object.freeze([]),
  frenchHolidays: 'metropole',
  closures: Object.freeze([]),
});
