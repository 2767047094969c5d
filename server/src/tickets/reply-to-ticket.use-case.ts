import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REPLY_MAX_LENGTH, type MessageView } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ChannelAccount } from '../channels/channel-account.entity';
import { decryptCredentials } from '../channels/credentials-cipher';
import { PlatformError } from '../channels/connector';
import { MetaConnector, type MetaCredentials } from '../channels/meta/meta.connector';
import { APP_SECRETS, type AppSecrets } from '../config/config.module';
import { DomainError, notFound } from '../common/domain-error';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { SlaClockService } from '../sla/sla-clock.service';
import { TicketStatusService } from './ticket-status.service';
import { Message } from './message.entity';
import { loadMessage, loadTicket } from './ticket-queries';
import { Ticket } from './ticket.entity';
import { toMessageView, toTicketSummary } from './ticket-views';

/**
 * An agent's public reply: recorded first (queued), then sent to the platform under the citizen's
 * latest message, then marked sent with the platform id or failed with the platform's error.
 */
@Injectable()
export class ReplyToTicketUseCase {
  private readonly logger = new Logger('ReplyToTicketUseCase');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
    private readonly meta: MetaConnector,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
  ) {}

  async execute(
    user: AuthUser,
    ticketId: string,
    body: string,
    now: Date = new Date(),
  ): Promise<MessageView> {
    const ticket = await this.db.getRepository(Ticket).findOne({ where: { id: ticketId } });
    if (!ticket) throw notFound('Ticket');
    const max = REPLY_MAX_LENGTH[ticket.platform];
    if ([...body].length > max) {
      throw new DomainError('invalid', `body must be at most ${max} characters on ${ticket.platform}`);
    }
    const target = await this.db.getRepository(Message).findOne({
      where: { ticketId, direction: 'inbound' },
      order: { sentAt: 'DESC', createdAt: 'DESC' },
    });
    if (!target?.platformMessageId || !target.channelAccountId) {
      throw new DomainError('conflict', 'Ce ticket n’a pas de message auquel répondre sur la plateforme');
    }
    const platform = ticket.platform;
    if (platform !== 'facebook' && platform !== 'instagram') {
      throw new DomainError(
        'unprocessable',
        `Les réponses sur ${platform} ne sont pas encore prises en charge`,
      );
    }
    const replyTarget = {
      platformMessageId: target.platformMessageId,
      kind: target.kind,
      hints: target.replyHints ?? {},
      sentAt: target.sentAt,
    };
    // Refused before anything is stored, with the reason the agent needs.
    const windowClosed = this.meta.messagingWindowClosed(replyTarget, now);
    if (windowClosed) throw new DomainError('unprocessable', windowClosed);

    const messageId = await this.db.transaction(async (manager) => {
      const inserted = await manager.insert(Message, {
        ticketId,
        channelAccountId: target.channelAccountId,
        platformParentId: target.platformMessageId,
        direction: 'outbound',
        kind: target.kind,
        body,
        authorUserId: user.id,
        deliveryStatus: 'queued',
        sentAt: now,
      });
      const id = (inserted.identifiers[0] as { id: string }).id;
      await this.audit.record(user.id, 'ticket.replied', 'ticket', ticketId, { messageId: id }, manager);
      return id;
    });
    await this.publishMessage(ticket, messageId, 'message.created');

    const account = await this.db
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :id', { id: target.channelAccountId })
      .getOneOrFail();
    try {
      if (!account.credentialsEncrypted) {
        throw new PlatformError('auth', 'Compte non connecté : aucun jeton d’accès');
      }
      const credentials = decryptCredentials<MetaCredentials>(
        account.credentialsEncrypted,
        this.secrets.credentialsKey,
      );
      const sent = await this.meta.sendReply(
        platform,
        this.meta.account(account.externalId, credentials),
        replyTarget,
        body,
        now,
      );
      await this.recordSent(user, ticket, messageId, sent.platformMessageId, now);
    } catch (err) {
      const reason = err instanceof PlatformError ? err.message : 'Erreur inattendue lors de l’envoi';
      if (!(err instanceof PlatformError)) this.logger.error(err);
      await this.db
        .getRepository(Message)
        .update({ id: messageId }, { deliveryStatus: 'failed', deliveryError: reason });
    }
    await this.publishMessage(ticket, messageId, 'message.updated');
    const view = await loadMessage(this.db, messageId);
    return toMessageView(view as Message);
  }

  /** Marks the reply sent: it stops the response clocks, and a new ticket becomes open. */
  private async recordSent(
    user: AuthUser,
    ticket: Ticket,
    messageId: string,
    platformMessageId: string,
    at: Date,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.update(
        Message,
        { id: messageId },
        { deliveryStatus: 'sent', platformMessageId, deliveryError: null },
      );
      const current = await manager.findOneByOrFail(Ticket, { id: ticket.id });
      if (current.status === 'new') await this.statuses.change(manager, current, 'open', user.id, at);
      await this.sla.recompute(manager, ticket.id, at);
    });
    const fresh = await loadTicket(this.db, ticket.id);
    if (fresh)
      this.realtime.emitTicketEvent(fresh.serviceId, fresh.id, 'ticket.updated', toTicketSummary(fresh));
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
