import type { ListTicketsQuery } from '@guichet/shared/dto';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { Service } from '../services/service.entity';
import { searchQuerySql } from './message-search';
import {
  awaitingApprovalSql,
  summaryTickets,
  ticketWithRelations,
  type SummaryTicket,
} from './ticket-queries';
import { Ticket } from './ticket.entity';
import type { TicketSummarySource } from './ticket-views';

/** Counting stops here: "1 000+" is all an inbox needs, and an exact count of a large service is slow. */
const COUNT_CAP = 1000;
/** A search's count stops sooner: each match is checked against the filters one by one. */
const SEARCH_COUNT_CAP = 200;
const DEFAULT_LIMIT = 50;

/** A listed ticket: what a TicketSummary is made of, and its place in the list. */
export type ListedTicket = TicketSummarySource & { slaSortKey: number; cursorAt: string };

export interface TicketListPage {
  tickets: ListedTicket[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
}

/** The sort key of the last row of a page, opaque to clients. */
type Cursor = [number | string, string];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: Sort): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1]) &&
      (sort === 'due'
        ? typeof value[0] === 'number'
        : typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0])))
    ) {
      return value as Cursor;
    }
  } catch {
    // reported below
  }
  throw new DomainError('invalid', 'cursor: not a cursor of this list (sort and cursor must go together)');
}

type Sort = 'activity' | 'due';

/**
 * One page of an inbox: a view (mine, my services, unassigned, due soon or overdue, all), filters,
 * full-text search over the messages, sorted by last activity or by SLA deadline, and walked with
 * keyset pagination (each page starts after the previous one's last row, so a page costs the same
 * however deep it is, and a ticket moving meanwhile is neither skipped twice nor shown twice).
 */
export async function listTickets(
  db: DataSource,
  user: AuthUser,
  query: ListTicketsQuery,
  options: {
    /** Reads the services (a cached list; from the database when not given). */
    services?: () => Promise<readonly Service[]>;
    searchWalk?: number;
  } = {},
): Promise<TicketListPage> {
  const view = query.view ?? (user.role === 'admin' ? 'all' : 'services');
  const sort: Sort = query.sort ?? 'activity';
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (view === 'all' && user.role !== 'admin') {
    throw new DomainError('forbidden', 'view: « all » is for administrators; use « services »');
  }
  if (user.role !== 'admin' && user.serviceIds.length === 0)
    return { tickets: [], total: 0, totalIsCapped: false, nextCursor: null };
  const after = query.cursor ? decodeCursor(query.cursor, sort) : null;
  const q = query.q?.trim() || undefined;
  // The same conditions (on the ticket's own columns) for the page and for the count, which needs no
  // join: counting then reads an index alone and stops at the cap.
  const filtered = (qb: SelectQueryBuilder<Ticket> = db.getRepository(Ticket).createQueryBuilder('t')) => {
    filterTickets(qb, user, view, query);
    return qb;
  };
  const scope = searchScope(user, query);
  const services = options.services ?? (() => db.getRepository(Service).find());
  // One row more than asked says whether there is a next page. Counted on another connection while
  // the page is read.
  const [total, tickets] = await Promise.all([
    q
      ? countCappedSql(db, ...indexedMatches(filtered().select('1'), q, scope), SEARCH_COUNT_CAP)
      : countCapped(filtered()),
    q
      ? searchPage(db, filtered, services, {
          sort,
          after,
          q,
          take: limit + 1,
          scope,
          walk: options.searchWalk ?? SEARCH_WALK,
        })
      : summaries(db, pageQuery(filtered(), sort, after).limit(limit + 1), services),
  ]);
  const cap = q ? SEARCH_COUNT_CAP : COUNT_CAP;
  const page = tickets.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    tickets.length > limit && last
      ? encodeCursor(sort === 'due' ? [last.slaSortKey, last.id] : [last.cursorAt, last.id])
      : null;
  return {
    tickets: page,
    total: Math.min(total, cap),
    totalIsCapped: total > cap,
    nextCursor,
  };
}

interface SummaryRow {
  id: string;
  reference: number;
  subject: string;
  status: Ticket['status'];
  priority: Ticket['priority'];
  platform: Ticket['platform'];
  created_at: Date;
  updated_at: Date;
  last_message_at: Date;
  cursor_at: string;
  first_response_due_at: Date | null;
  first_responded_at: Date | null;
  routing_explanation: string | null;
  tags: string[];
  sensitive: boolean;
  awaiting_approval: boolean;
  sla_kind: Ticket['slaKind'];
  sla_paused: boolean;
  sla_due_at: Date | null;
  sla_remaining_minutes: number | null;
  sla_sort_key: number;
  service_id: string;
  assignee_id: string | null;
  assignee_name: string | null;
  contact_id: string | null;
  contact_platform: NonNullable<TicketSummarySource['contact']>['platform'] | null;
  contact_handle: string | null;
  contact_name: string | null;
}

/**
 * The rows of `qb` (tickets aliased `t`, ordered and limited) as listed tickets: only the columns a
 * summary shows, read as plain rows (a list reads no routing details and hydrates no entities), with
 * each service from `services`.
 */
async function summaries(
  db: DataSource,
  qb: SelectQueryBuilder<Ticket>,
  services: () => Promise<readonly Service[]>,
): Promise<ListedTicket[]> {
  const [sql, params]: [string, unknown[]] = qb
    .select(
      `t.id, t.reference, t.subject, t.status, t.priority, t.platform, t.created_at, t.updated_at,
       t.last_message_at, t.last_message_at::text AS cursor_at, t.first_response_due_at,
       t.first_responded_at, t.routing_explanation, t.tags, t.sensitive, t.sla_kind, t.sla_paused,
       t.sla_due_at, t.sla_remaining_minutes, t.sla_sort_key, t.service_id, t.assignee_id,
       a.display_name AS assignee_name, c.id AS contact_id, c.platform AS contact_platform,
       c.handle AS contact_handle, c.display_name AS contact_name,
       ${awaitingApprovalSql('t')} AS awaiting_approval`,
    )
    .leftJoin('t.assignee', 'a')
    .leftJoin('t.contact', 'c')
    .getQueryAndParameters();
  const [rows, cached] = await Promise.all([db.query<SummaryRow[]>(sql, params), services()]);
  let byId = new Map(cached.map((service) => [service.id, service]));
  // A service created since the list was cached: read them all again rather than drop a row.
  if (rows.some((r) => !byId.has(r.service_id))) {
    byId = new Map((await db.getRepository(Service).find()).map((service) => [service.id, service]));
  }
  return rows.flatMap((r) => {
    const service = byId.get(r.service_id);
    if (!service) return [];
    return [
      {
        id: r.id,
        reference: r.reference,
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        platform: r.platform,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        lastMessageAt: r.last_message_at,
        firstResponseDueAt: r.first_response_due_at,
        firstRespondedAt: r.first_responded_at,
        routingExplanation: r.routing_explanation,
        tags: r.tags,
        sensitive: r.sensitive,
        awaitingApproval: r.awaiting_approval,
        slaKind: r.sla_kind,
        slaPaused: r.sla_paused,
        slaDueAt: r.sla_due_at,
        slaRemainingMinutes: r.sla_remaining_minutes,
        service,
        assignee: r.assignee_id ? { id: r.assignee_id, displayName: r.assignee_name ?? '' } : null,
        contact:
          r.contact_id && r.contact_platform
            ? {
                id: r.contact_id,
                platform: r.contact_platform,
                handle: r.contact_handle,
                displayName: r.contact_name,
              }
            : null,
        slaSortKey: r.sla_sort_key,
        cursorAt: r.cursor_at,
      },
    ];
  });
}

/**
 * Orders `qb` (tickets aliased `t`) by `sort` and starts it after `after`. The cursor keeps the
 * database's own text of the instant (microseconds), so that no row sharing a millisecond is skipped.
 */
function pageQuery(
  qb: SelectQueryBuilder<Ticket>,
  sort: Sort,
  after: Cursor | null,
): SelectQueryBuilder<Ticket> {
  startAfter(qb, sort, after);
  if (sort === 'due') qb.orderBy('t.slaSortKey', 'ASC').addOrderBy('t.id', 'ASC');
  else qb.orderBy('t.lastMessageAt', 'DESC').addOrderBy('t.id', 'DESC');
  return qb.addSelect('t.last_message_at::text', 'cursor_at');
}

function startAfter(qb: SelectQueryBuilder<Ticket>, sort: Sort, after: Cursor | null): void {
  if (!after) return;
  const [key, id] = after;
  if (sort === 'due') qb.andWhere('(t.slaSortKey, t.id) > (:key::float8, :id::uuid)', { key, id });
  else qb.andWhere('(t.lastMessageAt, t.id) < (:key::timestamptz, :id::uuid)', { key, id });
}

/** How many tickets, in list order, a search examines before it turns to the index (see searchPage). */
const SEARCH_WALK = 2000;

/**
 * A page of search results. A word found in many tickets (« poubelle » in the cleanliness service) is
 * found soonest by walking the inbox in its order and checking each ticket's search document; a rare
 * one by the GIN index, then sorting its few matches. The planner cannot tell which from its
 * statistics (a phrase like « nid de poule » is estimated as if its words were unrelated), so the
 * page first walks up to SEARCH_WALK tickets (a few milliseconds), and only when they hold too few
 * matches takes the rest, beyond them, from the index: by then the word is known to be rare.
 */
async function searchPage(
  db: DataSource,
  filtered: () => SelectQueryBuilder<Ticket>,
  services: () => Promise<readonly Service[]>,
  options: {
    sort: Sort;
    after: Cursor | null;
    q: string;
    take: number;
    /** The services the index lookup keeps to (null: all). */
    scope: string[] | null;
    walk: number;
  },
): Promise<ListedTicket[]> {
  const { sort, after, q, take, walk } = options;
  const [walkSql, walkParams]: [string, unknown[]] = pageQuery(filtered(), sort, after)
    .select('t.id', 'id')
    .addSelect('t.last_message_at', 'last_message_at')
    .addSelect('t.sla_sort_key', 'sort_key')
    .addSelect('t.last_message_at::text', 'cursor_at')
    .limit(walk)
    .getQueryAndParameters();
  const order = (alias: string) =>
    sort === 'due'
      ? `${alias}.sort_key ASC, ${alias}.id ASC`
      : `${alias}.last_message_at DESC, ${alias}.id DESC`;
  // Numbered in walk order; the walk's last ticket is returned even when it does not match, as the
  // boundary from which the index takes over. Each document is read by its key as the walk reaches
  // it (LIMIT 1 keeps the planner from joining all the documents at once instead), and the outer LIMIT
  // stops the walk as soon as the page is full: the order is the walk's, so nothing is sorted.
  const walked: Array<{ id: string; sort_key: number; cursor_at: string; n: string; hit: boolean }> =
    await db.query(
      `SELECT * FROM (
         SELECT w.*, row_number() OVER (ORDER BY ${order('w')}) AS n, coalesce(m.hit, false) AS hit
           FROM (${walkSql}) AS w
           LEFT JOIN LATERAL (
             SELECT s.document @@ ${searchQuerySql(`$${walkParams.length + 1}`)} AS hit
               FROM ticket_search s WHERE s.ticket_id = w.id LIMIT 1
           ) AS m ON true
       ) AS c
       WHERE c.hit OR c.n = ${walk}
       ORDER BY ${order('c')}
       LIMIT ${take}`,
      [...walkParams, q],
    );
  const ids = walked.filter((row) => row.hit).map((row) => row.id);
  const boundary = walked.find((row) => Number(row.n) === walk);
  if (ids.length < take && boundary) {
    // The rest, beyond the boundary, from the index: every match, checked against the filters and
    // sorted; few, since the walk found the word rare.
    const beyond = filtered()
      .select('t.id', 'id')
      .addSelect('t.last_message_at', 'last_message_at')
      .addSelect('t.sla_sort_key', 'sort_key');
    startAfter(beyond, sort, [sort === 'due' ? boundary.sort_key : boundary.cursor_at, boundary.id]);
    const [from, params] = indexedMatches(beyond, q, options.scope);
    const found: Array<{ id: string }> = await db.query(
      `SELECT f.id ${from} ORDER BY ${order('f')} LIMIT ${take - ids.length}`,
      params,
    );
    ids.push(...found.map((row) => row.id));
  }
  if (ids.length === 0) return [];
  return summaries(db, pageQuery(filtered().andWhere('t.id = ANY(:ids)', { ids }), sort, null), services);
}

/**
 * `FROM … WHERE …` of the tickets matching `q` found by the GIN index (within `scope`'s services when given),
 * each checked by its key against `tickets` (a query on tickets aliased `t`, whose selection becomes `f`).
 */
function indexedMatches(
  tickets: SelectQueryBuilder<Ticket>,
  q: string,
  scope: string[] | null,
): [string, unknown[]] {
  // LIMIT 1 (one ticket per key): looked up for each match, not all the service's tickets hashed.
  const [sql, params]: [string, unknown[]] = tickets
    .andWhere('t.id = s.ticket_id')
    .limit(1)
    .getQueryAndParameters();
  const inScope = scope ? `s.service_id = ANY($${params.length + 2}::uuid[]) AND ` : '';
  return [
    `FROM ticket_search s CROSS JOIN LATERAL (${sql}) AS f
     WHERE ${inScope}s.document @@ ${searchQuerySql(`$${params.length + 1}`)}`,
    [...params, q, ...(scope ? [scope] : [])],
  ];
}

/** The services a search's index lookup may keep to: the one asked for, else the agent's own. */
function searchScope(user: AuthUser, query: ListTicketsQuery): string[] | null {
  if (query.serviceId) return [query.serviceId];
  return user.role === 'admin' ? null : user.serviceIds;
}

function filterTickets(
  qb: SelectQueryBuilder<Ticket>,
  user: AuthUser,
  view: NonNullable<ListTicketsQuery['view']>,
  query: ListTicketsQuery,
): void {
  if (user.role !== 'admin') qb.andWhere('t.serviceId = ANY(:services)', { services: user.serviceIds });
  if (view === 'mine') qb.andWhere('t.assigneeId = :me', { me: user.id });
  if (view === 'unassigned') qb.andWhere('t.assigneeId IS NULL');
  if (view === 'due') qb.andWhere('t.slaWarningAt <= now()');
  if (view === 'approval') qb.andWhere(awaitingApprovalSql('t'));
  if (query.serviceId) qb.andWhere('t.serviceId = :serviceId', { serviceId: query.serviceId });
  if (query.assigneeId) qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
  // Compared as the enums they are (the DTO checked the values), so that indexes on them serve.
  if (query.status?.length)
    qb.andWhere('t.status = ANY(:statuses::ticket_status[])', { statuses: query.status });
  if (query.priority?.length)
    qb.andWhere('t.priority = ANY(:priorities::ticket_priority[])', { priorities: query.priority });
  if (query.platform?.length)
    qb.andWhere('t.platform = ANY(:platforms::ticket_platform[])', { platforms: query.platform });
  if (query.tag?.length) qb.andWhere('t.tags && :tags::text[]', { tags: query.tag });
}

function countCapped(qb: SelectQueryBuilder<Ticket>): Promise<number> {
  const [sql, params] = qb.select('1').getQueryAndParameters();
  return countCappedSql(qb.connection, `FROM (${sql}) AS rows`, params);
}

/** How many rows `from` (a FROM … WHERE … clause) gives, counting no further than just past the cap. */
async function countCappedSql(
  db: DataSource,
  from: string,
  params: unknown[],
  cap = COUNT_CAP,
): Promise<number> {
  const rows: Array<{ n: number }> = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap + 1}) AS capped`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/**
 * A person's tickets (the contact and the identities merged into it) that `user` may see, newest
 * activity first.
 */
export function ticketsOfContact(
  db: DataSource,
  user: AuthUser,
  contactId: string,
  options: { except?: string; limit: number },
): Promise<SummaryTicket[]> {
  const qb = ticketWithRelations(db)
    .where(
      't.contactId IN (SELECT c.id FROM contacts c WHERE c.id = :contactId OR c.merged_into_id = :contactId)',
      { contactId },
    )
    .orderBy('t.lastMessageAt', 'DESC')
    .addOrderBy('t.id', 'DESC')
    .limit(options.limit);
  if (options.except) qb.andWhere('t.id <> :except', { except: options.except });
  if (user.role !== 'admin') qb.andWhere('t.serviceId = ANY(:services)', { services: user.serviceIds });
  return summaryTickets(qb);
}
