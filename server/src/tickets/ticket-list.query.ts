import type { ListTicketsQuery } from '@guichet/shared/dto';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import { MESSAGE_SEARCH_VECTOR, searchQuerySql } from './message-search';
import { ticketWithRelations } from './ticket-queries';
import { Ticket } from './ticket.entity';

/** Counting stops here: "1 000+" is all an inbox needs, and an exact count of a large service is slow. */
const COUNT_CAP = 1000;
const DEFAULT_LIMIT = 50;

export interface TicketListPage {
  tickets: Ticket[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
}

/** The sort key of the last row of a page, opaque to clients. */
type Cursor = [number | string, string];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: 'activity' | 'due'): Cursor {
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
): Promise<TicketListPage> {
  const view = query.view ?? (user.role === 'admin' ? 'all' : 'services');
  const sort = query.sort ?? 'activity';
  const limit = query.limit ?? DEFAULT_LIMIT;
  const qb = ticketWithRelations(db);

  if (view === 'all' && user.role !== 'admin') {
    throw new DomainError('forbidden', 'view: « all » is for administrators; use « services »');
  }
  if (user.role !== 'admin' && user.serviceIds.length === 0)
    return { tickets: [], total: 0, totalIsCapped: false, nextCursor: null };
  // The same conditions (on the ticket's own columns) for the page and for the count, which needs no
  // join: counting then reads an index alone and stops at the cap.
  const countQuery = db.getRepository(Ticket).createQueryBuilder('t');
  for (const target of [qb, countQuery]) filterTickets(target, user, view, query);
  if (query.cursor) {
    const [key, id] = decodeCursor(query.cursor, sort);
    if (sort === 'due') qb.andWhere('(t.slaSortKey, t.id) > (:key::float8, :id::uuid)', { key, id });
    else qb.andWhere('(t.lastMessageAt, t.id) < (:key::timestamptz, :id::uuid)', { key, id });
  }
  if (sort === 'due') qb.orderBy('t.slaSortKey', 'ASC').addOrderBy('t.id', 'ASC');
  else qb.orderBy('t.lastMessageAt', 'DESC').addOrderBy('t.id', 'DESC');
  // One row more than asked says whether there is a next page. The cursor keeps the database's own
  // text of the instant (microseconds), so that no row sharing a millisecond is skipped.
  // Counted on another connection while the page is read.
  const [total, { entities, raw }] = await Promise.all([
    countCapped(countQuery),
    qb
      .addSelect('t.last_message_at::text', 'cursor_at')
      .limit(limit + 1)
      .getRawAndEntities<{ cursor_at: string }>(),
  ]);
  const tickets = entities.slice(0, limit);
  const last = tickets.at(-1);
  const lastRaw = raw[tickets.length - 1];
  const nextCursor =
    entities.length > limit && last && lastRaw
      ? encodeCursor(sort === 'due' ? [last.slaSortKey, last.id] : [lastRaw.cursor_at, last.id])
      : null;
  return { tickets, total: Math.min(total, COUNT_CAP), totalIsCapped: total > COUNT_CAP, nextCursor };
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
  if (query.serviceId) qb.andWhere('t.serviceId = :serviceId', { serviceId: query.serviceId });
  if (query.assigneeId) qb.andWhere('t.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
  // Compared as the enums they are (the DTO checked the values), so that indexes on them serve.
  if (query.status?.length)
    qb.andWhere('t.status = ANY(:statuses::ticket_status[])', { statuses: query.status });
  if (query.priority?.length)
    qb.andWhere('t.priority = ANY(:priorities::ticket_priority[])', { priorities: query.priority });
  if (query.platform?.length)
    qb.andWhere('t.platform = ANY(:platforms::ticket_platform[])', { platforms: query.platform });
  const q = query.q?.trim();
  if (q) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND ${MESSAGE_SEARCH_VECTOR} @@ ${searchQuerySql(':q')})`,
      { q },
    );
  }
}

async function countCapped(qb: SelectQueryBuilder<Ticket>): Promise<number> {
  const [sql, params] = qb.select('1').getQueryAndParameters();
  const rows: Array<{ n: number }> = await qb.connection.query(
    `SELECT count(*)::int AS n FROM (${sql} LIMIT ${COUNT_CAP + 1}) AS capped`,
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
): Promise<Ticket[]> {
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
  return qb.getMany();
}
