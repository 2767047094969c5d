import type { MessageKind, Platform, TicketPriority, TicketStatus } from '@guichet/shared';
import type { EntityManager } from 'typeorm';
import type { InboundEvent, InboundMessage } from '../channels/inbound-event';
import { CONFIG_VERSION_SQL } from '../settings/config-cache';
import {
  bulkInsert,
  bulkInsertTogether,
  toTextArrayLiteral,
  type BulkColumn,
  type BulkRows,
} from '../database/bulk-insert';
import type { StoredRoutingDecision } from '../routing/stored-decision';
import type { SlaSummaryColumns } from '../sla/sla-clock.service';
import type { Contact } from '../contacts/contact.entity';
import type { TicketContext } from './ticket.entity';

/**
 * The statements of set-based ingestion (ingest-inbound.service.ts): each reads or writes a whole
 * batch at once, whatever its size.
 */

/** A message another transaction stored under a different thread lock: the batch is retried. */
export class ConcurrentDuplicateError extends Error {
  constructor() {
    super('A message of this batch was stored concurrently; retry the batch');
  }
}

/** What ingestion knows of a ticket a message may join. */
export interface TicketState {
  id: string;
  status: TicketStatus;
  /** When its status last changed: for a closed ticket, when it was closed. */
  statusChangedAt: Date;
  lastMessageAt: Date;
  isNew: boolean;
}

export interface StoredRef {
  ticketId: string;
  messageId: string;
}

export const accountKey = (platform: Platform, externalId: string) => `${platform}\u0000${externalId}`;
export const messageKey = (accountId: string, platformId: string) => `${accountId}\u0000${platformId}`;

export interface NewTicketRow {
  id: string;
  subject: string;
  priority: TicketPriority;
  platform: Platform;
  serviceId: string;
  /** Round-robin's choice; null in a manual service or with nobody on shift. */
  assigneeId: string | null;
  tags: string[];
  sensitive: boolean;
  /** The routing decision, kept to show agents why the ticket landed where it did. */
  routing: StoredRoutingDecision;
  contactId: string | null;
  channelAccountId: string;
  threadKey: string;
  context: TicketContext | null;
  routingExplanation: string;
  previousTicketId: string | null;
  lastMessageAt: Date;
  createdAt: Date;
  /** The inbox's SLA summary, known before the ticket is stored (SlaClockService.planNew). */
  sla: SlaSummaryColumns;
}

const TICKET_COLUMNS: Array<BulkColumn<NewTicketRow>> = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'subject', type: 'text', value: (r) => r.subject },
  { name: 'priority', type: 'text', cast: 'ticket_priority', value: (r) => r.priority },
  { name: 'platform', type: 'text', cast: 'ticket_platform', value: (r) => r.platform },
  { name: 'service_id', type: 'uuid', value: (r) => r.serviceId },
  { name: 'assignee_id', type: 'uuid', value: (r) => r.assigneeId },
  // One array literal per row: unnest would flatten an array of arrays.
  { name: 'tags', type: 'text', cast: 'text[]', value: (r) => toTextArrayLiteral(r.tags) },
  { name: 'sensitive', type: 'boolean', value: (r) => r.sensitive },
  { name: 'routing', type: 'jsonb', value: (r) => r.routing },
  { name: 'contact_id', type: 'uuid', value: (r) => r.contactId },
  { name: 'channel_account_id', type: 'uuid', value: (r) => r.channelAccountId },
  { name: 'thread_key', type: 'text', value: (r) => r.threadKey },
  { name: 'context', type: 'jsonb', value: (r) => r.context },
  { name: 'routing_explanation', type: 'text', value: (r) => r.routingExplanation },
  { name: 'previous_ticket_id', type: 'uuid', value: (r) => r.previousTicketId },
  { name: 'last_message_at', type: 'timestamptz', value: (r) => r.lastMessageAt },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  { name: 'sla_due_at', type: 'timestamptz', value: (r) => r.sla.slaDueAt },
  { name: 'sla_kind', type: 'text', cast: 'ticket_sla_kind', value: (r) => r.sla.slaKind },
  { name: 'sla_paused', type: 'boolean', value: (r) => r.sla.slaPaused },
  { name: 'sla_remaining_minutes', type: 'double precision', value: (r) => r.sla.slaRemainingMinutes },
  { name: 'sla_sort_key', type: 'double precision', value: (r) => r.sla.slaSortKey },
  { name: 'sla_warning_at', type: 'timestamptz', value: (r) => r.sla.slaWarningAt },
  { name: 'first_response_due_at', type: 'timestamptz', value: (r) => r.sla.firstResponseDueAt },
  { name: 'first_responded_at', type: 'timestamptz', value: (r) => r.sla.firstRespondedAt },
  {
    name: 'first_response_business_minutes',
    type: 'double precision',
    value: (r) => r.sla.firstResponseBusinessMinutes,
  },
  { name: 'first_response_minutes', type: 'double precision', value: (r) => r.sla.firstResponseMinutes },
];

export interface NewMessageRow {
  id: string;
  ticketId: string;
  channelAccountId: string;
  platformMessageId: string;
  platformParentId: string | null;
  kind: MessageKind;
  body: string;
  authorContactId: string | null;
  sentAt: Date;
  replyHints: Record<string, string> | null;
  raw: unknown;
}

const MESSAGE_COLUMNS: Array<BulkColumn<NewMessageRow>> = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'ticket_id', type: 'uuid', value: (r) => r.ticketId },
  { name: 'channel_account_id', type: 'uuid', value: (r) => r.channelAccountId },
  { name: 'platform_message_id', type: 'text', value: (r) => r.platformMessageId },
  { name: 'platform_parent_id', type: 'text', value: (r) => r.platformParentId },
  { name: 'direction', type: 'text', cast: 'message_direction', value: () => 'inbound' },
  { name: 'kind', type: 'text', cast: 'message_kind', value: (r) => r.kind },
  { name: 'body', type: 'text', value: (r) => r.body },
  { name: 'author_contact_id', type: 'uuid', value: (r) => r.authorContactId },
  { name: 'delivery_status', type: 'text', cast: 'delivery_status', value: () => 'received' },
  { name: 'sent_at', type: 'timestamptz', value: (r) => r.sentAt },
  { name: 'reply_hints', type: 'jsonb', value: (r) => r.replyHints },
  { name: 'raw', type: 'jsonb', value: (r) => r.raw },
];

/**
 * Opens an ingestion batch in one statement (one round trip): the channel accounts of the events
 * (platform + external id → account id), the configuration's version, and the advisory locks of the
 * messages' threads, so that two messages of a thread cannot open two tickets. Locks are taken in one
 * order (by hash), so two batches cannot deadlock; they are held once the statement returns, and the
 * batch's next statement (a new snapshot) sees what the holder of a lock committed.
 */
export async function openBatch(
  manager: EntityManager,
  events: InboundEvent[],
): Promise<{ accounts: Map<string, string>; configVersion: string }> {
  const pairs = [...new Set(events.map((e) => accountKey(e.platform, e.accountExternalId)))];
  const threads = [
    ...new Set(
      events.flatMap((e) =>
        e.type === 'message' ? [`${e.platform}:${e.accountExternalId}:${e.threadKey}`] : [],
      ),
    ),
  ];
  const [row]: Array<{
    config_version: string;
    accounts: Array<{ id: string; platform: Platform; external_id: string }>;
  }> = await manager.query(
    `SELECT ${CONFIG_VERSION_SQL} AS config_version,
            (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(h)
               FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($3::text[]) AS k ORDER BY h) AS o) AS l
            ) AS locked,
            (SELECT coalesce(json_agg(json_build_object('id', a.id, 'platform', a.platform, 'external_id', a.external_id)), '[]')
               FROM channel_accounts a JOIN unnest($1::text[], $2::text[]) AS k(platform, external_id)
                 ON a.platform::text = k.platform AND a.external_id = k.external_id) AS accounts`,
    [pairs.map((p) => p.split('\u0000')[0]), pairs.map((p) => p.split('\u0000')[1]), threads],
  );
  return {
    accounts: new Map((row?.accounts ?? []).map((r) => [accountKey(r.platform, r.external_id), r.id])),
    configVersion: row?.config_version ?? '',
  };
}

/** A stored contact as agents see it, and its tags (for routing), known without reading it back. */
export type ContactFacts = Pick<Contact, 'id' | 'platform' | 'handle' | 'displayName' | 'tags'>;

/**
 * Creates or refreshes the authors; returns platform + platform user id → the contact (`id`, who wrote,
 * as stored now: `author`) and the person it belongs to (`personId`: the contact it was merged into,
 * else itself), whose the ticket is.
 */
export async function upsertContacts(
  manager: EntityManager,
  events: InboundMessage[],
): Promise<Map<string, { id: string; personId: string; author: ContactFacts }>> {
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
  // Always in the same order: two batches updating the same contacts lock them alike (no deadlock).
  const list = [...authors.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const rows: Array<{
    id: string;
    platform: Platform;
    platform_user_id: string;
    merged_into_id: string | null;
    display_name: string | null;
    handle: string | null;
    tags: string[];
  }> = await manager.query(
    `INSERT INTO contacts (platform, platform_user_id, display_name, handle)
     SELECT platform::contact_platform, platform_user_id, display_name, handle
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         AS v(platform, platform_user_id, display_name, handle)
     ON CONFLICT (platform, platform_user_id) DO UPDATE
       SET display_name = COALESCE(EXCLUDED.display_name, contacts.display_name),
           handle = COALESCE(EXCLUDED.handle, contacts.handle),
           updated_at = now()
     RETURNING id, platform, platform_user_id, merged_into_id, display_name, handle, tags`,
    [
      list.map((a) => a.platform),
      list.map((a) => a.author.platformUserId),
      list.map((a) => a.author.displayName),
      list.map((a) => a.author.handle),
    ],
  );
  return new Map(
    rows.map((r) => [
      accountKey(r.platform, r.platform_user_id),
      {
        id: r.id,
        personId: r.merged_into_id ?? r.id,
        author: {
          id: r.id,
          platform: r.platform,
          handle: r.handle,
          displayName: r.display_name,
          tags: r.tags,
        },
      },
    ]),
  );
}

/** Contacts as agents see them, with their tags (the persons merged contacts belong to). */
export async function contactsByIds(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, ContactFacts>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{
    id: string;
    platform: Platform;
    handle: string | null;
    display_name: string | null;
    tags: string[];
  }> = await manager.query(
    'SELECT id, platform, handle, display_name, tags FROM contacts WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, platform: r.platform, handle: r.handle, displayName: r.display_name, tags: r.tags },
    ]),
  );
}

/** What a batch needs to know before placing its messages: see `lookUpBatch`. */
export interface BatchLookup {
  /** Messages already stored (account + platform id). */
  stored: Map<string, StoredRef>;
  /** The most recent ticket of each thread (account + thread key), whatever its status. */
  byThread: Map<string, TicketState>;
  /** The tickets holding the parent messages (account + platform id). */
  byMessage: Map<string, TicketState>;
}

/**
 * `storedMessages`, `latestTicketsOfThreads` and `ticketsOfMessages` in one round trip: on a small
 * batch, each statement costs more than the rows it reads.
 */
export async function lookUpBatch(
  manager: EntityManager,
  keys: {
    messages: Array<{ accountId: string; platformId: string }>;
    threads: Array<{ accountId: string; threadKey: string }>;
    parents: Array<{ accountId: string; platformId: string }>;
  },
): Promise<BatchLookup> {
  if (keys.messages.length + keys.threads.length + keys.parents.length === 0) {
    return { stored: new Map(), byThread: new Map(), byMessage: new Map() };
  }
  const rows: Array<
    TicketRow & {
      kind: 'stored' | 'thread' | 'parent';
      account_id: string;
      key: string;
      message_id: string | null;
    }
  > = await manager.query(
    `SELECT 'stored' AS kind, m.channel_account_id AS account_id, m.platform_message_id AS key,
            m.id AS message_id, m.ticket_id AS id, NULL::ticket_status AS status,
            NULL::timestamptz AS last_message_at, NULL::timestamptz AS created_at,
            NULL::timestamptz AS status_changed_at
       FROM messages m
       JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, platform_id)
         ON m.channel_account_id = k.account_id AND m.platform_message_id = k.platform_id
     UNION ALL
     (SELECT DISTINCT ON (t.channel_account_id, t.thread_key)
             'thread', t.channel_account_id, t.thread_key, NULL, ${TICKET_STATE_COLUMNS}
        FROM tickets t
        JOIN unnest($3::uuid[], $4::text[]) AS k(account_id, thread_key)
          ON t.channel_account_id = k.account_id AND t.thread_key = k.thread_key
       ORDER BY t.channel_account_id, t.thread_key, t.created_at DESC)
     UNION ALL
     SELECT 'parent', m.channel_account_id, m.platform_message_id, NULL, ${TICKET_STATE_COLUMNS}
       FROM messages m
       JOIN unnest($5::uuid[], $6::text[]) AS k(account_id, platform_id)
         ON m.channel_account_id = k.account_id AND m.platform_message_id = k.platform_id
       JOIN tickets t ON t.id = m.ticket_id`,
    [
      keys.messages.map((k) => k.accountId),
      keys.messages.map((k) => k.platformId),
      keys.threads.map((t) => t.accountId),
      keys.threads.map((t) => t.threadKey),
      keys.parents.map((k) => k.accountId),
      keys.parents.map((k) => k.platformId),
    ],
  );
  const lookup: BatchLookup = { stored: new Map(), byThread: new Map(), byMessage: new Map() };
  for (const r of rows) {
    const key = messageKey(r.account_id, r.key);
    if (r.kind === 'stored') lookup.stored.set(key, { ticketId: r.id, messageId: r.message_id as string });
    else if (r.kind === 'thread') lookup.byThread.set(key, toState(r));
    else lookup.byMessage.set(key, toState(r));
  }
  return lookup;
}

/** Stores the messages; returns when each was stored (id → `created_at`). */
export async function insertMessages(
  manager: EntityManager,
  rows: NewMessageRow[],
): Promise<Map<string, Date>> {
  const inserted = await bulkInsert<NewMessageRow, { id: string; created_at: Date }>(
    manager,
    'messages',
    MESSAGE_COLUMNS,
    rows,
    'ON CONFLICT DO NOTHING RETURNING id, created_at',
  );
  if (inserted.length !== rows.length) throw new ConcurrentDuplicateError();
  return new Map(inserted.map((r) => [r.id, r.created_at]));
}

/** What PostgreSQL gives a new ticket: its reference number, and its `updated_at` (the transaction's time). */
export interface InsertedTicket {
  id: string;
  reference: number;
  updatedAt: Date;
}

/** Stores the tickets, and `alongside` (rows referencing them) in the same statement. */
export async function insertTickets(
  manager: EntityManager,
  rows: NewTicketRow[],
  // Each part has its own row type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  alongside: Array<BulkRows<any>> = [],
): Promise<InsertedTicket[]> {
  const inserted = await bulkInsertTogether<{ id: string; reference: number; updated_at: Date }>(
    manager,
    { table: 'tickets', columns: TICKET_COLUMNS, rows, suffix: 'RETURNING id, reference, updated_at' },
    alongside,
  );
  return inserted.map((r) => ({ id: r.id, reference: r.reference, updatedAt: r.updated_at }));
}

/** Existing tickets that received messages: their last activity moves forward. */
export async function touchTickets(manager: EntityManager, tickets: TicketState[]): Promise<void> {
  if (tickets.length === 0) return;
  await manager.query(
    `UPDATE tickets t SET last_message_at = GREATEST(t.last_message_at, v.at), updated_at = now()
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, at) WHERE t.id = v.id`,
    [tickets.map((t) => t.id), tickets.map((t) => t.lastMessageAt)],
  );
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
