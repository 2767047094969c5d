import type { BusinessCalendar } from '../domain/sla';

const MAX_ENTRIES = 200;
const canonical = new Map<string, BusinessCalendar>();
/** Objects already looked up: the configuration cache hands out the same ones batch after batch. */
const seen = new WeakMap<BusinessCalendar, BusinessCalendar>();

/**
 * One object per distinct calendar: the engine caches its compiled form per object, and calendars
 * read from the database are new objects every time (≈ 100× slower cold, see bench/README.md).
 */
export function sharedCalendar(calendar: BusinessCalendar): BusinessCalendar {
  const known = seen.get(calendar);
  if (known) return known;
  const key = JSON.stringify(calendar);
  let shared = canonical.get(key);
  if (!shared) {
    if (canonical.size >= MAX_ENTRIES) canonical.delete(canonical.keys().next().value as string);
    canonical.set(key, calendar);
    shared = calendar;
  }
  seen.set(calendar, shared);
  return shared;
}
