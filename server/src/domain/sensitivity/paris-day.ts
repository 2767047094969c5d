const PARIS_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day `instant` falls on in Europe/Paris, as YYYY-MM-DD (comparable as text). */
export function parisDay(instant: Date): string {
  const parts = Object.fromEntries(PARIS_DAY.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
