import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform, TicketStatus } from '@guichet/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import type { InboundChange, InboundEvent, InboundMessage } from '../channels/inbound-event';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { RoutingService, type Router, type RoutingDecision } from '../routing/routing.service';
import { SlaClockService } from '../sla/sla-clock.service';
import { Message } from './message.entity';
import { TicketStatusService, type StatusChange } from './ticket-status.service';
import { loadMessages, loadTickets } from './ticket-queries';
import { Ticket } from './ticket.entity';
import { toMessageView, toTicketSummary } from './ticket-views';

export type IngestOutcome =
  | { outcome: 'created' | 'appended'; ticketId: string; messageId: string }
  | { outcome: 'duplicate' | 'updated' | 'ignored'; ticketId: string | null; messageId: string | null };

export interface InboundItem {
  event: InboundEvent;
  receivedAt: Date;
  /**
   * Fixes the service instead of routing by content (a citizen who chose the service, as Open311
   * requests do); it applies only when the message opens a new ticket.
   */
  route?: RoutingDecision;
}

/** A message another transaction stored under a different thread lock: the batch is retried. */
export class ConcurrentDuplicateError extends Error {
  constructor() {
    super('A message of this batch was stored concurrently; retry the batch');
  }
}

const SUBJECT_MAX = 120;
const DONE: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

export function subjectOf(body: string): string {
  const line =
    body
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (line === '') return '(message sans texte)';
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
}

/** What ingestion knows of a ticket a message may join. */
interface TicketState {
  id: string;
  status: TicketStatus;
  /** When its status last changed: for a closed ticket, when it was closed. */
  statusChangedAt: Date;
  lastMessageAt: Date;
  isNew: boolean;
}

/** A message row to insert (its raw payload is any JSON). */
type NewMessage = Omit<Partial<Message>, 'raw'> & { raw: object };

interface StoredRef {
  ticketId: string;
  messageId: string;
}

const accountKey = (platform: Platform, externalId: string) => `${platform}\u0000${externalId}`;
const messageKey = (accountId: string, platformId: string) => `${accountId}\u0000${platformId}`;

/**
 * Stores citizens' messages: each once only (account + platform id), in its thread's ticket, or a new
 * routed ticket, then tells the service's agents. A batch commits in one transaction with a fixed
 * number of statements, whatever its size: ingestion keeps up with bursts by growing its batches.
 */
@Injectable()
export class IngestInboundService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly routing: RoutingService,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
  ) {}

  async ingest(
    event: InboundEvent,
    receivedAt: Date = new Date(),
    route?: RoutingDecision,
  ): Promise<IngestOutcome> {
    const [outcome] = await this.ingestMany([{ event, receivedAt, route }]);
    return outcome;
  }

  /**
   * Stores a batch in one transaction and returns each item's outcome, in order. `alsoInTransaction`
   * commits with it (the inbound queue marks its rows processed there).
   */
  async ingestMany(
    items: InboundItem[],
    alsoInTransaction?: (manager: EntityManager, outcomes: IngestOutcome[]) => Promise<void>,
  ): Promise<IngestOutcome[]> {
    if (items.length === 0) return [];
    const run = () =>
      this.db.transaction(async (manager) => {
        const outcomes = await this.store(manager, items);
        if (alsoInTransaction) await alsoInTransaction(manager, outcomes);
        return outcomes;
      });
    let outcomes: IngestOutcome[];
    try {
      outcomes = await run();
    } catch (err) {
      // The concurrent copy is committed now: a second run sees it as a duplicate.
      if (!(err instanceof ConcurrentDuplicateError)) throw err;
      outcomes = await run();
    }
    await this.publish(outcomes);
    return outcomes;
  }

  private async store(manager: EntityManager, items: InboundItem[]): Promise<IngestOutcome[]> {
    const outcomes: IngestOutcome[] = items.map(() => ({
      outcome: 'ignored',
      ticketId: null,
      messageId: null,
    }));
    const accounts = await this.accountsOf(manager, items);
    const messages: Array<{ index: number; accountId: string; event: InboundMessage; item: InboundItem }> =
      [];
    const changes: Array<{ index: number; accountId: string; event: InboundChange }> = [];
    items.forEach((item, index) => {
      // Unknown accounts are screened (and logged) where events arrive; one removed since is ignored.
      const accountId = accounts.get(accountKey(item.event.platform, item.event.accountExternalId));
      if (!accountId) return;
      if (item.event.type === 'message') messages.push({ index, accountId, event: item.event, item });
      else changes.push({ index, accountId, event: item.event });
    });

    if (messages.length > 0) {
      // Serialise work on a thread so two messages of it cannot open two tickets; locks are taken in
      // one order (by hash) so that two batches cannot deadlock.
      await manager.query(
        `SELECT pg_advisory_xact_lock(h)
           FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS locks`,
        [[...new Set(messages.map((m) => `${m.accountId}:${m.event.threadKey}`))]],
      );
    }
    const stored = await this.storedMessages(
      manager,
      messages.map((m) => ({ accountId: m.accountId, platformId: m.event.platformMessageId })),
    );
    const contacts = await this.upsertContacts(
      manager,
      messages.map((m) => m.event),
    );
    const byThread = await this.latestTicketsOfThreads(
      manager,
      messages.map((m) => ({ accountId: m.accountId, threadKey: m.event.threadKey })),
    );
    const byMessage = await this.ticketsOfMessages(
      manager,
      messages
        .filter((m) => m.event.platformParentId !== null)
        .map((m) => ({ accountId: m.accountId, platformId: m.event.platformParentId as string })),
    );

    const contactOf = (event: InboundMessage) =>
      event.author ? (contacts.get(accountKey(event.platform, event.author.platformUserId)) ?? null) : null;
    let router: Router | null = null;
    const newTickets = new Map<string, { state: TicketState; row: Partial<Ticket> }>();
    /** Existing tickets that received messages. */
    const lastMessageOf = new Map<string, TicketState>();
    const newMessages: NewMessage[] = [];
    const statusChanges: StatusChange[] = [];
    const audits: AuditEntry[] = [];
    const windowMs = this.config.reopenWindowDays * 86_400_000;

    for (const { index, accountId, event, item } of messages) {
      const key = messageKey(accountId, event.platformMessageId);
      const already = stored.get(key);
      if (already) {
        outcomes[index] = { outcome: 'duplicate', ...already };
        continue;
      }
      const threadKey = messageKey(accountId, event.threadKey);
      const parent = event.platformParentId
        ? byMessage.get(messageKey(accountId, event.platformParentId))
        : undefined;
      const candidate = byThread.get(threadKey) ?? parent;
      // The citizen's own time decides the reopen window (a message written in time but received
      // late, after downtime, still reopens).
      const writtenAt = event.sentAt < item.receivedAt ? event.sentAt : item.receivedAt;
      let ticket: TicketState;
      let opened = false;
      if (
        candidate &&
        (!DONE.has(candidate.status) || writtenAt.getTime() - candidate.statusChangedAt.getTime() <= windowMs)
      ) {
        ticket = candidate;
        // A citizen writing again on a resolved, closed or pending ticket puts it back in the agents' hands.
        if (DONE.has(ticket.status) || ticket.status === 'pending') {
          statusChanges.push({ ticketId: ticket.id, from: ticket.status, to: 'open', at: item.receivedAt });
          ticket.status = 'open';
          ticket.statusChangedAt = item.receivedAt;
        }
        if (event.sentAt > ticket.lastMessageAt) ticket.lastMessageAt = event.sentAt;
        if (!ticket.isNew) lastMessageOf.set(ticket.id, ticket);
      } else {
        router ??= await this.routing.router(manager);
        const decision = item.route ?? router(event.body);
        ticket = {
          id: randomUUID(),
          status: 'new',
          statusChangedAt: item.receivedAt,
          lastMessageAt: event.sentAt,
          isNew: true,
        };
        opened = true;
        newTickets.set(ticket.id, {
          state: ticket,
          row: {
            id: ticket.id,
            subject: subjectOf(event.body),
            status: 'new',
            priority: 'normal',
            platform: event.platform,
            serviceId: decision.serviceId,
            contactId: contactOf(event),
            channelAccountId: accountId,
            threadKey: event.threadKey,
            context: event.context,
            routingExplanation: decision.explanation,
            previousTicketId: candidate?.id ?? null,
            createdAt: item.receivedAt,
          },
        });
        statusChanges.push({ ticketId: ticket.id, from: null, to: 'new', at: item.receivedAt });
        audits.push({
          actorUserId: null,
          action: 'ticket.created',
          targetType: 'ticket',
          targetId: ticket.id,
          details: {
            serviceId: decision.serviceId,
            routing: decision.explanation,
            platformMessageId: event.platformMessageId,
            ...(candidate ? { follows: candidate.id } : {}),
          },
        });
      }
      byThread.set(threadKey, ticket);
      const messageId = randomUUID();
      byMessage.set(key, ticket);
      stored.set(key, { ticketId: ticket.id, messageId });
      newMessages.push({
        id: messageId,
        ticketId: ticket.id,
        channelAccountId: accountId,
        platformMessageId: event.platformMessageId,
        platformParentId: event.platformParentId,
        direction: 'inbound',
        kind: event.kind,
        body: event.body,
        authorContactId: contactOf(event),
        deliveryStatus: 'received',
        sentAt: event.sentAt,
        replyHints: event.replyHints ?? null,
        raw: event.raw as object,
      });
      outcomes[index] = { outcome: opened ? 'created' : 'appended', ticketId: ticket.id, messageId };
    }

    if (newTickets.size > 0) {
      await manager.insert(
        Ticket,
        [...newTickets.values()].map(({ state, row }) => ({ ...row, lastMessageAt: state.lastMessageAt })),
      );
    }
    await this.statuses.changeMany(
      manager,
      statusChanges.filter((c) => c.from !== null),
      null,
    );
    await this.statuses.recordMany(
      manager,
      statusChanges.filter((c) => c.from === null),
      null,
    );
    await this.audit.recordMany(manager, audits);
    await this.insertMessages(manager, newMessages);
    await this.touchTickets(manager, [...lastMessageOf.values()]);
    for (const change of changes)
      outcomes[change.index] = await this.applyChange(manager, change.accountId, change.event);

    const touched = [...newTickets.keys(), ...lastMessageOf.keys()];
    const now = items.reduce(
      (max, i) => (i.receivedAt > max ? i.receivedAt : max),
      items[0]?.receivedAt ?? new Date(),
    );
    await this.sla.recomputeMany(manager, touched, now);
    return outcomes;
  }

  /** The connected accounts the items are for: platform + external id → account id. */
  private async accountsOf(manager: EntityManager, items: InboundItem[]): Promise<Map<string, string>> {
    const pairs = [...new Set(items.map((i) => accountKey(i.event.platform, i.event.accountExternalId)))];
    const rows: Array<{ id: string; platform: Platform; external_id: string }> = await manager.query(
      `SELECT a.id, a.platform, a.external_id FROM channel_accounts a
         JOIN unnest($1::text[], $2::text[]) AS k(platform, external_id)
           ON a.platform::text = k.platform AND a.external_id = k.external_id`,
      [pairs.map((p) => p.split('\u0000')[0]), pairs.map((p) => p.split('\u0000')[1])],
    );
    return new Map(rows.map((r) => [accountKey(r.platform, r.external_id), r.id]));
  }

  private async storedMessages(
    manager: EntityManager,
    keys: Array<{ accountId: string; platformId: string }>,
  ): Promise<Map<string, StoredRef>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      channel_account_id: string;
      platform_message_id: string;
      id: string;
      ticket_id: string;
    }> = await manager.query(
      `SELECT m.channel_account_id, m.platform_message_id, m.id, m.ticket_id FROM messages m
           JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, platform_id)
             ON m.channel_account_id = k.account_id AND m.platform_message_id = k.platform_id`,
      [keys.map((k) => k.accountId), keys.map((k) => k.platformId)],
    );
    return new Map(
      rows.map((r) => [
        messageKey(r.channel_account_id, r.platform_message_id),
        { ticketId: r.ticket_id, messageId: r.id },
      ]),
    );
  }

  /** Creates or refreshes the authors; returns platform + platform user id → contact id. */
  private async upsertContacts(
    manager: EntityManager,
    events: InboundMessage[],
  ): Promise<Map<string, string>> {
    const authors = new Map<string, { platform: Platform; author: NonNullable<InboundMessage['author']> }>();
    for (const e of events) {
      if (!e.author) continue;
      const key = accountKey(e.platform, e.author.platformUserId);
      const known = authors.get(key)?.author;
      // The latest name wins, but a name is never replaced by nothing.
      authors.set(key, {
        platform: e.platform,
        author: {
          platformUserId: e.author.platformUserId,
          displayName: e.author.displayName ?? known?.displayName ?? null,
          handle: e.author.handle ?? known?.handle ?? null,
        },
      });
    }
    if (authors.size === 0) return new Map();
    const list = [...authors.values()];
    const rows: Array<{ id: string; platform: Platform; platform_user_id: string }> = await manager.query(
      `INSERT INTO contacts (platform, platform_user_id, display_name, handle)
       SELECT platform::contact_platform, platform_user_id, display_name, handle
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
           AS v(platform, platform_user_id, display_name, handle)
       ON CONFLICT (platform, platform_user_id) DO UPDATE
         SET display_name = COALESCE(EXCLUDED.display_name, contacts.display_name),
             handle = COALESCE(EXCLUDED.handle, contacts.handle),
             updated_at = now()
       RETURNING id, platform, platform_user_id`,
      [
        list.map((a) => a.platform),
        list.map((a) => a.author.platformUserId),
        list.map((a) => a.author.displayName),
        list.map((a) => a.author.handle),
      ],
    );
    return new Map(rows.map((r) => [accountKey(r.platform, r.platform_user_id), r.id]));
  }

  /** The most recent ticket of each thread, whatever its status. */
  private async latestTicketsOfThreads(
    manager: EntityManager,
    threads: Array<{ accountId: string; threadKey: string }>,
  ): Promise<Map<string, TicketState>> {
    if (threads.length === 0) return new Map();
    const rows: Array<TicketRow & { channel_account_id: string; thread_key: string }> = await manager.query(
      `SELECT DISTINCT ON (t.channel_account_id, t.thread_key)
              t.channel_account_id, t.thread_key, ${TICKET_STATE_COLUMNS}
         FROM tickets t
         JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, thread_key)
           ON t.channel_account_id = k.account_id AND t.thread_key = k.thread_key
        ORDER BY t.channel_account_id, t.thread_key, t.created_at DESC`,
      [threads.map((t) => t.accountId), threads.map((t) => t.threadKey)],
    );
    return new Map(rows.map((r) => [messageKey(r.channel_account_id, r.thread_key), toState(r)]));
  }

  /**
   * The tickets holding these messages: an answer to a message we already hold (typically the town's
   * own reply, on platforms where a reply's thread is only known by its parent, like Mastodon) joins it.
   */
  private async ticketsOfMessages(
    manager: EntityManager,
    keys: Array<{ accountId: string; platformId: string }>,
  ): Promise<Map<string, TicketState>> {
    if (keys.length === 0) return new Map();
    const rows: Array<TicketRow & { channel_account_id: string; platform_message_id: string }> =
      await manager.query(
        `SELECT m.channel_account_id, m.platform_message_id, ${TICKET_STATE_COLUMNS}
         FROM messages m
         JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, platform_id)
           ON m.channel_account_id = k.account_id AND m.platform_message_id = k.platform_id
         JOIN tickets t ON t.id = m.ticket_id`,
        [keys.map((k) => k.accountId), keys.map((k) => k.platformId)],
      );
    return new Map(rows.map((r) => [messageKey(r.channel_account_id, r.platform_message_id), toState(r)]));
  }

  private async insertMessages(manager: EntityManager, rows: NewMessage[]): Promise<void> {
    if (rows.length === 0) return;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Message)
      .values(rows)
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((result.raw as unknown[]).length !== rows.length) throw new ConcurrentDuplicateError();
  }

  /** Existing tickets that received messages: their last activity moves forward. */
  private async touchTickets(manager: EntityManager, tickets: TicketState[]): Promise<void> {
    if (tickets.length === 0) return;
    await manager.query(
      `UPDATE tickets t SET last_message_at = GREATEST(t.last_message_at, v.at), updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE t.id = v.id`,
      [tickets.map((t) => t.id), tickets.map((t) => t.lastMessageAt)],
    );
  }

  /** A message already stored was edited, hidden or removed on the platform. */
  private async applyChange(
    manager: EntityManager,
    accountId: string,
    event: InboundChange,
  ): Promise<IngestOutcome> {
    const repo = manager.getRepository(Message);
    const message = await repo.findOne({
      where: { channelAccountId: accountId, platformMessageId: event.platformMessageId },
      select: { id: true, ticketId: true, body: true },
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
    return { outcome: 'updated', ticketId: message.ticketId, messageId: message.id };
  }

  /** Tells the agents, once committed: new tickets, tickets that moved, new and changed messages. */
  private async publish(outcomes: IngestOutcome[]): Promise<void> {
    const live = outcomes.filter(
      (o) => o.outcome === 'created' || o.outcome === 'appended' || o.outcome === 'updated',
    );
    if (live.length === 0) return;
    const moved = live.filter((o) => o.outcome !== 'updated');
    const [tickets, messages] = await Promise.all([
      loadTickets(this.db, [...new Set(live.map((o) => o.ticketId as string))]),
      loadMessages(
        this.db,
        live.map((o) => o.messageId as string),
      ),
    ]);
    const ticketById = new Map(tickets.map((t) => [t.id, t]));
    const created = new Set(moved.filter((o) => o.outcome === 'created').map((o) => o.ticketId));
    for (const ticketId of new Set(moved.map((o) => o.ticketId as string))) {
      const ticket = ticketById.get(ticketId);
      if (!ticket) continue;
      const event = created.has(ticketId) ? 'ticket.created' : 'ticket.updated';
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, event, toTicketSummary(ticket));
    }
    const outcomeOf = new Map(live.map((o) => [o.messageId, o.outcome]));
    for (const message of messages) {
      const ticket = ticketById.get(message.ticketId);
      if (!ticket) continue;
      const event = outcomeOf.get(message.id) === 'updated' ? 'message.updated' : 'message.created';
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, event, toMessageView(message));
    }
  }
}

interface TicketRow {
  id: string;
  status: TicketStatus;
  last_message_at: Date;
  status_changed_at: Date | null;
  created_at: Date;
}

const TICKET_STATE_COLUMNS = `t.id, t.status, t.last_message_at, t.created_at,
  (SELECT max(s.at) FROM ticket_status_changes s WHERE s.ticket_id = t.id) AS status_changed_at`;

function toState(r: TicketRow): TicketState {
  return {
    id: r.id,
    status: r.status,
    statusChangedAt: new Date(r.status_changed_at ?? r.created_at),
    lastMessageAt: new Date(r.last_message_at),
    isNew: false,
  };
}
