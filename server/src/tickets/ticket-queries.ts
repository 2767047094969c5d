import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
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

export function loadTicket(db: DataSource | EntityManager, id: string): Promise<Ticket | null> {
  return ticketWithRelations(db).where('t.id = :id', { id }).getOne();
}

/** A message with what a MessageView shows. */
export function loadMessage(db: DataSource | EntityManager, id: string): Promise<Message | null> {
  return db
    .getRepository(Message)
    .createQueryBuilder('m')
    .leftJoinAndSelect('m.authorContact', 'authorContact')
    .leftJoinAndSelect('m.authorUser', 'authorUser')
    .where('m.id = :id', { id })
    .getOne();
}

export function loadThread(db: DataSource | EntityManager, ticketId: string): Promise<Message[]> {
  return db
    .getRepository(Message)
    .createQueryBuilder('m')
    .leftJoinAndSelect('m.authorContact', 'authorContact')
    .leftJoinAndSelect('m.authorUser', 'authorUser')
    .where('m.ticketId = :ticketId', { ticketId })
    .orderBy('m.sentAt', 'ASC')
    .addOrderBy('m.createdAt', 'ASC')
    .getMany();
}
