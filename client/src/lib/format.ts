const MINUTE = 60_000;

/** "2 h 15 min", "45 min", "3 h"; "—" when there is nothing to measure yet. */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  return `${hours} h ${rest} min`;
}

const RELATIVE_STEPS: Array<{ unit: Intl.RelativeTimeFormatUnit; ms: number }> = [
  { unit: 'year', ms: 365 * 24 * 60 * MINUTE },
  { unit: 'month', ms: 30 * 24 * 60 * MINUTE },
  { unit: 'week', ms: 7 * 24 * 60 * MINUTE },
  { unit: 'day', ms: 24 * 60 * MINUTE },
  { unit: 'hour', ms: 60 * MINUTE },
  { unit: 'minute', ms: MINUTE },
];

/** "il y a 5 minutes", "dans 2 heures", "maintenant", in the given locale. */
export function formatRelativeTime(iso: string, now: number, locale: string): string {
  const diff = Date.parse(iso) - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const step of RELATIVE_STEPS) {
    if (Math.abs(diff) >= step.ms) return format.format(Math.trunc(diff / step.ms), step.unit);
  }
  return format.format(0, 'second');
}

/** Full date and time, for the thread and for `title` hints: "12 mars 2025 à 14:05". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A deadline: the time alone when it is today, else a short weekday, date and time. */
export function formatDeadline(iso: string, now: number, locale: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'short' }
    : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Characters as platforms count them (code points, so an emoji counts once). */
export function countCharacters(text: string): number {
  return Array.from(text).length;
}
