import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, TicketDetail, TicketRerouteView, TicketSummary } from '@guichet/shared';
import type { ListTicketsQuery, UpdateTicketDto } from '@guichet/shared/dto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { stoppedPeriods } from '../domain/sla';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { ClassifierService } from '../routing/classifier.service';
import { toRoutingView } from '../routing/routing-views';
import { AssignmentService } from '../services/assignment.service';
import { cachedServices } from '../services/cached-services';
import { Service } from '../services/service.entity';
import { ConfigCache } from '../settings/config-cache';
import { SlaClockService } from '../sla/sla-clock.service';
import { TicketSlaClock } from '../sla/ticket-sla-clock.entity';
import { listTickets, ticketsOfContact } from './ticket-list.query';
import { ticketHistory } from './ticket-history';
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
    private readonly assignment: AssignmentService,
    private readonly classifier: ClassifierService,
    private readonly notifications: NotificationsService,
    private readonly configuration: ConfigCache,
  ) {}

  private readonly logger = new Logger('TicketsService');

  /** An inbox page: see ticket-list.query.ts. */
  async list(user: AuthUser, query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    const page = await listTickets(this.db, user, query, {
      services: () => cachedServices(this.configuration, this.db.manager),
    });
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
    const detail = await this.load(id, user);
    await this.audit.record(user.id, 'ticket.viewed', 'ticket', id);
    return detail;
  }

  /**
   * Status, priority, service (re-routing, with a reason) and assignee changes, in one transaction;
   * each is audited and the SLA clocks are recomputed (a new service brings its calendar).
   */
  async update(
    user: AuthUser,
    id: string,
    dto: UpdateTicketDto,
    now: Date = new Date(),
  ): Promise<TicketDetail> {
    const before = await this.db.getRepository(Ticket).findOneBy({ id });
    if (!before) throw notFound('Ticket');
    const moving = dto.serviceId !== undefined && dto.serviceId !== before.serviceId;
    const serviceId = moving ? (dto.serviceId as string) : before.serviceId;
    const errors: string[] = [];
    if (dto.serviceId && !(await this.db.getRepository(Service).existsBy({ id: dto.serviceId }))) {
      errors.push('serviceId: unknown service');
    }
    if (moving && !dto.reason) errors.push('reason: say why the ticket moves to another service');
    // null unassigns; a person must be an active agent (or head) of the service the ticket ends in.
    if (dto.assigneeId && !(await this.isAgentOf(dto.assigneeId, serviceId))) {
      errors.push('assigneeId: not an active agent of the ticket’s service');
    }
    if (errors.length > 0) throw new DomainError('invalid', errors.join('; '), errors);

    const { learnt, notified } = await this.db.transaction(async (manager) => {
      let assigneeId = dto.assigneeId !== undefined ? dto.assigneeId : before.assigneeId;
      let mode: 'manual' | 'round_robin' = 'manual';
      if (moving && dto.assigneeId === undefined) {
        // The assignee follows only if they belong to the new service; else its round-robin (if any)
        // picks someone. Members are locked before the ticket, in the order ingestion takes them.
        const kept =
          before.assigneeId !== null && (await this.isAgentOf(before.assigneeId, serviceId, manager));
        if (!kept) {
          const picked = await this.assignment.assignMany(manager, [{ key: id, serviceId, at: now }]);
          assigneeId = picked.get(id) ?? null;
          mode = 'round_robin';
        }
      }
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
      if (dto.tags && !sameTags(dto.tags, ticket.tags)) {
        await manager.update(Ticket, { id }, { tags: dto.tags });
        await this.audit.record(
          user.id,
          'ticket.tags_changed',
          'ticket',
          id,
          { from: ticket.tags, to: dto.tags },
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
      if (moving) {
        await manager.update(Ticket, { id }, { serviceId, reroutedAt: now });
        await this.audit.record(
          user.id,
          'ticket.rerouted',
          'ticket',
          id,
          { from: ticket.serviceId, to: serviceId, reason: dto.reason },
          manager,
        );
      }
      let notified: string[] = [];
      if (assigneeId !== ticket.assigneeId) {
        await manager.update(Ticket, { id }, { assigneeId });
        await this.audit.record(
          user.id,
          assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
          'ticket',
          id,
          { from: ticket.assigneeId, to: assigneeId, mode },
          manager,
        );
        // Whoever takes a ticket themselves knows it (and so does the agent whose re-route dealt it to them).
        if (assigneeId && assigneeId !== user.id) {
          notified = await this.notifications.notifyAssigned(
            manager,
            [id],
            mode === 'manual' ? user.id : null,
          );
        }
      }
      // The clocks follow the new status, priority (policy) and service (calendar).
      await this.sla.recompute(manager, id, now);
      const text = moving ? await this.firstInboundText(manager, id) : null;
      return { learnt: text ? { text, serviceId } : null, notified };
    });
    if (learnt) await this.learn(learnt);
    const detail = await this.load(id, user);
    const summary: TicketSummary = detail;
    this.realtime.emitTicketEvent(detail.service.id, id, 'ticket.updated', summary);
    if (before.serviceId !== detail.service.id) {
      this.realtime.emitTicketEvent(before.serviceId, id, 'ticket.updated', summary);
    }
    await this.notifications.publishAssigned(notified);
    return detail;
  }

  /** An agent's re-route is a label for the classifier; the move stands even if the model cannot learn now. */
  private async learn(example: { text: string; serviceId: string }): Promise<void> {
    try {
      await this.db.transaction((manager) => this.classifier.learn(manager, example));
    } catch (err) {
      // The next full training reads the re-routed ticket anyway.
      this.logger.error(`Classifier could not learn a re-route: ${(err as Error).message}`);
    }
  }

  private async isAgentOf(
    userId: string,
    serviceId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM user_services m JOIN users u ON u.id = m.user_id
        WHERE m.user_id = $1 AND m.service_id = $2 AND u.active AND u.role IN ('agent', 'service_head')`,
      [userId, serviceId],
    );
    return rows.length > 0;
  }

  private async firstInboundText(manager: EntityManager, ticketId: string): Promise<string | null> {
    const rows: Array<{ body: string }> = await manager.query(
      `SELECT body FROM messages WHERE ticket_id = $1 AND direction = 'inbound'
        ORDER BY sent_at, created_at LIMIT 1`,
      [ticketId],
    );
    return rows[0]?.body ?? null;
  }

  /** Agents' moves of the ticket, from the audit log, with the names of the services as they are now. */
  private async reroutes(ticketId: string): Promise<TicketRerouteView[]> {
    const rows: Array<{
      created_at: Date;
      details: { from?: string; to?: string; reason?: string };
      user_id: string | null;
      display_name: string | null;
    }> = await this.db.query(
      `SELECT a.created_at, a.details, u.id AS user_id, u.display_name
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
        WHERE a.target_type = 'ticket' AND a.target_id = $1 AND a.action = 'ticket.rerouted'
        ORDER BY a.created_at, a.id`,
      [ticketId],
    );
    if (rows.length === 0) return [];
    const names = await this.serviceNames();
    return rows.map((r) => ({
      at: r.created_at.toISOString(),
      by: r.user_id ? { id: r.user_id, displayName: r.display_name ?? '' } : null,
      fromServiceName: (r.details.from && names.get(r.details.from)) ?? null,
      toServiceName: (r.details.to && names.get(r.details.to)) ?? null,
      reason: r.details.reason ?? '',
    }));
  }

  private async serviceNames(): Promise<Map<string, string>> {
    const services = await this.db.getRepository(Service).find({ select: { id: true, name: true } });
    return new Map(services.map((s) => [s.id, s.name]));
  }

  private async load(id: string, user: AuthUser): Promise<TicketDetail> {
    const ticket = await loadTicket(this.db, id);
    if (!ticket) throw notFound('Ticket');
    const [messages, clocks, statuses, previous, reroutes, names, contactTickets, history] =
      await Promise.all([
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
        this.reroutes(id),
        ticket.routing ? this.serviceNames() : new Map<string, string>(),
        ticket.contactId ? ticketsOfContact(this.db, user, ticket.contactId, { except: id, limit: 10 }) : [],
        ticketHistory(this.db, id),
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
      routing: ticket.routing ? toRoutingView(ticket.routing, (serviceId) => names.get(serviceId)) : null,
      reroutes,
      contactTickets: contactTickets.map((x) => toTicketSummary(x, now)),
      history,
    };
  }
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
