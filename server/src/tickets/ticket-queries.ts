import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AnswerVersion } from '../answers/answer-version.entity';
import { Message } from './message.entity';
import { Ticket } from './ticket.entity';

/** A ticket as a TicketSummary shows it: the entity, and whether a reply on it waits for approval. */
export type SummaryTicket = Ticket & { awaitingApproval: boolean };

/** Whether a reply on the ticket aliased `alias` waits for approval (the partial index ix_messages_pending_approval answers it). */
export function awaitingApprovalSql(alias: string): string {
  return `EXISTS (SELECT 1 FROM messages pa WHERE pa.ticket_id = ${alias}.id AND pa.delivery_status = 'pending_approval')`;
}

/** A ticket query with what a TicketSummary shows; read it with summaryTickets(). */
export function ticketWithRelations(db: DataSource | EntityManager): SelectQueryBuilder<Ticket> {
  return db
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .innerJoinAndSelect('t.service', 'service')
    .leftJoinAndSelect('t.assignee', 'assignee')
    .leftJoinAndSelect('t.contact', 'contact')
    .addSelect(awaitingApprovalSql('t'), 't_awaiting_approval');
}

/** The tickets of a ticketWithRelations() query, each with its approval flag (read in the same query). */
export async function summaryTickets(qb: SelectQueryBuilder<Ticket>): Promise<SummaryTicket[]> {
  const { entities, raw } = await qb.getRawAndEntities<{ t_id: string; t_awaiting_approval: boolean }>();
  const awaiting = new Map(raw.map((row) => [row.t_id, row.t_awaiting_approval]));
  return entities.map((ticket) =>
    Object.assign(ticket, { awaitingApproval: awaiting.get(ticket.id) === true }),
  );
}

/** A message query with what a MessageView shows. */
function messageWithRelations(db: DataSource | EntityManager): SelectQueryBuilder<Message> {
  return db
    .getRepository(Message)
    .createQueryBuilder('m')
    .leftJoinAndSelect('m.authorContact', 'authorContact')
    .leftJoinAndSelect('m.authorUser', 'authorUser')
    .leftJoinAndSelect('m.approvalDecidedBy', 'approvalDecidedBy')
    .leftJoinAndMapOne(
      'm.answerSource',
      AnswerVersion,
      'answerSource',
      'answerSource.answerId = m.answerId AND answerSource.version = m.answerVersion',
    );
}

export function loadTickets(db: DataSource | EntityManager, ids: string[]): Promise<SummaryTicket[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return summaryTickets(ticketWithRelations(db).where('t.id = ANY(:ids)', { ids }));
}

export async function loadTicket(db: DataSource | EntityManager, id: string): Promise<SummaryTicket | null> {
  return (await loadTickets(db, [id]))[0] ?? null;
}

export function loadMessages(db: DataSource | EntityManager, ids: string[]): Promise<Message[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return messageWithRelations(db).where('m.id = ANY(:ids)', { ids }).getMany();
}

export async function loadMessage(db: DataSource | EntityManager, id: string): Promise<Message | null> {
  return (await loadMessages(db, [id]))[0] ?? null;
}

export function loadThread(db: DataSource | EntityManager, ticketId: string): Promise<Message[]> {
  return messageWithRelations(db)
    .where('m.ticketId = :ticketId', { ticketId })
    .orderBy('m.sentAt', 'ASC')
    .addOrderBy('m.createdAt', 'ASC')
    .getMany();
}
