import type { BusinessCalendar } from '../domain/sla';

const MAX_ENTRIES = 200;
const canonical = new Map<string, BusinessCalendar>();

/**
 * One object per distinct calendar: the engine caches its compiled form per object, and calendars
 * read from the database are new objects every time (≈ 100× slower cold, see bench/README.md).
 */
export function sharedCalendar(calendar: BusinessCalendar): BusinessCalendar {
  const key = JSON.stringify(calendar);
  const hit = canonical.get(key);
  if (hit) return hit;
  if (canonical.size >= MAX_ENTRIES) canonical.delete(canonical.keys().next().value as string);
  canonical.set(key, calendar);
  return calendar;
}
