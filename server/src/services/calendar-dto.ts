import type { BusinessCalendarDto } from '@guichet/shared';
import type { BusinessCalendar } from '../domain/sla';

/** The stored calendar with every optional field spelled out, as the API returns it. */
export function toCalendarDto(c: BusinessCalendar): BusinessCalendarDto {
  return {
    timeZone: c.timeZone,
    hours: {
      mon: c.hours.mon.map(([o, cl]) => [o, cl]),
      tue: c.hours.tue.map(([o, cl]) => [o, cl]),
      wed: c.hours.wed.map(([o, cl]) => [o, cl]),
      thu: c.hours.thu.map(([o, cl]) => [o, cl]),
      fri: c.hours.fri.map(([o, cl]) => [o, cl]),
      sat: c.hours.sat.map(([o, cl]) => [o, cl]),
      sun: c.hours.sun.map(([o, cl]) => [o, cl]),
    },
    holidays: [...(c.holidays ?? [])],
    frenchHolidays: c.frenchHolidays ?? null,
    closures: (c.closures ?? []).map(([f, t]) => [f, t]),
  };
}
