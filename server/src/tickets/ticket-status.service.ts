import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import { TicketStatusChange } from './ticket-status-change.entity';
import { Ticket } from './ticket.entity';

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
    await manager.insert(TicketStatusChange, { ticketId, fromStatus: from, toStatus: to, actorUserId, at });
  }

  /** Changes the status if it differs; returns whether it changed. */
  async change(
    manager: EntityManager,
    ticket: Pick<Ticket, 'id' | 'status'>,
    to: TicketStatus,
    actorUserId: string | null,
    at: Date,
  ): Promise<boolean> {
    if (ticket.status === to) return false;
    const resolvedAt = to === 'resolved' ? at : to === 'closed' ? undefined : null;
    await manager.update(
      Ticket,
      { id: ticket.id },
      { status: to, ...(resolvedAt !== undefined ? { resolvedAt } : {}) },
    );
    await this.record(manager, ticket.id, ticket.status, to, actorUserId, at);
    return true;
  }
}
