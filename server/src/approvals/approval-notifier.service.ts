import { Injectable } from '@nestjs/common';
import type { NotificationView } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import { NotificationsService, toNotificationView } from '../notifications/notifications.service';
import { RealtimeGateway } from '../realtime/realtime.gateway';

/** The ticket a held reply answers, as its notifications show it. */
export interface ApprovalTicketRef {
  id: string;
  reference: number;
  subject: string;
  serviceId: string;
  serviceName: string;
}

export interface PendingNotice {
  userId: string;
  view: NotificationView;
}

/**
 * Tells the heads of the ticket's service that a reply waits for them, and the author what they
 * decided. Created in the caller's transaction; pushed once it is committed.
 */
@Injectable()
export class ApprovalNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly realtime: RealtimeGateway,
  ) {}

  /**
   * To the active heads of the service except the author (no one approves their own reply); when
   * there is none, to the administrators, so that a held reply always reaches someone who may decide.
   */
  async requested(
    manager: EntityManager,
    ticket: ApprovalTicketRef,
    author: { id: string; displayName: string },
  ): Promise<PendingNotice[]> {
    const heads: Array<{ id: string }> = await manager.query(
      `SELECT u.id FROM users u JOIN user_services us ON us.user_id = u.id
        WHERE us.service_id = $1 AND us.role = 'service_head' AND u.active AND u.id <> $2`,
      [ticket.serviceId, author.id],
    );
    const recipients =
      heads.length > 0
        ? heads
        : await manager.query<Array<{ id: string }>>(
            `SELECT id FROM users WHERE role = 'admin' AND active AND id <> $1`,
            [author.id],
          );
    return this.create(
      manager,
      recipients.map((r) => r.id),
      ticket,
      author,
      {
        kind: 'reply.approval_requested',
        title: `Réponse à valider : ticket n° ${ticket.reference}`,
        body: `${author.displayName} (${ticket.serviceName}) : ${ticket.subject}`,
      },
    );
  }

  async decided(
    manager: EntityManager,
    ticket: ApprovalTicketRef,
    authorUserId: string | null,
    head: { id: string; displayName: string },
    decision: { approved: true } | { approved: false; comment: string },
  ): Promise<PendingNotice[]> {
    if (!authorUserId || authorUserId === head.id) return [];
    return this.create(
      manager,
      [authorUserId],
      ticket,
      head,
      decision.approved
        ? {
            kind: 'reply.approved',
            title: `Réponse validée : ticket n° ${ticket.reference}`,
            body: `${head.displayName} a validé votre réponse (${ticket.subject})`,
          }
        : {
            kind: 'reply.rejected',
            title: `Réponse refusée : ticket n° ${ticket.reference}`,
            body: `${head.displayName} : ${decision.comment}`.slice(0, 2000),
            details: { comment: decision.comment.slice(0, 2000) },
          },
    );
  }

  publish(notices: PendingNotice[]): void {
    for (const n of notices) this.realtime.emitToUser(n.userId, 'notification.created', n.view);
  }

  private async create(
    manager: EntityManager,
    userIds: string[],
    ticket: ApprovalTicketRef,
    actor: { id: string; displayName: string },
    content: {
      kind: NotificationView['kind'];
      title: string;
      body: string;
      details?: NotificationView['details'];
    },
  ): Promise<PendingNotice[]> {
    const created = await this.notifications.create(manager, userIds, {
      ...content,
      ticketId: ticket.id,
      actorUserId: actor.id,
    });
    const ref = {
      reference: ticket.reference,
      subject: ticket.subject,
      serviceId: ticket.serviceId,
      serviceName: ticket.serviceName,
    };
    return created.map((n) => ({ userId: n.userId, view: toNotificationView(n, ref, actor) }));
  }
}
