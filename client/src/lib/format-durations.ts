import type { TFunction } from 'i18next';

/**
 * A duration in staffed (business) minutes: "45 min", "3 h 20", "52 h 05". No "days": a business day
 * has no fixed length (a service may staff 7 h on Monday and 3 h on Saturday), so hours never roll over.
 */
export function formatBusinessDuration(minutes: number, t: TFunction): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return t('duration.minutes', { minutes: rest });
  if (rest === 0) return t('duration.hours', { hours });
  return t('duration.hoursMinutes', { hours, minutes: rest, minutesPadded: String(rest).padStart(2, '0') });
}

/** Whole minutes left, rounded down so a deadline never looks further away than it is. */
export function floorMinutes(minutes: number): number {
  return Math.max(0, Math.floor(minutes + 1e-9));
}

/** Whole minutes late, rounded up for the same reason. */
export function ceilMinutes(minutes: number): number {
  return Math.max(0, Math.ceil(minutes - 1e-9));
}

/** Elapsed real time, where a day is a day: "3 h 20", "2 j 3 h". */
export function formatCalendarDuration(minutes: number, t: TFunction): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 24 * 60) return formatBusinessDuration(total, t);
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  return hours === 0 ? t('duration.days', { days }) : t('duration.daysHours', { days, hours });
}
