import fc from 'fast-check';
import { DEFAULT_SERVICE_CALENDAR } from '../calendar.js';
import { addBusinessMinutes, businessMinutesBetween, isStaffed, nextStaffedInstant } from '../clock.js';
import { pausesArb, scenarioArb, targetArb, type Scenario } from './arbitraries.js';
import { naiveAddBusinessMinutes, naiveBusinessMinutesBetween, naiveIsStaffed } from './naive-clock.js';

const MINUTE = 60_000;
const RUNS = { numRuns: 150 };

/** A scenario, a target sized to it, and pauses near its start. */
const withTargetAndPauses = scenarioArb.chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    minutes: targetArb(scenario),
    pauses: pausesArb(scenario.start),
  }),
);

const withTwoTargets = scenarioArb.chain((scenario) =>
  fc.record({ scenario: fc.constant(scenario), a: targetArb(scenario), b: targetArb(scenario) }),
);

/** Three whole-minute instants within five days after the scenario's start, in any order. */
const withInstants = (scenario: Scenario): fc.Arbitrary<[Date, Date, Date]> =>
  fc
    .tuple(...[0, 1, 2].map(() => fc.integer({ min: 0, max: 5 * 1440 })))
    .map(
      (offsets) => offsets.map((m) => new Date(scenario.start.getTime() + m * MINUTE)) as [Date, Date, Date],
    );

describe('addBusinessMinutes and businessMinutesBetween, properties on random calendars', () => {
  it('elapsed(start, deadline(start, m)) === m, with pauses', () => {
    fc.assert(
      fc.property(withTargetAndPauses, ({ scenario: { calendar, start }, minutes, pauses }) => {
        const deadline = addBusinessMinutes(calendar, start, minutes, pauses);
        expect(businessMinutesBetween(calendar, start, deadline, pauses)).toBe(minutes);
      }),
      RUNS,
    );
  });

  it('the deadline agrees with the naive minute-stepping oracle', () => {
    fc.assert(
      fc.property(withTargetAndPauses, ({ scenario: { calendar, start }, minutes, pauses }) => {
        expect(addBusinessMinutes(calendar, start, minutes, pauses).toISOString()).toBe(
          naiveAddBusinessMinutes(calendar, start, minutes, pauses).toISOString(),
        );
      }),
      RUNS,
    );
  });

  it('elapsed time agrees with the naive oracle, end before start included', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        instants: withInstants(scenario),
        pauses: pausesArb(scenario.start),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar }, instants: [a, b], pauses }) => {
        expect(businessMinutesBetween(calendar, a, b, pauses)).toBe(
          naiveBusinessMinutesBetween(calendar, a, b, pauses),
        );
      }),
      RUNS,
    );
  });

  it('isStaffed and nextStaffedInstant agree with the oracle', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({ scenario: fc.constant(scenario), instants: withInstants(scenario) }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar }, instants: [at] }) => {
        expect(isStaffed(calendar, at)).toBe(naiveIsStaffed(calendar, at));
        expect(nextStaffedInstant(calendar, at)?.toISOString()).toBe(
          naiveAddBusinessMinutes(calendar, at, 0).toISOString(),
        );
      }),
      RUNS,
    );
  });

  it('the deadline is the earliest instant at which the target is reached', () => {
    // Targets taken from random ends often stop at a closing time: the deadline must stay there.
    const arb = scenarioArb.chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        instants: withInstants(scenario),
        pauses: pausesArb(scenario.start),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar, start }, instants: [end], pauses }) => {
        const minutes = businessMinutesBetween(calendar, start, end, pauses);
        const deadline = addBusinessMinutes(calendar, start, minutes, pauses);
        // A zero target is met at the next opening, which may well lie after `end`.
        if (minutes > 0) {
          expect(deadline.getTime()).toBeLessThanOrEqual(end.getTime());
          const justBefore = new Date(deadline.getTime() - 1);
          expect(businessMinutesBetween(calendar, start, justBefore, pauses)).toBeLessThan(minutes);
        }
      }),
      RUNS,
    );
  });

  it('is monotonic in the target', () => {
    fc.assert(
      fc.property(withTwoTargets, ({ scenario: { calendar, start }, a, b }) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(calendar, start, low).getTime()).toBeLessThanOrEqual(
          addBusinessMinutes(calendar, start, high).getTime(),
        );
      }),
      RUNS,
    );
  });

  it('elapsed time is monotonic in the end and additive over consecutive ranges', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        instants: withInstants(scenario),
        // Sub-minute shifts: additivity must also hold for fractional minutes.
        jitter: fc.tuple(fc.nat(59_999), fc.nat(59_999), fc.nat(59_999)),
        pauses: pausesArb(scenario.start),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar }, instants, jitter, pauses }) => {
        const [a, b, c] = instants
          .map((d, i) => d.getTime() + jitter[i])
          .sort((x, y) => x - y)
          .map((t) => new Date(t));
        const ab = businessMinutesBetween(calendar, a, b, pauses);
        const bc = businessMinutesBetween(calendar, b, c, pauses);
        const ac = businessMinutesBetween(calendar, a, c, pauses);
        expect(ab).toBeLessThanOrEqual(ac);
        expect(Math.round((ab + bc) * MINUTE)).toBe(Math.round(ac * MINUTE));
      }),
      RUNS,
    );
  });

  it('pauses never make a deadline earlier', () => {
    fc.assert(
      fc.property(withTargetAndPauses, ({ scenario: { calendar, start }, minutes, pauses }) => {
        const unpaused = addBusinessMinutes(calendar, start, minutes);
        const paused = addBusinessMinutes(calendar, start, minutes, pauses);
        expect(paused.getTime()).toBeGreaterThanOrEqual(unpaused.getTime());
        expect(addBusinessMinutes(calendar, start, minutes, pauses.slice(1)).getTime()).toBeLessThanOrEqual(
          paused.getTime(),
        );
      }),
      RUNS,
    );
  });

  it('round-trips from starts carrying seconds, and for fractional targets', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        minutes: targetArb(scenario),
        extraSeconds: fc.integer({ min: 0, max: 59 }),
        offsetMs: fc.integer({ min: 1, max: 59_999 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar, start }, minutes, extraSeconds, offsetMs }) => {
        const from = new Date(start.getTime() + offsetMs);
        const target = minutes + extraSeconds / 60;
        const deadline = addBusinessMinutes(calendar, from, target);
        expect(businessMinutesBetween(calendar, from, deadline) * MINUTE).toBeCloseTo(target * MINUTE, 6);
      }),
      RUNS,
    );
  });
});

describe('the default service calendar over years', () => {
  it('round-trips targets up to 30 business days from any minute of 2026–2038', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const end = Date.parse('2039-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: (end - start) / MINUTE }),
        fc.integer({ min: 0, max: 30 * 7 * 60 }),
        (offset, minutes) => {
          const from = new Date(start + offset * MINUTE);
          const deadline = addBusinessMinutes(DEFAULT_SERVICE_CALENDAR, from, minutes);
          expect(businessMinutesBetween(DEFAULT_SERVICE_CALENDAR, from, deadline)).toBe(minutes);
          // The last counted millisecond is staffed; a zero target lands on a staffed instant.
          const probe = minutes > 0 ? new Date(deadline.getTime() - 1) : deadline;
          expect(isStaffed(DEFAULT_SERVICE_CALENDAR, probe)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('businessMinutesBetween over long spans (counted by remembered blocks)', () => {
  /** A start, and an end 85 days to two years later, at any millisecond. */
  const longSpan = scenarioArb.chain((scenario) =>
    fc.record({
      scenario: fc.constant(scenario),
      length: fc.integer({ min: 85 * 1440 * MINUTE, max: 730 * 1440 * MINUTE }),
    }),
  );

  it('equals the sum of the same span cut into short stretches, walked one by one', () => {
    fc.assert(
      fc.property(longSpan, ({ scenario: { calendar, start }, length }) => {
        const end = start.getTime() + length;
        let walked = 0;
        for (let from = start.getTime(); from < end; from += 20 * 1440 * MINUTE) {
          const to = Math.min(end, from + 20 * 1440 * MINUTE);
          walked += businessMinutesBetween(calendar, new Date(from), new Date(to)) * MINUTE;
        }
        expect(businessMinutesBetween(calendar, start, new Date(end)) * MINUTE).toBeCloseTo(walked, 3);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with the naive oracle across three months', () => {
    const arb = scenarioArb.chain((scenario) =>
      fc.record({ scenario: fc.constant(scenario), days: fc.integer({ min: 85, max: 100 }) }),
    );
    fc.assert(
      fc.property(arb, ({ scenario: { calendar, start }, days }) => {
        const end = new Date(start.getTime() + days * 1440 * MINUTE);
        expect(businessMinutesBetween(calendar, start, end)).toBe(
          naiveBusinessMinutesBetween(calendar, start, end),
        );
      }),
      { numRuns: 8 },
    );
  });
});
