import { WEEKDAYS, type BusinessCalendarDto, type FrenchHolidaySet, type Weekday } from '@guichet/shared';
import type { TFunction } from 'i18next';
import type { FieldDetail } from '../../lib/api-details';

/** The calendar as the form edits it: keys keep React rows stable, closures are local input values. */
export interface IntervalDraft {
  key: number;
  open: string;
  close: string;
}

export interface HolidayDraft {
  key: number;
  date: string;
}

export interface ClosureDraft {
  key: number;
  /** `datetime-local` values, in the browser's time zone. */
  from: string;
  to: string;
}

export type FrenchHolidayChoice = FrenchHolidaySet | 'none';

export interface CalendarDraft {
  timeZone: string;
  hours: Record<Weekday, IntervalDraft[]>;
  frenchHolidays: FrenchHolidayChoice;
  holidays: HolidayDraft[];
  closures: ClosureDraft[];
}

/** Field path (as the server names it, e.g. "hours.tue[1]") → messages. */
export type FieldErrors = Record<string, string[]>;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

let lastKey = 0;
export function newKey(): number {
  lastKey += 1;
  return lastKey;
}

export function emptyInterval(): IntervalDraft {
  return { key: newKey(), open: '', close: '' };
}

// "HH:MM" from 00:00 to 23:59, or 24:00 as a closing time.
const OPEN_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const TIME_INPUT_PATTERN = '(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)';

export function isOpenTime(value: string): boolean {
  return OPEN_TIME.test(value);
}

export function isCloseTime(value: string): boolean {
  return CLOSE_TIME.test(value);
}

/** Lenient typing, strict storage: "830", "8h30", "8.30", "8" become "08:30" / "08:00". */
export function normalizeTime(text: string): string {
  const match = /^\s*(\d{1,2})(?:\s*[:hH.]?\s*(\d{2}))?\s*$/.exec(text);
  if (!match) return text.trim();
  return `${match[1].padStart(2, '0')}:${match[2] ?? '00'}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant shown in a `datetime-local` input, in the browser's time zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value read in the browser's time zone, written with its offset: "2025-12-24T12:00:00+01:00". */
export function localInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
  );
  if (Number.isNaN(date.getTime())) return null;
  // Read back from the Date: a time skipped by a DST change is moved the way the browser moves it.
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

export function toDraft(calendar: BusinessCalendarDto): CalendarDraft {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      (calendar.hours?.[day] ?? []).map(([open, close]) => ({ key: newKey(), open, close })),
    ]),
  ) as Record<Weekday, IntervalDraft[]>;
  return {
    timeZone: calendar.timeZone || DEFAULT_TIME_ZONE,
    hours,
    frenchHolidays: calendar.frenchHolidays ?? 'none',
    holidays: (calendar.holidays ?? []).map((date) => ({ key: newKey(), date })),
    closures: (calendar.closures ?? []).map(([from, to]) => ({
      key: newKey(),
      from: isoToLocalInput(from),
      to: isoToLocalInput(to),
    })),
  };
}

export function fromDraft(draft: CalendarDraft): BusinessCalendarDto {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      draft.hours[day].map(({ open, close }) => [open, close] as [string, string]),
    ]),
  ) as BusinessCalendarDto['hours'];
  return {
    timeZone: draft.timeZone,
    hours,
    holidays: draft.holidays.map(({ date }) => date),
    frenchHolidays: draft.frenchHolidays === 'none' ? null : draft.frenchHolidays,
    // Invalid values are caught by validateDraft before this is sent.
    closures: draft.closures.map(({ from, to }) => [
      localInputToIso(from) ?? from,
      localInputToIso(to) ?? to,
    ]),
  };
}

function add(errors: FieldErrors, path: string, message: string): void {
  (errors[path] ??= []).push(message);
}

/** What the browser can tell before asking the server: formats and empty fields. Overlaps are the server's. */
export function validateDraft(draft: CalendarDraft, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const day of WEEKDAYS) {
    draft.hours[day].forEach((interval, index) => {
      if (!isOpenTime(interval.open) || !isCloseTime(interval.close)) {
        add(errors, `hours.${day}[${index}]`, t('calendar.timeInvalid'));
      }
    });
  }
  draft.holidays.forEach((holiday, index) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date))
      add(errors, `holidays[${index}]`, t('calendar.dateRequired'));
  });
  draft.closures.forEach((closure, index) => {
    if (!localInputToIso(closure.from) || !localInputToIso(closure.to)) {
      add(errors, `closures[${index}]`, t('calendar.dateTimeRequired'));
    }
  });
  return errors;
}

/** "closures[0][1]" → "closures[0]": the form shows a closure's errors on its row. */
export function canonicalPath(path: string): string {
  const interval = /^(hours\.[a-z]{3}\[\d+\])/.exec(path);
  if (interval) return interval[1];
  const item = /^((?:holidays|closures)\[\d+\])/.exec(path);
  if (item) return item[1];
  return path;
}

export function detailsToErrors(details: FieldDetail[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details) add(errors, canonicalPath(detail.path), detail.message);
  return errors;
}

function isWeekday(value: string): value is Weekday {
  return (WEEKDAYS as readonly string[]).includes(value);
}

/** A field path in words, for the summary at the top of the form: "hours.tue[1]" → "Mardi, plage 2". */
export function pathLabel(path: string, t: TFunction): string {
  const canonical = canonicalPath(path);
  if (canonical === 'timeZone') return t('calendar.timeZone');
  if (canonical === 'frenchHolidays') return t('calendar.frenchHolidays');
  if (canonical === 'hours' || canonical === 'holidays' || canonical === 'closures') {
    return t(`calendar.field.${canonical}`);
  }
  const interval = /^hours\.([a-z]{3})(?:\[(\d+)\])?$/.exec(canonical);
  if (interval && isWeekday(interval[1])) {
    const day = t(`calendar.weekday.${interval[1]}`);
    return interval[2] === undefined ? day : t('calendar.interval', { day, index: Number(interval[2]) + 1 });
  }
  const item = /^(holidays|closures)\[(\d+)\]$/.exec(canonical);
  if (item) {
    const index = Number(item[2]) + 1;
    return item[1] === 'holidays' ? t('calendar.holiday', { index }) : t('calendar.closure', { index });
  }
  return path;
}

// A message may name another field ("overlaps hours.tue[0]"): say it in words too.
const PATH_IN_TEXT = /\b(?:hours\.[a-z]{3}\[\d+\]|(?:holidays|closures)\[\d+\](?:\[\d+\])?)/g;

export function messageLabel(message: string, t: TFunction): string {
  return message.replace(PATH_IN_TEXT, (path) => pathLabel(path, t));
}
