/** Calendar arithmetic on local dates, as whole days since 1970-01-01 ("epoch days"). */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function civilDateOf(epochDay: number): { year: number; month: number; day: number } {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday, matching WEEKDAYS; 1970-01-01 was a Thursday. */
export function weekdayIndexOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

export function formatEpochDay(epochDay: number): string {
  const { year, month, day } = civilDateOf(epochDay);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
