import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TicketStatus } from '@guichet/shared';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type AuditEntry } from '../audit/audit.service';
import type { InboundChange, InboundEvent, InboundMessage } from '../channels/inbound-event';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { withoutNulDeep } from '../database/bulk-insert';
import { NotificationsService } from '../notifications/notifications.service';
import { RealtimeGateway } from '../realtime/realtime.gateway';
import { RoutingService, type Router, type RoutingDecision } from '../routing/routing.service';
import { toStoredDecision } from '../routing/stored-decision';
import { AssignmentService } from '../services/assignment.service';
import type { Service } from '../services/service.entity';
import { cachedServices } from '../services/cached-services';
import { ConfigCache } from '../settings/config-cache';
import { lockTickets, SlaClockService } from '../sla/sla-clock.service';
import { Message } from './message.entity';
import { TicketStatusService, type StatusChange } from './ticket-status.service';
import { loadMessages, loadTickets } from './ticket-queries';
import {
  toMessageView,
  toTicketSummary,
  type MessageViewSource,
  type TicketSummarySource,
} from './ticket-views';
import { openedTicket, storedMessage, type OpenedTicket } from './ingest-news';
import type { Turn } from './lock-turns';
import {
  accountKey,
  openBatch,
  ConcurrentDuplicateError,
  contactsByIds,
  insertMessages,
  insertTickets,
  lookUpBatch,
  messageKey,
  touchTickets,
  upsertContacts,
  type NewMessageRow,
  type ContactFacts,
  type InsertedTicket,
  type NewTicketRow,
  type TicketState,
} from './ingest-queries';

export type IngestOutcome =
  | { outcome: 'created' | 'appended'; ticketId: string; messageId: string }
  | { outcome: 'duplicate' | 'updated' | 'ignored'; ticketId: string | null; messageId: string | null };

/** A stored batch: each item's outcome, and what the agents are told once it is committed. */
export interface IngestedBatch {
  outcomes: IngestOutcome[];
  /** The tickets it opened, as stored (by id). */
  opened: Map<string, OpenedTicket>;
  /** The messages it stored, as stored (by id). */
  stored: Map<string, MessageViewSource>;
}

export interface InboundItem {
  event: InboundEvent;
  receivedAt: Date;
  /**
   * Fixes the service instead of routing by content (a citizen who chose the service, as Open311
   * requests do); it applies only when the message opens a new ticket.
   */
  route?: RoutingDecision;
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

/**
 * Stores citizens' messages: each once only (account + platform id), in its thread's ticket, or a new
 * routed ticket, then tells the service's agents. A batch commits in one transaction with a fixed
 * number of statements, whatever its size: ingestion keeps up with bursts by growing its batches.
 */
@Injectable()
export class IngestInboundService {
  private readonly logger = new Logger('IngestInbound');
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly routing: RoutingService,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeGateway,
    private readonly sla: SlaClockService,
    private readonly statuses: TicketStatusService,
    private readonly assignment: AssignmentService,
    private readonly notifications: NotificationsService,
    private readonly configuration: ConfigCache,
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
   * Stores a batch in one transaction and returns each item's outcome, in order, once the agents
   * were told.
   */
  async ingestMany(items: InboundItem[]): Promise<IngestOutcome[]> {
    if (items.length === 0) return [];
    const run = () => this.db.transaction((manager) => this.store(manager, items));
    let batch: IngestedBatch;
    try {
      batch = await run();
    } catch (err) {
      // The concurrent copy is committed now: a second run sees it as a duplicate.
      if (!(err instanceof ConcurrentDuplicateError)) throw err;
      batch = await run();
    }
    await this.publishAfterCommit(batch);
    return batch.outcomes;
  }

  /**
   * Tells the agents what a committed batch changed. Batches are told in commit order; the inbound
   * queue does not wait for it and goes on with its next batch meanwhile (`published` waits).
   */
  publishAfterCommit(batch: IngestedBatch): Promise<void> {
    this.publishing = this.publishing
      .then(() => this.publish(batch))
      .catch((err: unknown) => this.logger.error(err));
    return this.publishing;
  }

  /** Resolves once every committed batch has been told to the agents. */
  published(): Promise<void> {
    return this.publishing;
  }

  /**
   * Stores a batch in the caller's transaction, with a fixed number of statements whatever its size.
   * With a turn, its threads are locked in that turn. Throws ConcurrentDuplicateError when another
   * transaction stored one of its messages meanwhile.
   */
  async store(manager: EntityManager, items: InboundItem[], turn?: Turn): Promise<IngestedBatch> {
    try {
      return await this.storeInTurn(manager, items, turn);
    } finally {
      // A batch that fails before its locks must not hold up the next ones.
      turn?.done();
    }
  }

  private async storeInTurn(
    manager: EntityManager,
    items: InboundItem[],
    turn?: Turn,
  ): Promise<IngestedBatch> {
    // PostgreSQL refuses NUL characters in text: a hostile or broken message must still be stored.
    items = items.map((i) => ({ ...i, event: withoutNulDeep(i.event) }));
    const outcomes: IngestOutcome[] = items.map(() => ({
      outcome: 'ignored',
      ticketId: null,
      messageId: null,
    }));
    // Threads are locked in the batch's turn, so that a later batch of this process cannot store a
    // thread's messages before an earlier one.
    await turn?.ready;
    const { accounts, configVersion } = await openBatch(
      manager,
      items.map((i) => i.event),
    );
    turn?.done();
    // A batch changes no configuration: one look at its version serves routing, SLA and round-robin.
    await this.configuration.pin(manager, configVersion);
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

    const contacts = await upsertContacts(
      manager,
      messages.map((m) => m.event),
    );
    // Authors as upserted, and the persons merged ones belong to (whose the tickets are).
    const authorOf = new Map([...contacts.values()].map((c) => [c.id, c.author]));
    const persons = await contactsByIds(
      manager,
      [...new Set([...contacts.values()].map((c) => c.personId))].filter((id) => !authorOf.has(id)),
    );
    const contactFacts = (id: string | null): ContactFacts | null =>
      id === null ? null : (authorOf.get(id) ?? persons.get(id) ?? null);
    const { stored, byThread, byMessage } = await lookUpBatch(manager, {
      messages: messages.map((m) => ({ accountId: m.accountId, platformId: m.event.platformMessageId })),
      threads: messages.map((m) => ({ accountId: m.accountId, threadKey: m.event.threadKey })),
      parents: messages
        .filter((m) => m.event.platformParentId !== null)
        .map((m) => ({ accountId: m.accountId, platformId: m.event.platformParentId as string })),
    });

    const contactOf = (event: InboundMessage) =>
      event.author ? (contacts.get(accountKey(event.platform, event.author.platformUserId)) ?? null) : null;
    let router: Router | null = null;
    const newTickets = new Map<
      string,
      { state: TicketState; row: Omit<NewTicketRow, 'lastMessageAt' | 'assigneeId' | 'sla'> }
    >();
    /** Existing tickets that received messages. */
    const lastMessageOf = new Map<string, TicketState>();
    const newMessages: NewMessageRow[] = [];
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
        router ??= await this.routing.router(manager, {
          contactTags: new Map(
            [...contacts.values()].map((c) => [c.personId, contactFacts(c.personId)?.tags ?? []]),
          ),
        });
        const decision =
          item.route ??
          router({
            text: event.body,
            platform: event.platform,
            kind: event.kind,
            channelAccountId: accountId,
            contactId: contactOf(event)?.personId ?? null,
            receivedAt: item.receivedAt,
          });
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
            priority: decision.priority ?? 'normal',
            platform: event.platform,
            serviceId: decision.serviceId,
            tags: [...(decision.tags ?? [])],
            sensitive: decision.sensitive ?? false,
            routing: toStoredDecision(decision, item.receivedAt),
            contactId: contactOf(event)?.personId ?? null,
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
        kind: event.kind,
        body: event.body,
        authorContactId: contactOf(event)?.id ?? null,
        sentAt: event.sentAt,
        replyHints: event.replyHints ?? null,
        raw: event.raw,
      });
      outcomes[index] = { outcome: opened ? 'created' : 'appended', ticketId: ticket.id, messageId };
    }

    const now = items.reduce(
      (max, i) => (i.receivedAt > max ? i.receivedAt : max),
      items[0]?.receivedAt ?? new Date(),
    );
    // The new tickets' clocks come from what this batch holds: nothing to read back once stored.
    const inboundOf = new Map<string, Date[]>();
    for (const m of newMessages) {
      if (newTickets.has(m.ticketId))
        inboundOf.set(m.ticketId, [...(inboundOf.get(m.ticketId) ?? []), m.sentAt]);
    }
    const clocks = await this.sla.planNew(
      manager,
      [...newTickets.values()].map(({ row }) => ({
        id: row.id,
        serviceId: row.serviceId,
        priority: row.priority,
        platform: row.platform,
        createdAt: row.createdAt,
        inbound: inboundOf.get(row.id) ?? [],
      })),
      now,
    );
    const ticketRows: NewTicketRow[] = [...newTickets.values()].map(({ state, row }) => ({
      ...row,
      lastMessageAt: state.lastMessageAt,
      assigneeId: null,
      sla: clocks.summaryOf(row.id),
    }));
    // Round-robin services deal their new tickets in turn (a fixed number of statements per batch);
    // their members are locked before any ticket, the order re-routing takes them in too.
    const assignees = await this.assignment.assignMany(
      manager,
      ticketRows.map((r) => ({ key: r.id, serviceId: r.serviceId, at: r.createdAt })),
    );
    for (const row of ticketRows) {
      row.assigneeId = assignees.get(row.id) ?? null;
      if (row.assigneeId) {
        audits.push({
          actorUserId: null,
          action: 'ticket.assigned',
          targetType: 'ticket',
          targetId: row.id,
          details: { to: row.assigneeId, mode: 'round_robin' },
        });
      }
    }
    // Existing tickets this batch changes, locked in one order before any change (no deadlock).
    await lockTickets(manager, [...lastMessageOf.keys()]);
    // The new tickets, their clocks, first statuses and audit entries: one statement.
    const inserted = await insertTickets(manager, ticketRows, [
      clocks.rows,
      this.statuses.rowsOf(
        statusChanges.filter((c) => c.from === null),
        null,
      ),
      this.audit.rowsOf(audits),
    ]);
    // Each agent round-robin dealt a ticket to is told (one statement); the push waits for the commit.
    await this.notifications.notifyAssigned(
      manager,
      ticketRows.filter((r) => r.assigneeId !== null).map((r) => r.id),
      null,
    );
    await this.statuses.changeMany(
      manager,
      statusChanges.filter((c) => c.from !== null),
      null,
    );
    const storedAt = await insertMessages(manager, newMessages);
    await touchTickets(manager, [...lastMessageOf.values()]);
    for (const change of changes)
      outcomes[change.index] = await this.applyChange(manager, change.accountId, change.event);

    // Existing tickets that moved: their clocks are recomputed from their whole history (locked above).
    await this.sla.recomputeMany(manager, [...lastMessageOf.keys()], now, { locked: true });

    const insertedById = new Map(inserted.map((t) => [t.id, t]));
    // The services as this batch routed with them (the ticket rows reference them).
    const serviceOf = new Map((await cachedServices(this.configuration, manager)).map((s) => [s.id, s]));
    const opened = new Map(
      ticketRows.map((row) => [
        row.id,
        openedTicket(
          row,
          insertedById.get(row.id) as InsertedTicket,
          serviceOf.get(row.serviceId) as Service,
          contactFacts(row.contactId),
        ),
      ]),
    );
    // A message edited, hidden or removed later in the same batch is read back instead.
    const changedIds = new Set(changes.map((c) => outcomes[c.index]?.messageId));
    const storedViews = new Map(
      newMessages
        .filter((row) => !changedIds.has(row.id))
        .map((row) => [
          row.id,
          storedMessage(row, storedAt.get(row.id) as Date, contactFacts(row.authorContactId)),
        ]),
    );
    return { outcomes, opened, stored: storedViews };
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

  /**
   * Tells the agents, once committed: new tickets, tickets that moved, new and changed messages. What
   * the batch stored is told as it stored it; only tickets it appended to and messages it changed are
   * read back (their other columns are not the batch's).
   */
  private async publish({ outcomes, opened, stored }: IngestedBatch): Promise<void> {
    const live = outcomes.filter(
      (o) => o.outcome === 'created' || o.outcome === 'appended' || o.outcome === 'updated',
    );
    if (live.length === 0) return;
    const moved = live.filter((o) => o.outcome !== 'updated');
    const ticketIds = [...new Set(live.map((o) => o.ticketId as string))];
    const [loaded, changed, names] = await Promise.all([
      loadTickets(
        this.db,
        ticketIds.filter((id) => !opened.has(id)),
      ),
      loadMessages(
        this.db,
        live.map((o) => o.messageId as string).filter((id) => !stored.has(id)),
      ),
      displayNames(
        this.db,
        [...opened.values()].map((t) => t.assigneeId),
      ),
    ]);
    const ticketById = new Map<string, TicketSummarySource & { serviceId: string }>(
      loaded.map((t) => [t.id, t]),
    );
    for (const ticket of opened.values()) {
      const assignee = ticket.assigneeId ? (names.get(ticket.assigneeId) ?? null) : null;
      ticketById.set(ticket.id, { ...ticket, assignee });
    }
    const created = new Set(moved.filter((o) => o.outcome === 'created').map((o) => o.ticketId));
    for (const ticketId of new Set(moved.map((o) => o.ticketId as string))) {
      const ticket = ticketById.get(ticketId);
      if (!ticket) continue;
      const event = created.has(ticketId) ? 'ticket.created' : 'ticket.updated';
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, event, toTicketSummary(ticket));
    }
    const changedById = new Map(changed.map((m) => [m.id, m]));
    for (const outcome of live) {
      const message = stored.get(outcome.messageId as string) ?? changedById.get(outcome.messageId as string);
      const ticket = message && ticketById.get(message.ticketId);
      if (!message || !ticket) continue;
      const event = outcome.outcome === 'updated' ? 'message.updated' : 'message.created';
      this.realtime.emitTicketEvent(ticket.serviceId, ticket.id, event, toMessageView(message));
    }
    await this.notifications.publishFirstAssigned(
      [...opened.values()].filter((t) => t.assigneeId !== null).map((t) => t.id),
    );
  }
}

/** Round-robin's assignees of opened tickets, as a ticket read back would join them. */
async function displayNames(
  db: DataSource,
  ids: Array<string | null>,
): Promise<Map<string, { id: string; displayName: string }>> {
  const userIds = [...new Set(ids)].filter((id): id is string => id !== null);
  if (userIds.length === 0) return new Map();
  const users: Array<{ id: string; display_name: string }> = await db.query(
    'SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])',
    [userIds],
  );
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.display_name }]));
}
