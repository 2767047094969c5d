import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformError, type ReplyTarget } from '../channels/connector';
import { ConnectorRegistry } from '../channels/connector-registry';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { SlaClockService } from '../sla/sla-clock.service';
import { Message } from './message.entity';
import { loadMessage, loadTicket } from './ticket-queries';
import { TicketStatusService } from './ticket-status.service';
import { Ticket } from './ticket.entity';
import { toMessageView, toTicketSummary } from './ticket-views';

interface ReplySender {
  send(): Promise<string>;
  /** Null when the platform offers no way to find an earlier copy. */
  findPosted: ((since: Date) => Promise<string | null>) | null;
}

/** After this many tries a reply is marked failed and waits for an agent's retry. */
export const MAX_SEND_ATTEMPTS = 8;
/** How long one sender holds a reply; past it the reply is considered abandoned (a crash). */
export const CLAIM_SECONDS = 120;

/** 5 s, 10 s, 20 s … capped at 10 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

/**
 * Delivers queued replies: the reply row is already committed; each try first claims it (so two
 * senders never post it twice), and a retry first looks on the platform for a copy an earlier try
 * may have posted before dying, so a crash between the platform call and the record posts once.
 */
@Injectable()
export class ReplyOutboxService {
  private readonly logger = new Logger('ReplyOutbox');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connectors: ConnectorRegistry,
    private readonly realtime: RealtimeGateway,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
  ) {}

  /**
   * One try at sending this reply, if it is queued, due and not held by another sender. `ownClaim`:
   * the caller stored the reply already claimed (so the worker's sweep cannot take it first).
   */
  async deliver(messageId: string, options: { ownClaim?: boolean } = {}): Promise<void> {
    const claimed: Array<{ send_attempts: number; first_attempt_at: Date }> = await this.db
      .query(
        `UPDATE messages SET claimed_until = now() + make_interval(secs => $2),
              send_attempts = send_attempts + 1, first_attempt_at = COALESCE(first_attempt_at, now())
        WHERE id = $1 AND delivery_status = 'queued'
          AND ($3 OR claimed_until IS NULL OR claimed_until < now())
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
        RETURNING send_attempts, first_attempt_at`,
        [messageId, CLAIM_SECONDS, options.ownClaim === true],
      )
      .then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? (r[0] as never[]) : (r as never[])));
    const claim = claimed[0];
    if (!claim) return;
    const reply = await this.db.getRepository(Message).findOneByOrFail({ id: messageId });
    const ticket = await this.db.getRepository(Ticket).findOneByOrFail({ id: reply.ticketId });
    try {
      const sender = await this.senderFor(reply);
      // A copy posted by an earlier try that died before recording it counts as sent.
      const posted =
        claim.send_attempts > 1 && sender.findPosted
          ? await sender.findPosted(new Date(claim.first_attempt_at))
          : null;
      await this.recordSent(reply, ticket, posted ?? (await sender.send()));
    } catch (err) {
      await this.recordFailure(reply, claim.send_attempts, err);
    }
    await this.publish(ticket, messageId);
  }

  /** An agent's retry of a failed reply. */
  async retry(messageId: string): Promise<void> {
    await this.db.query(
      `UPDATE messages SET delivery_status = 'queued', next_attempt_at = now(), claimed_until = NULL
        WHERE id = $1 AND delivery_status = 'failed' AND direction = 'outbound'`,
      [messageId],
    );
    await this.deliver(messageId);
  }

  private async senderFor(reply: Message): Promise<ReplySender> {
    const inbound = await this.db.getRepository(Message).findOneByOrFail({
      channelAccountId: reply.channelAccountId ?? '',
      platformMessageId: reply.platformParentId ?? '',
    });
    const { connector, account } = await this.connectors.open(reply.channelAccountId ?? '');
    const target: ReplyTarget = {
      platformMessageId: inbound.platformMessageId ?? '',
      kind: inbound.kind,
      hints: inbound.replyHints ?? {},
      sentAt: inbound.sentAt,
    };
    const find = connector.findPostedReply?.bind(connector);
    return {
      send: async () => (await connector.sendReply(account, target, reply.body)).platformMessageId,
      findPosted: find ? (since) => find(account, target, reply.body, since) : null,
    };
  }

  /** Marks the reply sent: it stops the response clocks, and a new ticket becomes open. */
  private async recordSent(reply: Message, ticket: Ticket, platformMessageId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.update(
        Message,
        { id: reply.id },
        {
          deliveryStatus: 'sent',
          platformMessageId,
          deliveryError: null,
          claimedUntil: null,
          nextAttemptAt: null,
        },
      );
      const current = await manager.findOneByOrFail(Ticket, { id: ticket.id });
      if (current.status === 'new')
        await this.statuses.change(manager, current, 'open', reply.authorUserId, reply.sentAt);
      await this.sla.recompute(manager, ticket.id);
    });
    const fresh = await loadTicket(this.db, ticket.id);
    if (fresh)
      this.realtime.emitTicketEvent(fresh.serviceId, fresh.id, 'ticket.updated', toTicketSummary(fresh));
  }

  private async recordFailure(reply: Message, attempts: number, err: unknown): Promise<void> {
    const platformError = err instanceof PlatformError ? err : null;
    if (!platformError) this.logger.error(err);
    const reason = platformError?.message ?? 'Erreur inattendue lors de l’envoi';
    const again = (platformError?.retryable ?? false) && attempts < MAX_SEND_ATTEMPTS;
    const delay = Math.max(retryDelayMs(attempts), platformError?.options.retryAfterMs ?? 0);
    await this.db
      .getRepository(Message)
      .update(
        { id: reply.id },
        again
          ? { deliveryError: reason, nextAttemptAt: new Date(Date.now() + delay), claimedUntil: null }
          : { deliveryStatus: 'failed', deliveryError: reason, nextAttemptAt: null, claimedUntil: null },
      );
  }

  private async publish(ticket: Ticket, messageId: string): Promise<void> {
    const message = await loadMessage(this.db, messageId);
    if (message)
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'message.updated', toMessageView(message));
  }
}
