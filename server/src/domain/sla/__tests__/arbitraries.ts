import fc from 'fast-check';
import {
  WEEKDAYS,
  type BusinessCalendar,
  type Pause,
  type StaffedInterval,
  type Weekday,
} from '../calendar.js';

/** Random valid calendars and instants for the property tests, biased towards DST changes. */

const MINUTE = 60_000;
const DAY = 86_400_000;

const TIME_ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Pacific/Noumea',
  'Australia/Lord_Howe', // half-hour DST shift
  'America/St_Johns', // -03:30, transitions off the UTC hour
  'Asia/Kathmandu', // +05:45
  'UTC',
] as const;

/** Instants around which scenarios are drawn, with the zone they matter for: 2026 DST changes, holidays. */
const ANCHORS: ReadonlyArray<readonly [at: number, timeZone: (typeof TIME_ZONES)[number]]> = (
  [
    ['2026-03-29T01:00:00Z', 'Europe/Paris'], // spring forward
    ['2026-10-25T01:00:00Z', 'Europe/Paris'], // fall back
    ['2026-03-08T07:00:00Z', 'America/New_York'], // spring forward
    ['2026-11-01T06:00:00Z', 'America/New_York'], // fall back
    ['2026-04-04T15:00:00Z', 'Australia/Lord_Howe'], // fall back
    ['2026-10-03T15:30:00Z', 'Australia/Lord_Howe'], // spring forward
    ['2026-03-08T05:30:00Z', 'America/St_Johns'], // spring forward
    ['2026-05-13T10:00:00Z', 'Europe/Paris'], // week with Ascension
    ['2026-12-23T10:00:00Z', 'Europe/Paris'], // Christmas
    ['2027-06-15T10:00:00Z', 'Pacific/Noumea'], // an ordinary week
  ] as const
).map(([iso, zone]) => [Date.parse(iso), zone] as const);

export function wallTime(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

// Boundaries inside or at the edges of the night-time DST changes (gaps and folds) of the zones above.
const DST_PRONE_MINUTES = [0, 60, 90, 100, 120, 135, 150, 165, 180, 210, 240, 1440];

/** Up to three disjoint intervals; boundaries on a 5-minute grid (24:00 included), often near DST changes. */
const dayIntervalsArb: fc.Arbitrary<StaffedInterval[]> = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: 0, max: 288 }).map((p) => p * 5),
      fc.constantFrom(...DST_PRONE_MINUTES),
    ),
    {
      maxLength: 6,
    },
  )
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const intervals: StaffedInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      intervals.push([wallTime(sorted[i]), wallTime(sorted[i + 1])]);
    return intervals;
  });

const hoursArb: fc.Arbitrary<Record<Weekday, StaffedInterval[]>> = fc
  .tuple(...WEEKDAYS.map(() => dayIntervalsArb))
  .map(
    (days) =>
      Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]])) as Record<Weekday, StaffedInterval[]>,
  )
  .filter((hours) => WEEKDAYS.some((day) => hours[day].length > 0));

export interface Scenario {
  readonly calendar: BusinessCalendar;
  /** Whole-minute instant near the scenario's anchor. */
  readonly start: Date;
  /** Nominal staffed minutes per week, to size targets to about three business days. */
  readonly weeklyMinutes: number;
}

const minutesAround = (from: number, to: number): fc.Arbitrary<number> =>
  fc.integer({ min: from * 1440, max: to * 1440 });

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    startOffset: minutesAround(-4, 2),
    // Half the time the anchor's own zone, so DST changes are actually crossed.
    otherZone: fc.option(fc.constantFrom(...TIME_ZONES), { freq: 2 }),
    hours: hoursArb,
    holidayOffsets: fc.array(fc.integer({ min: -3, max: 10 }), { maxLength: 3 }),
    frenchHolidays: fc.constantFrom(null, 'metropole' as const, 'alsace-moselle' as const),
    closures: fc.array(fc.tuple(minutesAround(-3, 8), fc.integer({ min: 1, max: 2 * 1440 })), {
      maxLength: 2,
    }),
  })
  .map(
    ({
      anchor: [anchor, anchorZone],
      startOffset,
      otherZone,
      hours,
      holidayOffsets,
      frenchHolidays,
      closures,
    }) => {
      const timeZone = otherZone ?? anchorZone;
      const anchorMinute = Math.floor(anchor / MINUTE) * MINUTE;
      const calendar: BusinessCalendar = {
        timeZone,
        hours,
        holidays: holidayOffsets.map((d) => new Date(anchor + d * DAY).toISOString().slice(0, 10)),
        frenchHolidays,
        closures: closures.map(([from, length]) => [
          new Date(anchorMinute + from * MINUTE).toISOString(),
          new Date(anchorMinute + (from + length) * MINUTE).toISOString(),
        ]),
      };
      const weeklyMinutes = WEEKDAYS.reduce(
        (sum, day) =>
          sum + hours[day].reduce((s, [open, close]) => s + toMinutes(close) - toMinutes(open), 0),
        0,
      );
      return { calendar, start: new Date(anchorMinute + startOffset * MINUTE), weeklyMinutes };
    },
  );

/** A target of up to about three business days of this scenario's calendar. */
export function targetArb(scenario: Scenario): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: Math.min(3 * 1440, Math.ceil((scenario.weeklyMinutes * 3) / 5)) });
}

/** Up to three whole-minute pauses, possibly overlapping, near `start`. */
export function pausesArb(start: Date): fc.Arbitrary<Pause[]> {
  return fc.array(
    fc
      .tuple(fc.integer({ min: -1440, max: 5 * 1440 }), fc.integer({ min: 0, max: 1440 }))
      .map(([from, length]): Pause => {
        const t = start.getTime() + from * MINUTE;
        return [new Date(t), new Date(t + length * MINUTE)];
      }),
    { maxLength: 3 },
  );
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
