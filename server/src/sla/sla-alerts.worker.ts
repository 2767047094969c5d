import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SlaClockKind, SlaEvent } from '@guichet/shared';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NotificationsService, toNotificationView } from '../notifications/notifications.service';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { loadTicket } from '../tickets/ticket-queries';
import { toTicketSummary } from '../tickets/ticket-views';

interface DueRow {
  ticket_id: string;
  kind: SlaClockKind;
  deadline_at: Date;
  reference: number;
  subject: string;
  service_id: string;
  service_name: string;
}

const KIND_LABEL: Record<SlaClockKind, string> = {
  first_response: 'première réponse',
  next_response: 'réponse suivante',
  resolution: 'résolution',
};

/**
 * Pushes SLA warnings and breaches when their instant comes. The clock rows are the durable schedule:
 * each sweep claims the due ones with one UPDATE … FOR UPDATE SKIP LOCKED, so a warning fires once even
 * with several app instances, and what came due while every instance was down fires at the next start.
 */
@Injectable()
export class SlaAlertsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly realtime: RealtimeGateway,
    private readonly notifications: NotificationsService,
  ) {
    this.periodic = new PeriodicTask('SlaAlertsWorker', config.slaSweepMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass: claims and pushes what is due now. Returns how many warnings and breaches fired. */
  async sweep(): Promise<{ warnings: number; breaches: number }> {
    const breaches = await this.fireBreaches();
    const warnings = await this.fireWarnings();
    return { warnings, breaches };
  }

  private async fireWarnings(): Promise<number> {
    const rows = await this.claim(`
      UPDATE ticket_sla_clocks c SET warned_at = now()
        FROM tickets t JOIN services s ON s.id = t.service_id
       WHERE t.id = c.ticket_id
         AND (c.ticket_id, c.kind) IN (
           SELECT ticket_id, kind FROM ticket_sla_clocks
            WHERE warned_at IS NULL AND achieved_at IS NULL AND paused_since IS NULL
              AND warning_at <= now() AND deadline_at > now()
            ORDER BY warning_at LIMIT 200 FOR UPDATE SKIP LOCKED)
      RETURNING c.ticket_id, c.kind, c.deadline_at, t.reference, t.subject, t.service_id, s.name AS service_name`);
    for (const row of rows) this.emit('sla.warning', row);
    return rows.length;
  }

  private async fireBreaches(): Promise<number> {
    return this.db
      .transaction(async (manager) => {
        const rows = await this.claim(
          `
        UPDATE ticket_sla_clocks c SET breached_at = now(), warned_at = COALESCE(c.warned_at, now())
          FROM tickets t JOIN services s ON s.id = t.service_id
         WHERE t.id = c.ticket_id
           AND (c.ticket_id, c.kind) IN (
             SELECT ticket_id, kind FROM ticket_sla_clocks
              WHERE breached_at IS NULL AND achieved_at IS NULL AND paused_since IS NULL AND deadline_at <= now()
              ORDER BY deadline_at LIMIT 200 FOR UPDATE SKIP LOCKED)
        RETURNING c.ticket_id, c.kind, c.deadline_at, t.reference, t.subject, t.service_id, s.name AS service_name`,
          manager,
        );
        const notified: Array<{ userId: string; view: ReturnType<typeof toNotificationView> }> = [];
        for (const row of rows) {
          const heads: Array<{ id: string }> = await manager.query(
            `SELECT u.id FROM users u JOIN user_services us ON us.user_id = u.id
            WHERE us.service_id = $1 AND us.role = 'service_head' AND u.active`,
            [row.service_id],
          );
          // The notification commits with the claim: a breach is never claimed without its escalation.
          const created = await this.notifications.create(
            manager,
            heads.map((h) => h.id),
            {
              kind: 'sla.breached',
              ticketId: row.ticket_id,
              details: { slaKind: row.kind },
              title: `Échéance dépassée : ticket n° ${row.reference}`,
              body: `Délai de ${KIND_LABEL[row.kind]} dépassé (${row.service_name}) : ${row.subject}`,
            },
          );
          const ticket = {
            reference: row.reference,
            subject: row.subject,
            serviceId: row.service_id,
            serviceName: row.service_name,
          };
          notified.push(...created.map((n) => ({ userId: n.userId, view: toNotificationView(n, ticket) })));
        }
        return { rows, notified };
      })
      .then(async ({ rows, notified }) => {
        for (const row of rows) {
          this.emit('sla.breached', row);
          // The inbox row turns overdue now, without waiting for the next change.
          const ticket = await loadTicket(this.db, row.ticket_id);
          if (ticket) {
            this.realtime.emitTicketEvent(
              ticket.serviceId,
              ticket.id,
              'ticket.updated',
              toTicketSummary(ticket),
            );
          }
        }
        for (const n of notified) this.realtime.emitToUser(n.userId, 'notification.created', n.view);
        return rows.length;
      });
  }

  private async claim(sql: string, manager = this.db.manager): Promise<DueRow[]> {
    const result: unknown = await manager.query(sql);
    // node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const rows =
      Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as DueRow[]) : (result as DueRow[]);
    return rows;
  }

  private emit(event: 'sla.warning' | 'sla.breached', row: DueRow): void {
    const payload: SlaEvent = {
      ticketId: row.ticket_id,
      reference: row.reference,
      subject: row.subject,
      serviceId: row.service_id,
      kind: row.kind,
      deadlineAt: new Date(row.deadline_at).toISOString(),
      at: new Date().toISOString(),
    };
    this.realtime.emitTicketEvent(row.service_id, row.ticket_id, event, payload);
  }
}
