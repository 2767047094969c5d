import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPLY_MAX_LENGTH, replyAudience, type ApprovalCheck, type MessageView } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AnswerUsageService, type AnswerSourceInput } from '../answers/answer-usage.service';
import { ApprovalCheckService } from '../approvals/approval-check.service';
import { ApprovalNotifier } from '../approvals/approval-notifier.service';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ConnectorRegistry } from '../channels/connector-registry';
import { DomainError, notFound } from '../common/domain-error';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { Message } from './message.entity';
import { CLAIM_SECONDS, ReplyOutboxService } from './reply-outbox.service';
import { loadMessage, loadTicket } from './ticket-queries';
import { Ticket } from './ticket.entity';
import { toMessageView, toTicketSummary } from './ticket-views';

/**
 * An agent's reply: checked, recorded (queued) with its audit event in one transaction, then handed
 * to the outbox, which sends it under the citizen's latest message and records sent or failed. A
 * reply the sensitivity rules hold is recorded pending_approval instead, with its reasons, and the
 * heads of the service are told; the outbox never sees it until one of them approves it.
 */
@Injectable()
export class ReplyToTicketUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: ConnectorRegistry,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly outbox: ReplyOutboxService,
    private readonly answers: AnswerUsageService,
    private readonly approvals: ApprovalCheckService,
    private readonly notifier: ApprovalNotifier,
  ) {}

  /** `answer`: the validated answer the text was written from (recorded on the reply, its use counted). */
  async execute(
    user: AuthUser,
    ticketId: string,
    body: string,
    now: Date = new Date(),
    answer: AnswerSourceInput | null = null,
  ): Promise<MessageView> {
    // With its service: a held reply's notice names it.
    const ticket = await this.db
      .getRepository(Ticket)
      .findOne({ where: { id: ticketId }, relations: { service: true } });
    if (!ticket) throw notFound('Ticket');
    const max = REPLY_MAX_LENGTH[ticket.platform];
    if ([...body].length > max) {
      throw new DomainError('invalid', `body must be at most ${max} characters on ${ticket.platform}`);
    }
    const target = await this.latestInbound(ticketId);
    if (!target?.platformMessageId || !target.channelAccountId) {
      throw new DomainError('conflict', 'Ce ticket n’a pas de message auquel répondre sur la plateforme');
    }
    if (ticket.platform === 'open311') {
      throw new DomainError(
        'unprocessable',
        'Les demandes Open311 se suivent par leur statut, pas par une réponse',
      );
    }
    const replyTarget = {
      platformMessageId: target.platformMessageId,
      kind: target.kind,
      hints: target.replyHints ?? {},
      sentAt: target.sentAt,
    };
    // E.g. Meta's 24-hour messaging window: refused before anything is stored, with the reason the agent needs.
    const refusal = this.connectors.get(ticket.platform)?.replyRefusal?.(replyTarget, now) ?? null;
    if (refusal) throw new DomainError('unprocessable', refusal);
    const source = answer
      ? await this.answers.check(ticket.serviceId, replyAudience(target.kind), answer, body)
      : null;
    const reasons = await this.approvals.reasons(
      ticket,
      { kind: target.kind, body, answer: source ? { edited: source.answerEdited } : null },
      now,
    );
    const held = reasons.length > 0;

    const { messageId, notices } = await this.db.transaction(async (manager) => {
      const inserted = await manager.insert(Message, {
        ticketId,
        channelAccountId: target.channelAccountId,
        platformParentId: target.platformMessageId,
        direction: 'outbound',
        kind: target.kind,
        body,
        authorUserId: user.id,
        sentAt: now,
        ...source,
        ...(held
          ? // Never sent (the outbox only takes queued replies) until a service head approves it.
            { deliveryStatus: 'pending_approval', approvalReasons: reasons, nextAttemptAt: null }
          : {
              deliveryStatus: 'queued',
              nextAttemptAt: now,
              // Held by this request for its first try; if the process dies, the worker takes it when the claim expires.
              claimedUntil: new Date(now.getTime() + CLAIM_SECONDS * 1000),
            }),
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      if (source) await this.answers.recordUse(manager, source.answerId, now);
      await this.audit.record(user.id, 'ticket.replied', 'ticket', ticketId, { messageId: id }, manager);
      if (!held) return { messageId: id, notices: [] };
      // On the ticket, like ticket.replied, so that its history tells it.
      await this.audit.record(
        user.id,
        'reply.approval_requested',
        'ticket',
        ticketId,
        { messageId: id, reasons },
        manager,
      );
      const ref = { ...ticket, serviceName: ticket.service.name };
      return { messageId: id, notices: await this.notifier.requested(manager, ref, user) };
    });
    await this.publishMessage(ticket, messageId, 'message.created');
    // A held reply marks the inbox row (« À valider »); a queued one changes it once the outbox sent it.
    if (held) await this.publishTicket(ticketId);
    this.notifier.publish(notices);
    // First try right away; retries and crash recovery are the outbox worker's.
    if (!held) await this.outbox.deliver(messageId, { ownClaim: true });
    const view = await loadMessage(this.db, messageId);
    return toMessageView(view as Message);
  }

  /** Whether a reply with this text would wait for approval, and why (the composer asks before sending). */
  async check(
    ticketId: string,
    body: string,
    answer: AnswerSourceInput | null,
    now: Date = new Date(),
  ): Promise<ApprovalCheck> {
    const ticket = await this.db.getRepository(Ticket).findOne({ where: { id: ticketId } });
    if (!ticket) throw notFound('Ticket');
    const target = await this.latestInbound(ticketId);
    if (!target) return { required: false, reasons: [] };
    let edited: boolean | null = null;
    if (answer) {
      // While the agent is still filling the answer in, count it as edited rather than refuse.
      edited = await this.answers
        .check(ticket.serviceId, replyAudience(target.kind), answer, body)
        .then((s) => s.answerEdited)
        .catch((err: unknown) => {
          if (err instanceof DomainError) return true;
          throw err;
        });
    }
    const reasons = await this.approvals.reasons(
      ticket,
      { kind: target.kind, body, answer: edited === null ? null : { edited } },
      now,
    );
    return { required: reasons.length > 0, reasons };
  }

  /** The citizen's latest message: the one a reply answers (under it, or in its conversation). */
  private latestInbound(ticketId: string): Promise<Message | null> {
    return this.db.getRepository(Message).findOne({
      where: { ticketId, direction: 'inbound' },
      order: { sentAt: 'DESC', createdAt: 'DESC' },
    });
  }

  async retry(ticketId: string, messageId: string): Promise<MessageView> {
    const message = await this.db
      .getRepository(Message)
      .findOneBy({ id: messageId, ticketId, direction: 'outbound' });
    if (!message) throw notFound('Message');
    if (message.deliveryStatus !== 'failed') {
      throw new DomainError('conflict', 'Seule une réponse en échec peut être renvoyée');
    }
    await this.outbox.retry(messageId);
    return toMessageView((await loadMessage(this.db, messageId)) as Message);
  }

  private async publishTicket(ticketId: string): Promise<void> {
    const ticket = await loadTicket(this.db, ticketId);
    if (ticket)
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'ticket.updated', toTicketSummary(ticket));
  }

  private async publishMessage(
    ticket: Ticket,
    messageId: string,
    event: 'message.created' | 'message.updated',
  ): Promise<void> {
    const message = await loadMessage(this.db, messageId);
    if (message) this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, event, toMessageView(message));
  }
}
