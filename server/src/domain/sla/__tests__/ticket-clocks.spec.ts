import type { TicketStatus } from '@guichet/shared';
import { DEFAULT_SERVICE_CALENDAR, type BusinessCalendar } from '../calendar';
import { deriveTicketClocks, stoppedPeriods, type TicketTimeline } from '../ticket-clocks';

const allDay: Array<[string, string]> = [['00:00', '24:00']];
const always: BusinessCalendar = {
  timeZone: 'UTC',
  hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};
const targets = { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 240 };
const t0 = new Date('2026-11-24T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function timeline(
  statuses: Array<[TicketStatus, number]>,
  inbound: number[] = [0],
  replies: number[] = [],
): TicketTimeline {
  return {
    createdAt: t0,
    statuses: [{ status: 'new', at: t0 }, ...statuses.map(([status, m]) => ({ status, at: at(m) }))],
    inbound: inbound.map(at),
    replies: replies.map(at),
  };
}

const byKind = (clocks: ReturnType<typeof deriveTicketClocks>) =>
  Object.fromEntries(clocks.map((c) => [c.kind, c]));

describe('deriveTicketClocks', () => {
  it('runs first response and resolution from creation, with a warning at the given share', () => {
    const clocks = byKind(deriveTicketClocks(always, timeline([]), targets, 0.8, at(10)));
    expect(clocks.first_response).toMatchObject({
      state: 'running',
      deadlineAt: at(60),
      warningAt: at(48),
      remainingMinutes: 50,
    });
    expect(clocks.resolution).toMatchObject({ state: 'running', deadlineAt: at(240) });
    expect(clocks.next_response).toBeUndefined();
  });

  it('is overdue past the deadline', () => {
    const clocks = byKind(deriveTicketClocks(always, timeline([]), targets, 0.8, at(75)));
    expect(clocks.first_response).toMatchObject({ state: 'overdue', remainingMinutes: -15 });
  });

  it('stops the first-response clock at the first reply, within or after the target', () => {
    const met = byKind(
      deriveTicketClocks(always, timeline([['open', 20]], [0], [20]), targets, 0.8, at(100)),
    );
    expect(met.first_response).toMatchObject({
      state: 'met',
      achievedAt: at(20),
      achievedBusinessMinutes: 20,
      achievedCalendarMinutes: 20,
    });
    const missed = byKind(
      deriveTicketClocks(always, timeline([['open', 90]], [0], [90]), targets, 0.8, at(100)),
    );
    expect(missed.first_response).toMatchObject({ state: 'missed', achievedBusinessMinutes: 90 });
  });

  it('pauses every clock while waiting on the citizen and pushes the deadline by the pause', () => {
    // Replied at 20, waiting on the citizen from 20 to 80, citizen wrote at 80.
    const history = timeline(
      [
        ['pending', 20],
        ['open', 80],
      ],
      [0, 80],
      [20],
    );
    const paused = byKind(deriveTicketClocks(always, history, targets, 0.8, at(50)));
    expect(paused.resolution).toMatchObject({
      state: 'paused',
      pausedSince: at(20),
      deadlineAt: null,
      remainingMinutes: 220,
    });
    const resumed = byKind(deriveTicketClocks(always, history, targets, 0.8, at(100)));
    expect(resumed.resolution).toMatchObject({
      state: 'running',
      deadlineAt: at(300),
      remainingMinutes: 200,
    });
    expect(resumed.next_response).toMatchObject({ state: 'running', startedAt: at(80), deadlineAt: at(110) });
  });

  it('tracks the latest next-response cycle', () => {
    const history = timeline([['open', 5]], [0, 30, 35, 100], [5, 50, 120]);
    const clocks = byKind(deriveTicketClocks(always, history, targets, 0.8, at(130)));
    expect(clocks.next_response).toMatchObject({ startedAt: at(100), achievedAt: at(120), state: 'met' });
    const midCycle = byKind(deriveTicketClocks(always, history, targets, 0.8, at(110)));
    expect(midCycle.next_response).toMatchObject({
      startedAt: at(100),
      state: 'running',
      deadlineAt: at(130),
    });
  });

  it('stops the resolution clock when resolved, and resumes it (minus the resolved time) when reopened', () => {
    const resolved = byKind(
      deriveTicketClocks(always, timeline([['resolved', 100]], [0], [30]), targets, 0.8, at(150)),
    );
    expect(resolved.resolution).toMatchObject({
      state: 'met',
      achievedAt: at(100),
      achievedBusinessMinutes: 100,
    });
    const reopened = timeline(
      [
        ['resolved', 100],
        ['open', 400],
      ],
      [0, 400],
      [30],
    );
    const clocks = byKind(deriveTicketClocks(always, reopened, targets, 0.8, at(410)));
    expect(clocks.resolution).toMatchObject({ state: 'running', remainingMinutes: 130, deadlineAt: at(540) });
  });

  it('counts only staffed hours: a Friday-evening message is due Monday morning', () => {
    // Friday 27 November 2026, 16:30 Paris time (15:30 UTC): 30 minutes left on Friday.
    const friday = new Date('2026-11-27T15:30:00Z');
    const history: TicketTimeline = {
      createdAt: friday,
      statuses: [{ status: 'new', at: friday }],
      inbound: [friday],
      replies: [],
    };
    const [first] = deriveTicketClocks(DEFAULT_SERVICE_CALENDAR, history, targets, 0.8, friday);
    // 30 min Friday + 30 min Monday from 08:30 Paris (07:30 UTC).
    expect(first?.deadlineAt?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });
});

describe('stoppedPeriods', () => {
  it('merges consecutive stopped statuses and leaves the current one open', () => {
    const { pauses, openSince } = stoppedPeriods(
      timeline([
        ['pending', 10],
        ['resolved', 20],
        ['open', 30],
        ['pending', 50],
      ]),
      at(60),
    );
    expect(pauses).toEqual([
      [at(10), at(30)],
      [at(50), at(60)],
    ]);
    expect(openSince).toEqual(at(50));
  });
});
