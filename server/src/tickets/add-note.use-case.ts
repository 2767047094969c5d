import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageView } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/domain-error';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { Message } from './message.entity';
import { loadMessage } from './ticket-queries';
import { Ticket } from './ticket.entity';
import { toMessageView } from './ticket-views';

/**
 * An internal note: a message between agents on the ticket. It never goes to the outbox (it is
 * `received`, not `queued`), and the SLA clocks ignore it (they count inbound and sent outbound only).
 */
@Injectable()
export class AddNoteUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
  ) {}

  async execute(
    user: AuthUser,
    ticketId: string,
    body: string,
    now: Date = new Date(),
  ): Promise<MessageView> {
    const ticket = await this.db.getRepository(Ticket).findOneBy({ id: ticketId });
    if (!ticket) throw notFound('Ticket');
    // A note belongs to the conversation: it takes its kind, but no platform, account or parent.
    const latest = await this.db.getRepository(Message).findOne({
      where: { ticketId },
      order: { sentAt: 'DESC', createdAt: 'DESC' },
      select: { id: true, kind: true },
    });
    const messageId = await this.db.transaction(async (manager) => {
      const inserted = await manager.insert(Message, {
        ticketId,
        channelAccountId: null,
        platformMessageId: null,
        platformParentId: null,
        direction: 'internal',
        kind: latest?.kind ?? 'comment',
        body,
        authorUserId: user.id,
        deliveryStatus: 'received',
        sentAt: now,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.audit.record(user.id, 'ticket.noted', 'ticket', ticketId, { messageId: id }, manager);
      return id;
    });
    const view = toMessageView((await loadMessage(this.db, messageId)) as Message);
    this.realtime.emitTicketEvent(ticket.serviceId, ticketId, 'message.created', view);
    return view;
  }
}
