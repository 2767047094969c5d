import { TICKET_STATUSES, type TicketStatus } from '@guichet/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from './ticket.entity';

/** Every status a ticket took and when: the SLA clocks' pauses are derived from it. */
@Entity({ name: 'ticket_status_changes' })
@Index('ix_ticket_status_changes_ticket', ['ticketId', 'at'])
export class TicketStatusChange {
  /** Increasing, so changes recorded at the same instant keep their order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket: Ticket;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: TICKET_STATUSES,
    enumName: 'ticket_status_change_from',
    nullable: true,
  })
  fromStatus: TicketStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: TICKET_STATUSES, enumName: 'ticket_status_change_to' })
  toStatus: TicketStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** null when the system changed it (a citizen's message reopening the ticket). */
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;
}
