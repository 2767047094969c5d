import {
  PLATFORMS,
  SLA_CLOCK_KINDS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type Platform,
  type SlaClockKind,
  type TicketPriority,
  type TicketStatus,
} from '@guichet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ChannelAccount } from '../channels/channel-account.entity';
import type { StoredRoutingDecision } from '../routing/stored-decision';
import { Contact } from '../contacts/contact.entity';
import { Service } from '../services/service.entity';
import { User } from '../users/user.entity';

/** Where a comment was written: the public post it answers. */
export interface TicketContext {
  postId: string | null;
  permalink: string | null;
}

@Entity({ name: 'tickets' })
// The inbox, by activity or by deadline, for one service or all of them: keyset pagination walks these.
@Index('ix_tickets_service_activity', ['serviceId', 'lastMessageAt', 'id'])
@Index('ix_tickets_service_due', ['serviceId', 'slaSortKey', 'id'])
// The inbox's capped count of a service's tickets in some statuses, read from the index alone.
@Index('ix_tickets_service_status', ['serviceId', 'status'])
@Index('ix_tickets_activity', ['lastMessageAt', 'id'])
// The inbox's tag filter (tags && $1): a GIN index, made by hand in the migration AddTicketTagsIndex.
@Index('ix_tickets_tags', { synchronize: false })
@Index('ix_tickets_due', ['slaSortKey', 'id'])
@Index('ix_tickets_assignee_activity', ['assigneeId', 'lastMessageAt', 'id'])
@Index('ix_tickets_thread', ['channelAccountId', 'threadKey'])
// A person's tickets (contact page, the ticket page's other requests, merges, visibility checks).
@Index('ix_tickets_contact_activity', ['contactId', 'lastMessageAt', 'id'])
// Open-ticket counts per agent, read by round-robin assignment at each batch.
@Index('ix_tickets_open_by_assignee', ['assigneeId', 'serviceId'], {
  where: `status NOT IN ('resolved', 'closed')`,
})
export class Ticket {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The short number agents say aloud ("le ticket 1042"). */
  @Column({ type: 'integer', unique: true })
  @Generated('increment')
  reference: number;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'enum', enum: TICKET_STATUSES, enumName: 'ticket_status', default: 'new' })
  status: TicketStatus;

  @Column({ type: 'enum', enum: TICKET_PRIORITIES, enumName: 'ticket_priority', default: 'normal' })
  priority: TicketPriority;

  @Column({ type: 'enum', enum: PLATFORMS, enumName: 'ticket_platform' })
  platform: Platform;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id' })
  service: Service;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee: User | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact: Contact | null;

  @Column({ name: 'channel_account_id', type: 'uuid', nullable: true })
  channelAccountId: string | null;

  @ManyToOne(() => ChannelAccount, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_account_id' })
  channelAccount: ChannelAccount | null;

  /** Messages with the same thread key on the same account join this ticket (a comment and its replies). */
  @Column({ name: 'thread_key', type: 'varchar', length: 200, nullable: true })
  threadKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  context: TicketContext | null;

  /** The closed ticket of the same thread this one follows, when the citizen wrote after the reopen window. */
  @Column({ name: 'previous_ticket_id', type: 'uuid', nullable: true })
  previousTicketId: string | null;

  @ManyToOne(() => Ticket, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_ticket_id' })
  previousTicket: Ticket | null;

  @Column({ name: 'routing_explanation', type: 'text', nullable: true })
  routingExplanation: string | null;

  /** The routing decision as made when the ticket opened: matched rules, or the classifier's top three. */
  @Column({ type: 'jsonb', nullable: true })
  routing: StoredRoutingDecision | null;

  /** When an agent last moved the ticket to another service: its service is then a training label. */
  @Column({ name: 'rerouted_at', type: 'timestamptz', nullable: true })
  reroutedAt: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** Replies need a service head's approval (a routing rule said so). */
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  @Column({ name: 'last_message_at', type: 'timestamptz' })
  lastMessageAt: Date;

  @Column({ name: 'first_response_due_at', type: 'timestamptz', nullable: true })
  firstResponseDueAt: Date | null;

  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt: Date | null;

  /** The running or paused clock due first, for the inbox to sort and show (null: no clock left). */
  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true })
  slaDueAt: Date | null;

  @Column({
    name: 'sla_kind',
    type: 'enum',
    enum: SLA_CLOCK_KINDS,
    enumName: 'ticket_sla_kind',
    nullable: true,
  })
  slaKind: SlaClockKind | null;

  @Column({ name: 'sla_paused', type: 'boolean', default: false })
  slaPaused: boolean;

  /**
   * The inbox's deadline order in one number: a running clock's deadline (epoch seconds), then paused
   * clocks (by staffed minutes left), then tickets with no clock (SLA_SORT_NONE).
   */
  @Column({ name: 'sla_sort_key', type: 'double precision', default: 999_999_999_999_999 })
  slaSortKey: number;

  /** When the inbox clock reaches its warning share: "due soon" from then on. */
  @Column({ name: 'sla_warning_at', type: 'timestamptz', nullable: true })
  slaWarningAt: Date | null;

  /** Business minutes left on that clock when it was paused. */
  @Column({ name: 'sla_remaining_minutes', type: 'double precision', nullable: true })
  slaRemainingMinutes: number | null;

  /** Business minutes (staffed time) from creation to the first reply. */
  @Column({ name: 'first_response_business_minutes', type: 'double precision', nullable: true })
  firstResponseBusinessMinutes: number | null;

  /** Calendar minutes from creation to the first reply, stored so the dashboard never recomputes it. */
  @Column({ name: 'first_response_minutes', type: 'double precision', nullable: true })
  firstResponseMinutes: number | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
