import { isStaffed, type BusinessCalendar } from '../domain/sla';
import { sharedCalendar } from '../sla/shared-calendar';

/** On shift: inside the person's own hours when they have some, else inside the service's. */
export function isOnShift(own: BusinessCalendar | null, service: BusinessCalendar, at: Date): boolean {
  try {
    return isStaffed(sharedCalendar(own ?? service), at);
  } catch {
    // A stored calendar the engine refuses (no staffed time at all): nobody is on shift by it.
    return false;
  }
}
