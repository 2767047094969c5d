import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  NotificationKind,
  NotificationTicket,
  NotificationView,
  TicketAssignedEvent,
} from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { Notification } from './notification.entity';

export function toNotificationView(
  n: Notification,
  ticket: NotificationTicket | null = null,
  actor: NotificationView['actor'] = null,
): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    ticketId: n.ticketId,
    ticket,
    actor,
    details: n.details ?? null,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

interface ViewRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  ticket_id: string | null;
  details: NotificationView['details'];
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
  reference: number | null;
  subject: string | null;
  service_id: string | null;
  service_name: string | null;
  actor_id: string | null;
  actor_name: string | null;
}

/** Notifications with their ticket and actor as they are now. */
const VIEW_SELECT = `
  SELECT n.id, n.user_id, n.kind, n.ticket_id, n.details, n.title, n.body, n.created_at, n.read_at,
         t.reference, t.subject, s.id AS service_id, s.name AS service_name,
         a.id AS actor_id, a.display_name AS actor_name
    FROM notifications n
    LEFT JOIN tickets t ON t.id = n.ticket_id
    LEFT JOIN services s ON s.id = t.service_id
    LEFT JOIN users a ON a.id = n.actor_user_id`;

function fromRow(r: ViewRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    ticketId: r.ticket_id,
    ticket:
      r.reference !== null && r.subject !== null && r.service_id !== null && r.service_name !== null
        ? { reference: r.reference, subject: r.subject, serviceId: r.service_id, serviceName: r.service_name }
        : null,
    actor: r.actor_id !== null ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    details: r.details,
    title: r.title,
    body: r.body,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly realtime: RealtimeGateway,
  ) {}

  async create(
    manager: EntityManager,
    userIds: string[],
    notification: Pick<Notification, 'kind' | 'ticketId' | 'title' | 'body'> &
      Partial<Pick<Notification, 'actorUserId' | 'details'>>,
  ): Promise<Notification[]> {
    if (userIds.length === 0) return [];
    const rows = userIds.map((userId) => manager.create(Notification, { ...notification, userId }));
    return manager.save(rows);
  }

  /**
   * Tells each ticket's current assignee that it is theirs, in the caller's transaction, with one
   * statement whatever the number of tickets (ingestion batches); never the actor themselves.
   * Returns the notifications' ids, for `publishAssigned` once committed.
   */
  async notifyAssigned(
    manager: EntityManager,
    ticketIds: string[],
    actorUserId: string | null,
  ): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications (user_id, actor_user_id, kind, ticket_id, title, body)
       SELECT t.assignee_id, $2::uuid, 'ticket.assigned', t.id,
              'Ticket n° ' || t.reference || ' vous a été attribué', s.name || ' : ' || t.subject
         FROM tickets t JOIN services s ON s.id = t.service_id
        WHERE t.id = ANY($1::uuid[]) AND t.assignee_id IS NOT NULL
          AND t.assignee_id IS DISTINCT FROM $2::uuid
       RETURNING id`,
      [ticketIds, actorUserId],
    );
    return rows.map((r) => r.id);
  }

  /** After commit: pushes `ticket.assigned` to each notified assignee's own room, and nowhere else. */
  async publishAssigned(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.publish(() => this.rows(`WHERE n.id = ANY($1::uuid[]) ORDER BY n.created_at, n.id`, [ids]));
  }

  /**
   * After an ingestion batch commits: pushes the first `ticket.assigned` notification of each of these
   * new tickets (the one round-robin made), with one query whatever their number.
   */
  async publishFirstAssigned(ticketIds: string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await this.publish(() =>
      this.rows(
        `WHERE n.id IN (SELECT DISTINCT ON (ticket_id) id FROM notifications
                         WHERE kind = 'ticket.assigned' AND ticket_id = ANY($1::uuid[])
                         ORDER BY ticket_id, created_at, id)
         ORDER BY n.created_at, n.id`,
        [ticketIds],
      ),
    );
  }

  async list(userId: string, unreadOnly: boolean): Promise<NotificationView[]> {
    const rows = await this.rows(
      `WHERE n.user_id = $1 ${unreadOnly ? 'AND n.read_at IS NULL' : ''}
       ORDER BY n.created_at DESC, n.id DESC LIMIT 100`,
      [userId],
    );
    return rows.map(fromRow);
  }

  async markRead(userId: string, id: string): Promise<void> {
    const result = await this.db
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    if (!result.affected) throw notFound('Notification');
  }

  private rows(where: string, params: unknown[]): Promise<ViewRow[]> {
    return this.db.query<ViewRow[]>(`${VIEW_SELECT} ${where}`, params);
  }

  /** The assignment is committed whatever happens here: a push that fails is read from the bell later. */
  private async publish(load: () => Promise<ViewRow[]>): Promise<void> {
    let rows: ViewRow[];
    try {
      rows = await load();
    } catch (err) {
      this.logger.error(`Assigned tickets not pushed: ${(err as Error).message}`);
      return;
    }
    for (const row of rows) {
      const notification = fromRow(row);
      const { ticket } = notification;
      if (notification.kind !== 'ticket.assigned' || !ticket || !notification.ticketId) continue;
      const event: TicketAssignedEvent = {
        ticketId: notification.ticketId,
        reference: ticket.reference,
        subject: ticket.subject,
        service: { id: ticket.serviceId, name: ticket.serviceName },
        by: notification.actor,
        at: notification.createdAt,
        notification: { ...notification, kind: 'ticket.assigned' },
      };
      this.realtime.emitToUser(row.user_id, 'ticket.assigned', event);
    }
  }
}
