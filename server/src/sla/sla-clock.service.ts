import { Injectable } from '@nestjs/common';
import type { SlaClockKind, TicketStatus } from '@guichet/shared';
import { In, type EntityManager } from 'typeorm';
import {
  businessMinutesBetween,
  deriveTicketClocks,
  type BusinessCalendar,
  type DerivedClock,
  type TicketTimeline,
} from '../domain/sla';
import { bulkInsert, type BulkColumn, type BulkRows } from '../database/bulk-insert';
import { cachedServices } from '../services/cached-services';
import { ConfigCache } from '../settings/config-cache';
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
  constructor(
    private readonly settings: SettingsService,
    private readonly config: ConfigCache,
  ) {}

  async recompute(manager: EntityManager, ticketId: string, now: Date = new Date()): Promise<void> {
    await this.recomputeMany(manager, [ticketId], now);
  }

  /**
   * The same for several tickets with a fixed number of statements, whatever their count (ingestion
   * recomputes a whole batch at once).
   */
  async recomputeMany(
    manager: EntityManager,
    ticketIds: string[],
    now: Date = new Date(),
    options: { locked?: boolean } = {},
  ): Promise<void> {
    const ids = [...new Set(ticketIds)].sort();
    if (ids.length === 0) return;
    // One recomputation of a ticket at a time: concurrent changes queue on the row locks (unless the
    // caller holds them already, or created the rows in this transaction).
    if (!options.locked) await lockTickets(manager, ids);
    const tickets = await manager
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.service', 'service')
      .where('t.id = ANY(:ids)', { ids })
      .getMany();
    if (tickets.length === 0) return;
    const { policies, warningRatio } = await this.rules(manager);
    const existing = await manager.getRepository(TicketSlaClock).findBy({ ticketId: In(ids) });
    const previousOf = groupBy(existing, (c) => c.ticketId);
    const timelines = await this.timelinesOf(manager, tickets);
    const clockRows: ClockRow[] = [];
    const summaries: TicketSlaSummary[] = [];
    for (const ticket of tickets) {
      const derived = deriveClocks(
        { ...ticket, calendar: ticket.service.calendar },
        timelines.get(ticket.id) as TicketTimeline,
        policies,
        warningRatio,
        now,
        previousOf.get(ticket.id) ?? [],
      );
      clockRows.push(...derived.clocks);
      summaries.push({ id: ticket.id, ...derived.summary });
    }
    await manager.query('DELETE FROM ticket_sla_clocks WHERE ticket_id = ANY($1::uuid[])', [ids]);
    await bulkInsert(manager, 'ticket_sla_clocks', CLOCK_COLUMNS, clockRows);
    await storeSummaries(manager, summaries);
  }

  /**
   * The clocks of tickets being opened, from what the caller knows of them: no history to read back,
   * the summary goes into the ticket's INSERT, and `rows` are the clocks to insert with the tickets.
   * Gives what `recomputeMany` would give right after (ingestion opens whole batches this way).
   */
  async planNew(manager: EntityManager, tickets: NewTicketFacts[], now: Date): Promise<NewTicketClocks> {
    const clockRows: ClockRow[] = [];
    const summaries = new Map<string, SlaSummaryColumns>();
    if (tickets.length > 0) {
      const { policies, warningRatio } = await this.rules(manager);
      const calendarOf = new Map<string, BusinessCalendar>(
        (await cachedServices(this.config, manager)).map((s) => [s.id, s.calendar]),
      );
      for (const ticket of tickets) {
        const calendar = calendarOf.get(ticket.serviceId);
        if (!calendar) throw new Error(`Service ${ticket.serviceId} not found`);
        const inbound = [...ticket.inbound].sort((a, b) => a.getTime() - b.getTime());
        // As timelinesOf reads it back: the clock starts when the citizen wrote.
        const first = inbound[0];
        const createdAt = first && first < ticket.createdAt ? first : ticket.createdAt;
        const derived = deriveClocks(
          { ...ticket, status: 'new', calendar },
          { createdAt, statuses: [{ status: 'new', at: ticket.createdAt }], inbound, replies: [] },
          policies,
          warningRatio,
          now,
          [],
        );
        clockRows.push(...derived.clocks);
        summaries.set(ticket.id, derived.summary);
      }
    }
    return {
      summaryOf: (id) => summaries.get(id) ?? { ...noSummary(), ...noFirstResponse() },
      rows: { table: 'ticket_sla_clocks', columns: CLOCK_COLUMNS, rows: clockRows },
    };
  }

  private rules(manager: EntityManager): Promise<{ policies: SlaPolicy[]; warningRatio: number }> {
    return this.config.get(manager, 'sla', async (m) => ({
      policies: await m.getRepository(SlaPolicy).find(),
      warningRatio: (await this.settings.slaSettings(m)).warningRatio,
    }));
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
    for (let i = 0; i < rows.length; i += 500) {
      await this.recomputeMany(
        manager,
        rows.slice(i, i + 500).map((r) => r.id),
        now,
      );
    }
    return rows.length;
  }

  private async timelinesOf(manager: EntityManager, tickets: Ticket[]): Promise<Map<string, TicketTimeline>> {
    const ids = tickets.map((t) => t.id);
    const statuses: Array<{ ticket_id: string; to_status: TicketStatus; at: Date }> = await manager.query(
      `SELECT ticket_id, to_status, at FROM ticket_status_changes
        WHERE ticket_id = ANY($1::uuid[]) ORDER BY at, id`,
      [ids],
    );
    const messages: Array<{ ticket_id: string; direction: 'inbound' | 'outbound'; sent_at: Date }> =
      await manager.query(
        `SELECT ticket_id, direction, sent_at FROM messages
          WHERE ticket_id = ANY($1::uuid[])
            AND (direction = 'inbound' OR (direction = 'outbound' AND delivery_status = 'sent'))
          ORDER BY sent_at`,
        [ids],
      );
    const messagesOf = groupBy(messages, (m) => m.ticket_id);
    const statusesOf = groupBy(statuses, (s) => s.ticket_id);
    const timelines = new Map<string, TicketTimeline>();
    for (const ticket of tickets) {
      const own = messagesOf.get(ticket.id) ?? [];
      const inbound = own.filter((m) => m.direction === 'inbound').map((m) => new Date(m.sent_at));
      // The clock starts when the citizen wrote, even if Guichet received it later (downtime, polling).
      const firstWritten = inbound[0];
      const createdAt = firstWritten && firstWritten < ticket.createdAt ? firstWritten : ticket.createdAt;
      const history = (statusesOf.get(ticket.id) ?? []).map((s) => ({
        status: s.to_status,
        at: new Date(s.at),
      }));
      if (history.length === 0) history.push({ status: ticket.status, at: createdAt });
      timelines.set(ticket.id, {
        createdAt,
        statuses: history,
        inbound,
        replies: own.filter((m) => m.direction === 'outbound').map((m) => new Date(m.sent_at)),
      });
    }
    return timelines;
  }
}

/** What the clocks of a ticket being opened depend on. */
export interface NewTicketFacts {
  id: string;
  serviceId: string;
  priority: Ticket['priority'];
  platform: Ticket['platform'];
  createdAt: Date;
  /** When the citizen wrote each of its first messages. */
  inbound: Date[];
}

/** The inbox summary columns of a ticket (tickets.sla_*, first_response_*). */
export type SlaSummaryColumns = Omit<TicketSlaSummary, 'id'>;

export interface NewTicketClocks {
  summaryOf(ticketId: string): SlaSummaryColumns;
  /** The clocks' rows, inserted with the tickets (bulkInsertTogether: they reference them). */
  rows: BulkRows<ClockRow>;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function noFirstResponse() {
  return {
    firstResponseDueAt: null,
    firstRespondedAt: null,
    firstResponseBusinessMinutes: null,
    firstResponseMinutes: null,
  };
}

/** One ticket's clocks (as rows) and inbox summary, from its timeline under the first matching policy. */
function deriveClocks(
  ticket: Pick<Ticket, 'id' | 'priority' | 'platform' | 'status'> & { calendar: BusinessCalendar },
  timeline: TicketTimeline,
  policies: SlaPolicy[],
  warningRatio: number,
  now: Date,
  previous: TicketSlaClock[],
): { clocks: ClockRow[]; summary: SlaSummaryColumns } {
  const policy = matchPolicy(policies, ticket);
  if (!policy) {
    // No target to hold, but response times are still measured for the dashboard.
    const firstReply = timeline.replies.find((r) => r >= timeline.createdAt) ?? null;
    return {
      clocks: [],
      summary: {
        ...noSummary(),
        firstResponseDueAt: null,
        firstRespondedAt: firstReply,
        firstResponseBusinessMinutes: firstReply
          ? businessMinutesBetween(ticket.calendar, timeline.createdAt, firstReply)
          : null,
        firstResponseMinutes: firstReply
          ? (firstReply.getTime() - timeline.createdAt.getTime()) / 60_000
          : null,
      },
    };
  }
  const clocks = deriveTicketClocks(sharedCalendar(ticket.calendar), timeline, policy, warningRatio, now);
  const first = clocks.find((c) => c.kind === 'first_response');
  return {
    clocks: clocks.map((c) =>
      toRow(
        ticket.id,
        c,
        now,
        previous.find((e) => e.kind === c.kind),
      ),
    ),
    summary: {
      ...summaryOf(clocks, ticket.status),
      firstResponseDueAt: first?.deadlineAt ?? null,
      firstRespondedAt: first?.achievedAt ?? null,
      firstResponseBusinessMinutes: first?.achievedBusinessMinutes ?? null,
      firstResponseMinutes: first?.achievedCalendarMinutes ?? null,
    },
  };
}

/**
 * Locks ticket rows, always in the same order so that two transactions cannot deadlock. NO KEY UPDATE,
 * as an UPDATE of the row would: writers of the ticket wait for each other, but rows that merely
 * reference it (a notification, an audit line) are inserted without waiting — the SLA alerts worker,
 * which holds clock rows while it inserts notifications, used to deadlock with a recompute here.
 */
export async function lockTickets(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query('SELECT 1 FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
    ids,
  ]);
}

type ClockRow = ReturnType<typeof toRow>;

const CLOCK_COLUMNS: Array<BulkColumn<ClockRow>> = [
  { name: 'ticket_id', type: 'uuid', value: (r) => r.ticketId },
  { name: 'kind', type: 'text', cast: 'sla_clock_kind', value: (r) => r.kind },
  { name: 'state', type: 'text', cast: 'sla_clock_state', value: (r) => r.state },
  { name: 'target_minutes', type: 'integer', value: (r) => r.targetMinutes },
  { name: 'started_at', type: 'timestamptz', value: (r) => r.startedAt },
  { name: 'deadline_at', type: 'timestamptz', value: (r) => r.deadlineAt },
  { name: 'warning_at', type: 'timestamptz', value: (r) => r.warningAt },
  { name: 'remaining_minutes', type: 'double precision', value: (r) => r.remainingMinutes },
  { name: 'computed_at', type: 'timestamptz', value: (r) => r.computedAt },
  { name: 'paused_since', type: 'timestamptz', value: (r) => r.pausedSince },
  { name: 'achieved_at', type: 'timestamptz', value: (r) => r.achievedAt },
  { name: 'achieved_business_minutes', type: 'double precision', value: (r) => r.achievedBusinessMinutes },
  { name: 'achieved_calendar_minutes', type: 'double precision', value: (r) => r.achievedCalendarMinutes },
  { name: 'warned_at', type: 'timestamptz', value: (r) => r.warnedAt },
  { name: 'breached_at', type: 'timestamptz', value: (r) => r.breachedAt },
];

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

/** Inbox order by deadline (tickets.sla_sort_key): running clocks by deadline, then paused ones, then none. */
export const SLA_SORT_PAUSED = 1e12;
export const SLA_SORT_NONE = 999_999_999_999_999;

function noSummary() {
  return {
    slaDueAt: null,
    slaKind: null,
    slaPaused: false,
    slaRemainingMinutes: null,
    slaSortKey: SLA_SORT_NONE,
    slaWarningAt: null,
  };
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
      slaSortKey: (running.deadlineAt as Date).getTime() / 1000,
      slaWarningAt: running.warningAt,
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
      slaSortKey: SLA_SORT_PAUSED + paused.remainingMinutes,
      slaWarningAt: null,
    };
  }
  return noSummary();
}

interface TicketSlaSummary {
  id: string;
  slaDueAt: Date | null;
  slaKind: SlaClockKind | null;
  slaPaused: boolean;
  slaRemainingMinutes: number | null;
  slaSortKey: number;
  slaWarningAt: Date | null;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  firstResponseBusinessMinutes: number | null;
  firstResponseMinutes: number | null;
}

/** One UPDATE for every ticket's inbox summary. */
async function storeSummaries(manager: EntityManager, rows: TicketSlaSummary[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof TicketSlaSummary>(key: K) => rows.map((r) => r[key]);
  await manager.query(
    `UPDATE tickets t
        SET sla_due_at = v.sla_due_at, sla_kind = v.sla_kind::ticket_sla_kind, sla_paused = v.sla_paused,
            sla_remaining_minutes = v.sla_remaining_minutes, first_response_due_at = v.first_response_due_at,
            first_responded_at = v.first_responded_at,
            first_response_business_minutes = v.first_response_business_minutes,
            first_response_minutes = v.first_response_minutes, sla_sort_key = v.sla_sort_key,
            sla_warning_at = v.sla_warning_at, updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::boolean[], $5::float8[],
                   $6::timestamptz[], $7::timestamptz[], $8::float8[], $9::float8[], $10::float8[],
                   $11::timestamptz[])
         AS v(id, sla_due_at, sla_kind, sla_paused, sla_remaining_minutes, first_response_due_at,
              first_responded_at, first_response_business_minutes, first_response_minutes, sla_sort_key,
              sla_warning_at)
      WHERE t.id = v.id`,
    [
      column('id'),
      column('slaDueAt'),
      column('slaKind'),
      column('slaPaused'),
      column('slaRemainingMinutes'),
      column('firstResponseDueAt'),
      column('firstRespondedAt'),
      column('firstResponseBusinessMinutes'),
      column('firstResponseMinutes'),
      column('slaSortKey'),
      column('slaWarningAt'),
    ],
  );
}
