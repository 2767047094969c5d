import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AnswerVersion } from '../answers/answer-version.entity';
import { Message } from './message.entity';
import { Ticket } from './ticket.entity';

/** A ticket query with what a TicketSummary shows. */
export function ticketWithRelations(db: DataSource | EntityManager): SelectQueryBuilder<Ticket> {
  return db
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .innerJoinAndSelect('t.service', 'service')
    .leftJoinAndSelect('t.assignee', 'assignee')
    .leftJoinAndSelect('t.contact', 'contact');
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

export function loadTickets(db: DataSource | EntityManager, ids: string[]): Promise<Ticket[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return ticketWithRelations(db).where('t.id = ANY(:ids)', { ids }).getMany();
}

export async function loadTicket(db: DataSource | EntityManager, id: string): Promise<Ticket | null> {
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
