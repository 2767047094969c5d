import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, TicketDetail, TicketSummary } from '@guichet/shared';
import type { ListTicketsQuery } from '@guichet/shared/dto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/domain-error';
import { loadThread, loadTicket, ticketWithRelations } from './ticket-queries';
import { toTicketDetail, toTicketSummary } from './ticket-views';

@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The caller's tickets (their services; every service for an admin), latest activity first. */
  async list(user: AuthUser, query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    const qb = ticketWithRelations(this.db);
    if (user.role !== 'admin') {
      if (user.serviceIds.length === 0) return { items: [], total: 0 };
      qb.andWhere('t.serviceId IN (:...services)', { services: user.serviceIds });
    }
    if (query.serviceId) qb.andWhere('t.serviceId = :serviceId', { serviceId: query.serviceId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('t.lastMessageAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { items: rows.map(toTicketSummary), total };
  }

  /** Scope is checked by the ServiceScopeGuard before this runs. */
  async detail(user: AuthUser, id: string): Promise<TicketDetail> {
    const ticket = await loadTicket(this.db, id);
    if (!ticket) throw notFound('Ticket');
    const messages = await loadThread(this.db, id);
    await this.audit.record(user.id, 'ticket.viewed', 'ticket', id);
    return toTicketDetail(ticket, messages);
  }
}
