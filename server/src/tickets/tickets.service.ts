import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, TicketDetail, TicketSummary } from '@guichet/shared';
import type { ListTicketsQuery, UpdateTicketDto } from '@guichet/shared/dto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { stoppedPeriods } from '../domain/sla';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { Service } from '../services/service.entity';
import { SlaClockService } from '../sla/sla-clock.service';
import { TicketSlaClock } from '../sla/ticket-sla-clock.entity';
import { listTickets } from './ticket-list.query';
import { loadThread, loadTicket } from './ticket-queries';
import { TicketStatusChange } from './ticket-status-change.entity';
import { TicketStatusService } from './ticket-status.service';
import { Ticket } from './ticket.entity';
import { toTicketDetail, toTicketSummary } from './ticket-views';

@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
    private readonly realtime: RealtimeGateway,
  ) {}

  /** An inbox page: see ticket-list.query.ts. */
  async list(user: AuthUser, query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    const page = await listTickets(this.db, user, query);
    const now = new Date();
    return {
      items: page.tickets.map((t) => toTicketSummary(t, now)),
      total: page.total,
      totalIsCapped: page.totalIsCapped,
      nextCursor: page.nextCursor,
    };
  }

  /** Scope is checked by the ServiceScopeGuard before this runs. */
  async detail(user: AuthUser, id: string): Promise<TicketDetail> {
    const detail = await this.load(id);
    await this.audit.record(user.id, 'ticket.viewed', 'ticket', id);
    return detail;
  }

  /** Status, priority and service changes; each is audited and the SLA clocks are recomputed. */
  async update(
    user: AuthUser,
    id: string,
    dto: UpdateTicketDto,
    now: Date = new Date(),
  ): Promise<TicketDetail> {
    const before = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!before) throw notFound('Ticket');
    if (dto.serviceId && !(await this.db.getRepository(Service).existsBy({ id: dto.serviceId }))) {
      throw new DomainError('invalid', 'serviceId: unknown service', ['serviceId: unknown service']);
    }
    await this.db.transaction(async (manager) => {
      const ticket = await manager.findOneByOrFail(Ticket, { id });
      if (dto.status && (await this.statuses.change(manager, ticket, dto.status, user.id, now))) {
        await this.audit.record(
          user.id,
          'ticket.status_changed',
          'ticket',
          id,
          { from: ticket.status, to: dto.status },
          manager,
        );
      }
      if (dto.priority && dto.priority !== ticket.priority) {
        await manager.update(Ticket, { id }, { priority: dto.priority });
        await this.audit.record(
          user.id,
          'ticket.priority_changed',
          'ticket',
          id,
          { from: ticket.priority, to: dto.priority },
          manager,
        );
      }
      if (dto.serviceId && dto.serviceId !== ticket.serviceId) {
        await manager.update(Ticket, { id }, { serviceId: dto.serviceId });
        await this.audit.record(
          user.id,
          'ticket.rerouted',
          'ticket',
          id,
          { from: ticket.serviceId, to: dto.serviceId },
          manager,
        );
      }
      // The clocks follow the new status, priority (policy) and service (calendar).
      await this.sla.recompute(manager, id, now);
    });
    const detail = await this.load(id);
    const summary: TicketSummary = detail;
    this.realtime.emitTicketEvent(detail.service.id, id, 'ticket.updated', summary);
    if (before.serviceId !== detail.service.id) {
      this.realtime.emitTicketEvent(before.serviceId, id, 'ticket.updated', summary);
    }
    return detail;
  }

  private async load(id: string): Promise<TicketDetail> {
    const ticket = await loadTicket(this.db, id);
    if (!ticket) throw notFound('Ticket');
    const [messages, clocks, statuses, previous] = await Promise.all([
      loadThread(this.db, id),
      this.db.getRepository(TicketSlaClock).findBy({ ticketId: id }),
      this.db
        .getRepository(TicketStatusChange)
        .find({ where: { ticketId: id }, order: { at: 'ASC', id: 'ASC' } }),
      ticket.previousTicketId
        ? this.db
            .getRepository(Ticket)
            .findOne({ where: { id: ticket.previousTicketId }, select: { id: true, reference: true } })
        : null,
    ]);
    const now = new Date();
    const { pauses, openSince } = stoppedPeriods(
      {
        createdAt: ticket.createdAt,
        statuses: statuses.map((s) => ({ status: s.toStatus, at: s.at })),
        inbound: [],
        replies: [],
      },
      now,
    );
    return {
      ...toTicketDetail(ticket, messages, clocks, now),
      slaPauses: pauses.map(([from, to]) => ({
        from: from.toISOString(),
        to: openSince && from.getTime() === openSince.getTime() ? null : to.toISOString(),
      })),
      previousTicket: previous ? { id: previous.id, reference: previous.reference } : null,
    };
  }
}
