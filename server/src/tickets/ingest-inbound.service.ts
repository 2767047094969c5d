import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { InboundChange, InboundEvent, InboundMessage } from '../channels/inbound-event';
import { ChannelAccount } from '../channels/channel-account.entity';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { RoutingService, type RoutingDecision } from '../routing/routing.service';
import { SlaClockService } from '../sla/sla-clock.service';
import { TicketStatusService } from './ticket-status.service';
import { Message } from './message.entity';
import { loadMessage, loadTicket } from './ticket-queries';
import { Ticket } from './ticket.entity';
import { toMessageView, toTicketSummary } from './ticket-views';

export type IngestOutcome =
  | { outcome: 'created' | 'appended'; ticketId: string; messageId: string }
  | { outcome: 'duplicate' | 'updated' | 'ignored'; ticketId: string | null; messageId: string | null };

/** Rolls back a transaction whose message turned out to be stored already. */
class AlreadyStored extends Error {}

const SUBJECT_MAX = 120;

export function subjectOf(body: string): string {
  const line =
    body
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (line === '') return '(message sans texte)';
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
}

/**
 * Stores a citizen's message: once only (account + platform id), in the open ticket of its thread
 * or a new routed ticket, then tells the service's agents. Everything commits in one transaction.
 */
@Injectable()
export class IngestInboundService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly routing: RoutingService,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
  ) {}

  /**
   * `route` fixes the service instead of routing by content (a citizen who chose the service, as
   * Open311 requests do); it applies only when the message opens a new ticket.
   */
  async ingest(
    event: InboundEvent,
    receivedAt: Date = new Date(),
    route?: RoutingDecision,
  ): Promise<IngestOutcome> {
    const account = await this.db.getRepository(ChannelAccount).findOne({
      where: { platform: event.platform, externalId: event.accountExternalId },
    });
    // Unknown accounts are screened (and logged once per delivery) by the webhook controllers.
    if (!account) {
      return { outcome: 'ignored', ticketId: null, messageId: null };
    }
    return event.type === 'message'
      ? this.ingestMessage(account, event, receivedAt, route)
      : this.applyChange(account, event);
  }

  private async ingestMessage(
    account: ChannelAccount,
    event: InboundMessage,
    receivedAt: Date,
    route: RoutingDecision | undefined,
  ): Promise<IngestOutcome> {
    let result: { outcome: 'created' | 'appended'; ticket: Ticket; message: Message };
    try {
      result = await this.db.transaction(async (manager) => {
        // Serialise work on one thread so two messages of it cannot open two tickets.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `${account.id}:${event.threadKey}`,
        ]);
        if (await this.isStored(manager, account.id, event.platformMessageId)) throw new AlreadyStored();
        const contactId = event.author ? await this.upsertContact(manager, event) : null;
        const open =
          (await this.openTicketOfThread(manager, account.id, event.threadKey)) ??
          (await this.openTicketOfParent(manager, account.id, event.platformParentId));
        const ticket = open ?? (await this.openTicket(manager, account, event, contactId, receivedAt, route));
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Message)
          .values({
            ticketId: ticket.id,
            channelAccountId: account.id,
            platformMessageId: event.platformMessageId,
            platformParentId: event.platformParentId,
            direction: 'inbound',
            kind: event.kind,
            body: event.body,
            authorContactId: contactId,
            deliveryStatus: 'received',
            sentAt: event.sentAt,
            replyHints: event.replyHints ?? null,
            raw: event.raw as object,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        const messageId = (inserted.raw as Array<{ id: string }>)[0]?.id;
        if (!messageId) throw new AlreadyStored();
        const lastMessageAt = event.sentAt > ticket.lastMessageAt ? event.sentAt : ticket.lastMessageAt;
        if (open) {
          await manager.update(Ticket, { id: open.id }, { lastMessageAt });
          // A citizen writing again on a resolved or pending ticket puts it back in the agents' hands.
          if (open.status === 'resolved' || open.status === 'pending') {
            await this.statuses.change(manager, open, 'open', null, receivedAt);
          }
        }
        await this.sla.recompute(manager, ticket.id, receivedAt);
        const message = await manager.findOneByOrFail(Message, { id: messageId });
        return { outcome: open ? ('appended' as const) : ('created' as const), ticket, message };
      });
    } catch (err) {
      if (err instanceof AlreadyStored) {
        const existing = await this.db
          .getRepository(Message)
          .findOne({ where: { channelAccountId: account.id, platformMessageId: event.platformMessageId } });
        return {
          outcome: 'duplicate',
          ticketId: existing?.ticketId ?? null,
          messageId: existing?.id ?? null,
        };
      }
      throw err;
    }
    await this.publish(result.outcome, result.ticket.id, result.message.id);
    return { outcome: result.outcome, ticketId: result.ticket.id, messageId: result.message.id };
  }

  private openTicketOfThread(
    manager: EntityManager,
    accountId: string,
    threadKey: string,
  ): Promise<Ticket | null> {
    return manager
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.channelAccountId = :accountId AND t.threadKey = :threadKey', { accountId, threadKey })
      .andWhere("t.status <> 'closed'")
      .orderBy('t.createdAt', 'DESC')
      .getOne();
  }

  /**
   * An answer to a message we already hold (typically the town's own reply, on platforms where a
   * reply's thread is only known by its parent, like Mastodon) joins that message's ticket.
   */
  private async openTicketOfParent(
    manager: EntityManager,
    accountId: string,
    parentId: string | null,
  ): Promise<Ticket | null> {
    if (!parentId) return null;
    const parent = await manager.getRepository(Message).findOne({
      where: { channelAccountId: accountId, platformMessageId: parentId },
      select: { ticketId: true },
    });
    if (!parent) return null;
    return manager
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.id = :id', { id: parent.ticketId })
      .andWhere("t.status <> 'closed'")
      .getOne();
  }

  private async isStored(
    manager: EntityManager,
    accountId: string,
    platformMessageId: string,
  ): Promise<boolean> {
    return (
      (await manager
        .getRepository(Message)
        .count({ where: { channelAccountId: accountId, platformMessageId } })) > 0
    );
  }

  private async upsertContact(manager: EntityManager, event: InboundMessage): Promise<string> {
    const author = event.author as NonNullable<InboundMessage['author']>;
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO contacts (platform, platform_user_id, display_name, handle)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, platform_user_id) DO UPDATE
         SET display_name = COALESCE(EXCLUDED.display_name, contacts.display_name),
             handle = COALESCE(EXCLUDED.handle, contacts.handle),
             updated_at = now()
       RETURNING id`,
      [event.platform, author.platformUserId, author.displayName, author.handle],
    );
    return rows[0].id;
  }

  private async openTicket(
    manager: EntityManager,
    account: ChannelAccount,
    event: InboundMessage,
    contactId: string | null,
    receivedAt: Date,
    route: RoutingDecision | undefined,
  ): Promise<Ticket> {
    const decision = route ?? (await this.routing.route(manager, event.body));
    const createdAt = receivedAt;
    const ticket = manager.create(Ticket, {
      subject: subjectOf(event.body),
      status: 'new',
      priority: 'normal',
      platform: event.platform,
      serviceId: decision.serviceId,
      contactId,
      channelAccountId: account.id,
      threadKey: event.threadKey,
      context: event.context,
      routingExplanation: decision.explanation,
      lastMessageAt: event.sentAt,
      createdAt,
    });
    const saved = await manager.save(ticket);
    await this.statuses.record(manager, saved.id, null, 'new', null, createdAt);
    await this.audit.record(
      null,
      'ticket.created',
      'ticket',
      saved.id,
      {
        serviceId: decision.serviceId,
        routing: decision.explanation,
        platformMessageId: event.platformMessageId,
      },
      manager,
    );
    return saved;
  }

  private async applyChange(account: ChannelAccount, event: InboundChange): Promise<IngestOutcome> {
    const repo = this.db.getRepository(Message);
    const message = await repo.findOne({
      where: { channelAccountId: account.id, platformMessageId: event.platformMessageId },
    });
    if (!message) return { outcome: 'ignored', ticketId: null, messageId: null };
    if (event.type === 'edited') {
      // The text the citizen first sent stays in `raw`; agents see the current one.
      await repo.update({ id: message.id }, { body: event.body ?? message.body, editedAt: event.at });
    } else {
      const platformState =
        event.type === 'unhidden' ? 'visible' : event.type === 'hidden' ? 'hidden' : 'removed';
      await repo.update({ id: message.id }, { platformState });
    }
    const updated = await loadMessage(this.db, message.id);
    const ticket = await loadTicket(this.db, message.ticketId);
    if (updated && ticket) {
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'message.updated', toMessageView(updated));
    }
    return { outcome: 'updated', ticketId: message.ticketId, messageId: message.id };
  }

  private async publish(outcome: 'created' | 'appended', ticketId: string, messageId: string): Promise<void> {
    const [ticket, message] = await Promise.all([
      loadTicket(this.db, ticketId),
      loadMessage(this.db, messageId),
    ]);
    if (!ticket || !message) return;
    const summary = toTicketSummary(ticket);
    if (outcome === 'created') {
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'ticket.created', summary);
    } else {
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'ticket.updated', summary);
    }
    this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, 'message.created', toMessageView(message));
  }
}
