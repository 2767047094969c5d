import { SLA_CLOCK_KINDS, SLA_CLOCK_STATES, type SlaClockKind, type SlaClockState } from '@guichet/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';

/**
 * One SLA clock of a ticket, recomputed from the ticket's history whenever it changes. The row is
 * also the durable schedule of its warning and breach: the alerts worker claims due rows atomically.
 */
@Entity({ name: 'ticket_sla_clocks' })
@Index('ix_sla_clocks_warning_due', ['warningAt'], { where: '"warned_at" IS NULL AND "achieved_at" IS NULL' })
@Index('ix_sla_clocks_breach_due', ['deadlineAt'], {
  where: '"breached_at" IS NULL AND "achieved_at" IS NULL',
})
export class TicketSlaClock {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @PrimaryColumn({ type: 'enum', enum: SLA_CLOCK_KINDS, enumName: 'sla_clock_kind' })
  kind: SlaClockKind;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket: Ticket;

  @Column({ type: 'enum', enum: SLA_CLOCK_STATES, enumName: 'sla_clock_state' })
  state: SlaClockState;

  @Column({ name: 'target_minutes', type: 'integer' })
  targetMinutes: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** null while paused. */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt: Date | null;

  @Column({ name: 'warning_at', type: 'timestamptz', nullable: true })
  warningAt: Date | null;

  @Column({ name: 'remaining_minutes', type: 'double precision' })
  remainingMinutes: number;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;

  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true })
  pausedSince: Date | null;

  @Column({ name: 'achieved_at', type: 'timestamptz', nullable: true })
  achievedAt: Date | null;

  @Column({ name: 'achieved_business_minutes', type: 'double precision', nullable: true })
  achievedBusinessMinutes: number | null;

  @Column({ name: 'achieved_calendar_minutes', type: 'double precision', nullable: true })
  achievedCalendarMinutes: number | null;

  /** Set once the warning was pushed; cleared if the deadline moves back into the future. */
  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt: Date | null;
}
