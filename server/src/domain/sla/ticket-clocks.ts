import type { SlaClockKind, SlaClockState, TicketStatus } from '@guichet/shared';
import type { BusinessCalendar, Pause } from './calendar.js';
import { addBusinessMinutes, businessMinutesBetween } from './clock.js';

/**
 * A ticket's SLA clocks, derived from scratch from its history (pure: `now` is passed in).
 *
 * - first response: from creation to the first reply sent to the citizen;
 * - next response: from the first citizen message after a reply to the next reply (latest cycle);
 * - resolution: from creation to the moment the ticket is resolved or closed.
 * Every clock stops while the ticket waits on the citizen (`pending`) or is resolved/closed, and runs
 * again when the citizen writes or an agent reopens it: that time is the citizen's, not the service's.
 */
export interface TicketTimeline {
  createdAt: Date;
  /** Every status the ticket took, oldest first, the initial one at `createdAt` included. */
  statuses: ReadonlyArray<{ status: TicketStatus; at: Date }>;
  /** When the citizen's messages arrived. */
  inbound: ReadonlyArray<Date>;
  /** When replies reached the citizen (sent, not merely queued). */
  replies: ReadonlyArray<Date>;
}

export interface SlaTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
}

export interface DerivedClock {
  kind: SlaClockKind;
  state: SlaClockState;
  targetMinutes: number;
  startedAt: Date;
  deadlineAt: Date | null;
  warningAt: Date | null;
  remainingMinutes: number;
  pausedSince: Date | null;
  achievedAt: Date | null;
  achievedBusinessMinutes: number | null;
  achievedCalendarMinutes: number | null;
}

const STOPPED_STATUSES: ReadonlySet<TicketStatus> = new Set(['pending', 'resolved', 'closed']);
const DONE_STATUSES: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

/** Periods in which the clocks do not run, up to `now`; the last may be open (ends at `now`). */
export function stoppedPeriods(
  timeline: TicketTimeline,
  now: Date,
): { pauses: Pause[]; openSince: Date | null } {
  const pauses: Pause[] = [];
  let since: Date | null = null;
  for (const { status, at } of sortedStatuses(timeline)) {
    if (at > now) break;
    if (STOPPED_STATUSES.has(status)) {
      since ??= at;
    } else if (since) {
      if (at > since) pauses.push([since, at]);
      since = null;
    }
  }
  if (since && now > since) pauses.push([since, now]);
  return { pauses, openSince: since };
}

export function deriveTicketClocks(
  calendar: BusinessCalendar,
  timeline: TicketTimeline,
  targets: SlaTargets,
  warningRatio: number,
  now: Date,
): DerivedClock[] {
  const { pauses, openSince } = stoppedPeriods(timeline, now);
  const replies = [...timeline.replies].filter((r) => r <= now).sort(byTime);
  const inbound = [...timeline.inbound].filter((r) => r <= now).sort(byTime);
  const clock = (kind: SlaClockKind, start: Date, target: number, stop: Date | null) =>
    deriveClock(calendar, kind, start, target, stop, pauses, openSince, warningRatio, now);

  const clocks: DerivedClock[] = [];
  const firstReply = replies.find((r) => r >= timeline.createdAt) ?? null;
  clocks.push(clock('first_response', timeline.createdAt, targets.firstResponseMinutes, firstReply));

  const cycle = latestNextResponseCycle(inbound, replies, firstReply);
  if (cycle) clocks.push(clock('next_response', cycle.start, targets.nextResponseMinutes, cycle.stop));

  clocks.push(clock('resolution', timeline.createdAt, targets.resolutionMinutes, resolvedAt(timeline, now)));
  return clocks;
}

/** The latest "citizen wrote again after a reply" → "next reply" cycle, open or closed. */
function latestNextResponseCycle(
  inbound: Date[],
  replies: Date[],
  firstReply: Date | null,
): { start: Date; stop: Date | null } | null {
  if (!firstReply) return null;
  let current: { start: Date; stop: Date | null } | null = null;
  let open: Date | null = null;
  let r = 0;
  for (const message of inbound) {
    while (r < replies.length && replies[r] < message) {
      if (open) {
        current = { start: open, stop: replies[r] };
        open = null;
      }
      r++;
    }
    // Only a message after at least one reply opens a cycle; the first one belongs to first response.
    if (r > 0 && !open) open = message;
  }
  if (open) {
    const stop = replies.slice(r).find((x) => x >= open) ?? null;
    current = { start: open, stop };
  }
  return current;
}

function resolvedAt(timeline: TicketTimeline, now: Date): Date | null {
  const statuses = sortedStatuses(timeline).filter((s) => s.at <= now);
  const last = statuses[statuses.length - 1];
  if (!last || !DONE_STATUSES.has(last.status)) return null;
  // The moment it left the unresolved states, e.g. resolved then closed counts from "resolved".
  let at = last.at;
  for (
    let i = statuses.length - 1;
    i >= 0 && DONE_STATUSES.has((statuses[i] as { status: TicketStatus }).status);
    i--
  ) {
    at = (statuses[i] as { at: Date }).at;
  }
  return at;
}

function deriveClock(
  calendar: BusinessCalendar,
  kind: SlaClockKind,
  start: Date,
  targetMinutes: number,
  stop: Date | null,
  pauses: Pause[],
  openSince: Date | null,
  warningRatio: number,
  now: Date,
): DerivedClock {
  if (stop) {
    const before = clipPauses(pauses, stop);
    const business = businessMinutesBetween(calendar, start, stop, before);
    const deadline = addBusinessMinutes(calendar, start, targetMinutes, before);
    return {
      kind,
      state: stop <= deadline ? 'met' : 'missed',
      targetMinutes,
      startedAt: start,
      deadlineAt: deadline,
      warningAt: null,
      remainingMinutes: round(targetMinutes - business),
      pausedSince: null,
      achievedAt: stop,
      achievedBusinessMinutes: round(business),
      achievedCalendarMinutes: round(Math.max(0, stop.getTime() - start.getTime()) / 60_000),
    };
  }
  const elapsed = businessMinutesBetween(calendar, start, now, pauses);
  const remainingMinutes = round(targetMinutes - elapsed);
  if (openSince) {
    return {
      kind,
      state: 'paused',
      targetMinutes,
      startedAt: start,
      deadlineAt: null,
      warningAt: null,
      remainingMinutes,
      pausedSince: openSince > start ? openSince : start,
      achievedAt: null,
      achievedBusinessMinutes: null,
      achievedCalendarMinutes: null,
    };
  }
  const deadline = addBusinessMinutes(calendar, start, targetMinutes, pauses);
  return {
    kind,
    state: now >= deadline ? 'overdue' : 'running',
    targetMinutes,
    startedAt: start,
    deadlineAt: deadline,
    warningAt: addBusinessMinutes(calendar, start, targetMinutes * warningRatio, pauses),
    remainingMinutes,
    pausedSince: null,
    achievedAt: null,
    achievedBusinessMinutes: null,
    achievedCalendarMinutes: null,
  };
}

function clipPauses(pauses: Pause[], end: Date): Pause[] {
  return pauses.filter(([from]) => from < end).map(([from, to]) => [from, to < end ? to : end] as const);
}

function sortedStatuses(timeline: TicketTimeline): Array<{ status: TicketStatus; at: Date }> {
  return [...timeline.statuses].sort((a, b) => a.at.getTime() - b.at.getTime());
}

const byTime = (a: Date, b: Date) => a.getTime() - b.getTime();
const round = (n: number) => Math.round(n * 100) / 100;
