import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import { bulkInsert, type BulkColumn, type BulkRows } from '../database/bulk-insert';

export interface StatusChange {
  ticketId: string;
  from: TicketStatus | null;
  to: TicketStatus;
  at: Date;
}

/** The one way a ticket's status changes: the history it writes is what the SLA pauses come from. */
@Injectable()
export class TicketStatusService {
  async record(
    manager: EntityManager,
    ticketId: string,
    from: TicketStatus | null,
    to: TicketStatus,
    actorUserId: string | null,
    at: Date,
  ): Promise<void> {
    await this.recordMany(manager, [{ ticketId, from, to, at }], actorUserId);
  }

  async recordMany(
    manager: EntityManager,
    changes: StatusChange[],
    actorUserId: string | null,
  ): Promise<void> {
    await bulkInsert(manager, 'ticket_status_changes', statusColumns(actorUserId), changes);
  }

  /** The rows `recordMany` inserts, for a caller that inserts them with others (bulkInsertTogether). */
  rowsOf(changes: StatusChange[], actorUserId: string | null): BulkRows<StatusChange> {
    return { table: 'ticket_status_changes', columns: statusColumns(actorUserId), rows: changes };
  }

  /** Changes the status if it differs; returns whether it changed. */
  async change(
    manager: EntityManager,
    ticket: { id: string; status: TicketStatus },
    to: TicketStatus,
    actorUserId: string | null,
    at: Date,
  ): Promise<boolean> {
    const changed = ticket.status !== to;
    if (changed)
      await this.changeMany(manager, [{ ticketId: ticket.id, from: ticket.status, to, at }], actorUserId);
    return changed;
  }

  /** Applies changes whose `from` differs from `to` (the others are skipped), with one statement per target status. */
  async changeMany(
    manager: EntityManager,
    changes: StatusChange[],
    actorUserId: string | null,
  ): Promise<void> {
    const real = changes.filter((c) => c.from !== c.to);
    for (const to of new Set(real.map((c) => c.to))) {
      const group = real.filter((c) => c.to === to);
      // Resolving stamps the time; reopening clears it; closing keeps when it was resolved.
      await manager.query(
        `UPDATE tickets t SET status = $1::ticket_status, updated_at = now(),
                resolved_at = CASE WHEN $1 = 'resolved' THEN v.at WHEN $1 = 'closed' THEN t.resolved_at ELSE NULL END
           FROM unnest($2::uuid[], $3::timestamptz[]) AS v(id, at)
          WHERE t.id = v.id`,
        [to, group.map((c) => c.ticketId), group.map((c) => c.at)],
      );
    }
    await this.recordMany(manager, real, actorUserId);
  }
}

function statusColumns(actorUserId: string | null): Array<BulkColumn<StatusChange>> {
  return [
    { name: 'ticket_id', type: 'uuid', value: (c) => c.ticketId },
    { name: 'from_status', type: 'text', cast: 'ticket_status_change_from', value: (c) => c.from },
    { name: 'to_status', type: 'text', cast: 'ticket_status_change_to', value: (c) => c.to },
    { name: 'actor_user_id', type: 'uuid', value: () => actorUserId },
    { name: 'at', type: 'timestamptz', value: (c) => c.at },
  ];
}
