import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPLY_MAX_LENGTH, type MessageView } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canAccessService, headsService, type AuthUser } from '../auth/auth-user';
import { ConnectorRegistry } from '../channels/connector-registry';
import { DomainError, notFound } from '../common/domain-error';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { Message } from '../tickets/message.entity';
import { CLAIM_SECONDS, ReplyOutboxService } from '../tickets/reply-outbox.service';
import { loadMessage, loadTicket } from '../tickets/ticket-queries';
import type { Ticket } from '../tickets/ticket.entity';
import { toMessageView, toTicketSummary } from '../tickets/ticket-views';
import { ApprovalNotifier, type ApprovalTicketRef, type PendingNotice } from './approval-notifier.service';

const alreadyDecided = () =>
  new DomainError('conflict', 'Cette réponse a déjà été validée ou refusée par quelqu’un d’autre');

/**
 * A service head's decision on a held reply. Approving (possibly with an edited text, the author's
 * kept in original_body) queues it for the outbox exactly like a reply that needed no approval;
 * rejecting keeps it, never sent, with the comment for its author. Four eyes: only a head of the
 * ticket's service or an administrator decides, never the reply's author, even an administrator.
 * The decision is one conditional UPDATE (still pending_approval), so of two heads deciding at
 * once exactly one wins and the other gets a 409.
 */
@Injectable()
export class DecideReplyUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly outbox: ReplyOutboxService,
    private readonly notifier: ApprovalNotifier,
    private readonly connectors: ConnectorRegistry,
  ) {}

  async approve(
    user: AuthUser,
    messageId: string,
    editedBody: string | undefined,
    now: Date = new Date(),
  ): Promise<MessageView> {
    const { message, ticket } = await this.authorize(user, messageId);
    const refusal = await this.platformRefusal(message, ticket, now);
    // E.g. Meta's 24-hour messaging window closed while the reply waited: it could never be sent.
    if (refusal) {
      throw new DomainError('unprocessable', `${refusal} Refusez-la en expliquant pourquoi à son auteur.`);
    }
    const max = REPLY_MAX_LENGTH[ticket.platform];
    if (editedBody !== undefined && [...editedBody].length > max) {
      throw new DomainError('invalid', `body must be at most ${max} characters on ${ticket.platform}`);
    }
    const notices = await this.db.transaction(async (manager) => {
      // The approval time is when the citizen gets the answer: response clocks count the wait.
      const rows = await updated(
        manager,
        `UPDATE messages
            SET delivery_status = 'queued',
                original_body = CASE WHEN $2::text IS NOT NULL AND $2::text <> body THEN body END,
                body = COALESCE($2::text, body),
                approval_decided_by_id = $3, approval_decided_at = $4,
                sent_at = $4, next_attempt_at = $4,
                claimed_until = $4::timestamptz + make_interval(secs => $5)
          WHERE id = $1 AND delivery_status = 'pending_approval'
          RETURNING author_user_id, original_body IS NOT NULL AS edited`,
        [messageId, editedBody ?? null, user.id, now, CLAIM_SECONDS],
      );
      const row = rows[0];
      if (!row) throw alreadyDecided();
      await this.audit.record(
        user.id,
        row.edited ? 'reply.edited_and_approved' : 'reply.approved',
        'ticket',
        ticket.id,
        { messageId },
        manager,
      );
      return this.notifier.decided(manager, ref(ticket), row.author_user_id, user, { approved: true });
    });
    await this.published(ticket, messageId, notices);
    // Held by this request for its first try, as a reply that needed no approval.
    await this.outbox.deliver(messageId, { ownClaim: true });
    return toMessageView((await loadMessage(this.db, messageId)) as Message);
  }

  async reject(
    user: AuthUser,
    messageId: string,
    comment: string,
    now: Date = new Date(),
  ): Promise<MessageView> {
    const { ticket } = await this.authorize(user, messageId);
    const notices = await this.db.transaction(async (manager) => {
      const rows = await updated(
        manager,
        `UPDATE messages
            SET delivery_status = 'rejected', approval_comment = $2,
                approval_decided_by_id = $3, approval_decided_at = $4, next_attempt_at = NULL
          WHERE id = $1 AND delivery_status = 'pending_approval'
          RETURNING author_user_id, false AS edited`,
        [messageId, comment, user.id, now],
      );
      const row = rows[0];
      if (!row) throw alreadyDecided();
      await this.audit.record(
        user.id,
        'reply.rejected',
        'ticket',
        ticket.id,
        { messageId, comment },
        manager,
      );
      return this.notifier.decided(manager, ref(ticket), row.author_user_id, user, {
        approved: false,
        comment,
      });
    });
    await this.published(ticket, messageId, notices);
    return toMessageView((await loadMessage(this.db, messageId)) as Message);
  }

  /** Why the platform would refuse this reply now (null: it would not, or cannot tell). */
  private async platformRefusal(message: Message, ticket: Ticket, now: Date): Promise<string | null> {
    const connector = this.connectors.get(ticket.platform);
    if (!connector?.replyRefusal || !message.channelAccountId || !message.platformParentId) return null;
    const target = await this.db.getRepository(Message).findOneBy({
      channelAccountId: message.channelAccountId,
      platformMessageId: message.platformParentId,
    });
    return target ? connector.replyRefusal({ kind: target.kind, sentAt: target.sentAt }, now) : null;
  }

  /** 404 outside the caller's services, 403 for whoever may not decide, 409 once decided. */
  private async authorize(user: AuthUser, messageId: string): Promise<{ message: Message; ticket: Ticket }> {
    const message = await this.db.getRepository(Message).findOneBy({ id: messageId, direction: 'outbound' });
    const ticket = message ? await loadTicket(this.db, message.ticketId) : null;
    if (!message || !ticket || !canAccessService(user, ticket.serviceId)) throw notFound('Reply');
    if (!headsService(user, ticket.serviceId)) {
      throw new DomainError('forbidden', 'Seuls les responsables du service valident les réponses');
    }
    if (message.authorUserId === user.id) {
      throw new DomainError('forbidden', 'Une réponse est validée par une autre personne que son auteur');
    }
    if (message.deliveryStatus !== 'pending_approval') throw alreadyDecided();
    return { message, ticket };
  }

  /**
   * After commit: the thread, the inbox row (read again: it may no longer await approval, and so
   * leaves the « approval » view) and the notices.
   */
  private async published(ticket: Ticket, messageId: string, notices: PendingNotice[]): Promise<void> {
    const [message, fresh] = await Promise.all([
      loadMessage(this.db, messageId),
      loadTicket(this.db, ticket.id),
    ]);
    if (message)
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'message.updated', toMessageView(message));
    if (fresh)
      this.realtime.emitTicketEvent(fresh.serviceId, fresh.id, 'ticket.updated', toTicketSummary(fresh));
    this.notifier.publish(notices);
  }
}

function ref(ticket: Ticket): ApprovalTicketRef {
  return {
    id: ticket.id,
    reference: ticket.reference,
    subject: ticket.subject,
    serviceId: ticket.serviceId,
    serviceName: ticket.service.name,
  };
}

/** The rows an UPDATE … RETURNING changed (the pg driver answers [rows, count]). */
async function updated(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<Array<{ author_user_id: string | null; edited: boolean }>> {
  const result: unknown = await manager.query(sql, params);
  const rows = Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
  return rows as Array<{ author_user_id: string | null; edited: boolean }>;
}
