/**
 * SLA deadlines per second: the interval-walking engine against the naive minute-stepping oracle it
 * is tested with, on the default town-hall calendar plus a few closures, from random starts in
 * 2026–2027. Run from the repository root: `npx tsx bench/sla-deadlines.bench.ts` (about 20 s).
 */
import { cpus } from 'node:os';
import {
  addBusinessMinutes,
  DEFAULT_SERVICE_CALENDAR,
  type BusinessCalendar,
} from '../server/src/domain/sla/index.js';
import { naiveAddBusinessMinutes, naiveIsStaffed } from '../server/src/domain/sla/__tests__/naive-clock.js';
import { format, printTable } from './table.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const calendar: BusinessCalendar = {
  ...DEFAULT_SERVICE_CALENDAR,
  closures: [
    ['2026-08-14T08:00:00+02:00', '2026-08-14T18:00:00+02:00'], // bridge day before 15 August
    ['2026-12-24T12:00:00+01:00', '2026-12-24T17:00:00+01:00'], // Christmas Eve afternoon
    ['2027-05-07T08:00:00+02:00', '2027-05-07T18:00:00+02:00'], // bridge day after Ascension
    ['2027-12-24T12:00:00+01:00', '2027-12-24T17:00:00+01:00'],
  ],
};

const TARGETS = [
  { label: '8 hours (480 min)', minutes: 480 },
  { label: '5 days (2100 min)', minutes: 5 * 7 * 60 },
  { label: '30 days (12600 min)', minutes: 30 * 7 * 60 },
];

const ENGINE_BUDGET_MS = 1_500;
const ORACLE_BUDGET_MS = 2_500;

/** Reproducible pseudo-random starts (mulberry32), whole minutes as the oracle needs. */
function randomStarts(count: number, seed: number): Date[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const from = Date.parse('2026-01-01T00:00:00+01:00');
  const minutes = (Date.parse('2028-01-01T00:00:00+01:00') - from) / MINUTE;
  return Array.from({ length: count }, () => new Date(from + Math.floor(next() * minutes) * MINUTE));
}

/** Calls `run` on successive starts until the time budget is spent; returns calls per second. */
function rate(
  starts: readonly Date[],
  budgetMs: number,
  run: (start: Date) => Date,
): { perSecond: number; calls: number } {
  let calls = 0;
  let sink = 0;
  const begin = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 64; i++) sink += run(starts[calls++ % starts.length]).getTime() & 1;
    elapsed = performance.now() - begin;
  }
  if (sink < 0) console.log(sink); // keeps the results observable
  return { perSecond: (calls / elapsed) * 1000, calls };
}

function main(): void {
  const starts = randomStarts(10_000, 20261125);

  // Warm both sides: the engine's per-day cache and the oracle's per-day boundaries (Intl lookups).
  for (const start of starts) addBusinessMinutes(calendar, start, 12600);
  for (let t = Date.parse('2025-12-20T12:00:00Z'); t < Date.parse('2028-04-01T00:00:00Z'); t += DAY) {
    naiveIsStaffed(calendar, new Date(t));
  }

  const rows: string[][] = [];
  for (const { label, minutes } of TARGETS) {
    // Every deadline the oracle computes is also checked against the engine.
    const oracle = rate(starts, ORACLE_BUDGET_MS, (start) => {
      const expected = naiveAddBusinessMinutes(calendar, start, minutes);
      if (addBusinessMinutes(calendar, start, minutes).getTime() !== expected.getTime()) {
        throw new Error(`engine and oracle disagree from ${start.toISOString()} + ${minutes} min`);
      }
      return expected;
    });
    // The check above costs the oracle one engine call per deadline: negligible next to stepping.
    const engine = rate(starts, ENGINE_BUDGET_MS, (start) => addBusinessMinutes(calendar, start, minutes));
    // A fresh calendar object per call defeats the per-calendar cache: the cost of a cold request.
    const cold = rate(starts, ENGINE_BUDGET_MS, (start) =>
      addBusinessMinutes({ ...calendar }, start, minutes),
    );
    rows.push([
      label,
      format(engine.perSecond),
      format(cold.perSecond),
      format(oracle.perSecond),
      `${format(engine.perSecond / oracle.perSecond)}×`,
      String(oracle.calls),
    ]);
  }

  console.log(
    `SLA deadlines — node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  printTable(
    ['target', 'engine/s (warm)', 'engine/s (cold calendar)', 'oracle/s', 'engine/oracle', 'oracle-checked'],
    rows,
  );
}

main();
