import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from './ticket.entity';

/**
 * A ticket's search document: the French tsvector of all its messages' text (inbound, replies, internal
 * notes), accents folded (message-search.ts). Maintained by PostgreSQL itself: statement-level triggers
 * on messages append what a statement inserts and recompute what it edits or deletes, and a trigger on
 * tickets follows a re-route (migration AddTicketSearch). The application never writes it.
 *
 * One row per ticket, in a table of its own rather than a column of tickets: appending a reply then
 * rewrites a narrow row with two indexes, not the wide ticket row and its dozen indexes.
 */
@Entity({ name: 'ticket_search' })
// GIN over (service, document) with btree_gin: a search within services reads only their postings.
// Made by hand in the migration (TypeORM only makes btrees), left alone by the schema diff.
@Index('ix_ticket_search_document', { synchronize: false })
export class TicketSearchDocument {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @OneToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** The ticket's service, copied so that the index can restrict a search to services. */
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @Column({ type: 'tsvector', select: false })
  document: string;
}
