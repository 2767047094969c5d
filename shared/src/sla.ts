import type { Platform, TicketPriority } from './enums.js';
import type { IsoDate } from './views.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const FRENCH_HOLIDAY_SETS = ['metropole', 'alsace-moselle'] as const;
export type FrenchHolidaySet = (typeof FRENCH_HOLIDAY_SETS)[number];

/**
 * A service's staffed hours, as `GET/PUT /api/services/:id/calendar` carry it. Intervals are local
 * wall-clock "HH:MM" pairs, half-open [open, close), "24:00" allowed as a close; closures are ISO
 * instants with an offset or Z ("fermeture exceptionnelle").
 */
export interface BusinessCalendarDto {
  timeZone: string;
  hours: Record<Weekday, Array<[open: string, close: string]>>;
  holidays: string[];
  frenchHolidays: FrenchHolidaySet | null;
  closures: Array<[from: string, to: string]>;
}

export const SLA_CLOCK_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

/**
 * running: counting down; paused: the ticket waits on the citizen (or is resolved); overdue: past its
 * deadline and still running; met / missed: stopped within / after the target.
 */
export const SLA_CLOCK_STATES = ['running', 'paused', 'overdue', 'met', 'missed'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

export interface SlaClockView {
  kind: SlaClockKind;
  state: SlaClockState;
  /** Target in business minutes (staffed time of the ticket's service). */
  targetMinutes: number;
  startedAt: IsoDate;
  /** null while paused: the deadline depends on when the clock runs again. */
  deadlineAt: IsoDate | null;
  warningAt: IsoDate | null;
  /** Business minutes left when computed (negative once overdue). */
  remainingMinutes: number;
  computedAt: IsoDate;
  pausedSince: IsoDate | null;
  achievedAt: IsoDate | null;
  achievedBusinessMinutes: number | null;
  achievedCalendarMinutes: number | null;
}

/** The clock an inbox row shows: the running (or paused) one due first. */
export interface TicketSlaSummary {
  kind: SlaClockKind;
  state: 'running' | 'paused' | 'overdue';
  dueAt: IsoDate | null;
  remainingMinutes: number;
}

export interface SlaPolicyView {
  id: string;
  name: string;
  /** Policies are tried in this order; the first that matches applies. */
  position: number;
  /** null matches every priority. */
  priority: TicketPriority | null;
  /** null matches every channel. */
  platform: Platform | null;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
}

/** Body of `POST /api/sla-policies` and `PUT /api/sla-policies/:id`. */
export type SlaPolicyRequest = Omit<SlaPolicyView, 'id' | 'position'>;

export interface SlaSettings {
  /** Share of the target after which a warning is pushed, e.g. 0.8. */
  warningRatio: number;
}

/** Pushed as `sla.warning` and `sla.breached` to the ticket's service room. */
export interface SlaEvent {
  ticketId: string;
  reference: number;
  subject: string;
  serviceId: string;
  kind: SlaClockKind;
  deadlineAt: IsoDate;
  at: IsoDate;
}
