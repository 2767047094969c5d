import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import {
  businessMinutesBetween,
  deriveTicketClocks,
  type DerivedClock,
  type TicketTimeline,
} from '../domain/sla';
import { SettingsService } from '../settings/settings.service';
import { sharedCalendar } from './shared-calendar';
import { Ticket } from '../tickets/ticket.entity';
import { SlaPolicy } from './sla-policy.entity';
import { TicketSlaClock } from './ticket-sla-clock.entity';

const DONE: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

/** The first policy, by position, whose priority and channel match (null fields match anything). */
export function matchPolicy(
  policies: SlaPolicy[],
  ticket: Pick<Ticket, 'priority' | 'platform'>,
): SlaPolicy | null {
  return (
    [...policies]
      .sort((a, b) => a.position - b.position)
      .find(
        (p) =>
          (p.priority === null || p.priority === ticket.priority) &&
          (p.platform === null || p.platform === ticket.platform),
      ) ?? null
  );
}

/**
 * Recomputes a ticket's SLA clocks from its history, on its service's calendar, and stores them with
 * the inbox summary. Called in the transaction of every change that can move a clock.
 */
@Injectable()
export class SlaClockService {
  constructor(private readonly settings: SettingsService) {}

  async recompute(manager: EntityManager, ticketId: string, now: Date = new Date()): Promise<void> {
    // One recomputation of a ticket at a time: concurrent changes queue on the row lock.
    await manager.query('SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE', [ticketId]);
    const ticket = await manager
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.service', 'service')
      .where('t.id = :ticketId', { ticketId })
      .getOne();
    if (!ticket) return;
    const policy = matchPolicy(await manager.getRepository(SlaPolicy).find(), ticket);
    const existing = await manager.getRepository(TicketSlaClock).findBy({ ticketId });
    const timeline = await this.timelineOf(manager, ticket);
    if (!policy) {
      // No target to hold, but response times are still measured for the dashboard.
      const firstReply = timeline.replies.find((r) => r >= timeline.createdAt) ?? null;
      await manager.delete(TicketSlaClock, { ticketId });
      await manager.update(
        Ticket,
        { id: ticketId },
        {
          ...noSummary(),
          firstResponseDueAt: null,
          firstRespondedAt: firstReply,
          firstResponseBusinessMinutes: firstReply
            ? businessMinutesBetween(ticket.service.calendar, timeline.createdAt, firstReply)
            : null,
          firstResponseMinutes: firstReply
            ? (firstReply.getTime() - timeline.createdAt.getTime()) / 60_000
            : null,
        },
      );
      return;
    }
    const { warningRatio } = await this.settings.slaSettings(manager);
    const clocks = deriveTicketClocks(
      sharedCalendar(ticket.service.calendar),
      timeline,
      policy,
      warningRatio,
      now,
    );
    const rows = clocks.map((c) =>
      toRow(
        ticketId,
        c,
        now,
        existing.find((e) => e.kind === c.kind),
      ),
    );
    await manager.delete(TicketSlaClock, { ticketId });
    await manager.insert(TicketSlaClock, rows);
    const first = clocks.find((c) => c.kind === 'first_response');
    await manager.update(
      Ticket,
      { id: ticketId },
      {
        ...summaryOf(clocks, ticket.status),
        firstResponseDueAt: first?.deadlineAt ?? null,
        firstRespondedAt: first?.achievedAt ?? null,
        firstResponseBusinessMinutes: first?.achievedBusinessMinutes ?? null,
        firstResponseMinutes: first?.achievedCalendarMinutes ?? null,
      },
    );
  }

  /** Recomputes every ticket not yet resolved, e.g. after a calendar or a policy changed. */
  async recomputeOpen(
    manager: EntityManager,
    serviceId: string | null,
    now: Date = new Date(),
  ): Promise<number> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed') AND ($1::uuid IS NULL OR service_id = $1)`,
      [serviceId],
    );
    for (const { id } of rows) await this.recompute(manager, id, now);
    return rows.length;
  }

  private async timelineOf(manager: EntityManager, ticket: Ticket): Promise<TicketTimeline> {
    const statuses: Array<{ to_status: TicketStatus; at: Date }> = await manager.query(
      'SELECT to_status, at FROM ticket_status_changes WHERE ticket_id = $1 ORDER BY at, id',
      [ticket.id],
    );
    const messages: Array<{ direction: 'inbound' | 'outbound'; sent_at: Date }> = await manager.query(
      `SELECT direction, sent_at FROM messages
        WHERE ticket_id = $1 AND (direction = 'inbound' OR (direction = 'outbound' AND delivery_status = 'sent'))
        ORDER BY sent_at`,
      [ticket.id],
    );
    const inbound = messages.filter((m) => m.direction === 'inbound').map((m) => new Date(m.sent_at));
    // The clock starts when the citizen wrote, even if Guichet received it later (downtime, polling).
    const firstWritten = inbound[0];
    const createdAt = firstWritten && firstWritten < ticket.createdAt ? firstWritten : ticket.createdAt;
    const history = statuses.map((s) => ({ status: s.to_status, at: new Date(s.at) }));
    if (history.length === 0) history.push({ status: ticket.status, at: createdAt });
    return {
      createdAt,
      statuses: history,
      inbound,
      replies: messages.filter((m) => m.direction === 'outbound').map((m) => new Date(m.sent_at)),
    };
  }
}

function toRow(ticketId: string, c: DerivedClock, now: Date, previous: TicketSlaClock | undefined) {
  // A warning or breach already pushed stays pushed, unless its instant moved back into the future.
  const keep = (sentAt: Date | null | undefined, instant: Date | null) =>
    sentAt && instant && instant <= now ? sentAt : null;
  return {
    ticketId,
    kind: c.kind,
    state: c.state,
    targetMinutes: c.targetMinutes,
    startedAt: c.startedAt,
    deadlineAt: c.deadlineAt,
    warningAt: c.warningAt,
    remainingMinutes: c.remainingMinutes,
    computedAt: now,
    pausedSince: c.pausedSince,
    achievedAt: c.achievedAt,
    achievedBusinessMinutes: c.achievedBusinessMinutes,
    achievedCalendarMinutes: c.achievedCalendarMinutes,
    warnedAt: keep(previous?.warnedAt, c.warningAt),
    breachedAt: keep(previous?.breachedAt, c.deadlineAt),
  };
}

function noSummary() {
  return { slaDueAt: null, slaKind: null, slaPaused: false, slaRemainingMinutes: null };
}

/** The clock the inbox shows: the running one due first, else the paused one with least time left. */
function summaryOf(clocks: DerivedClock[], status: TicketStatus) {
  if (DONE.has(status)) return noSummary();
  const running = clocks
    .filter((c) => c.state === 'running' || c.state === 'overdue')
    .sort((a, b) => (a.deadlineAt as Date).getTime() - (b.deadlineAt as Date).getTime())[0];
  if (running) {
    return {
      slaDueAt: running.deadlineAt,
      slaKind: running.kind,
      slaPaused: false,
      slaRemainingMinutes: null,
    };
  }
  const paused = clocks
    .filter((c) => c.state === 'paused')
    .sort((a, b) => a.remainingMinutes - b.remainingMinutes)[0];
  if (paused) {
    return {
      slaDueAt: null,
      slaKind: paused.kind,
      slaPaused: true,
      slaRemainingMinutes: paused.remainingMinutes,
    };
  }
  return noSummary();
}
