import { PLATFORMS, type Platform } from '@guichet/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const INBOUND_SOURCES = ['webhook', 'poll', 'stream'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

export const INBOUND_RECORD_STATUSES = ['pending', 'done', 'failed'] as const;
export type InboundRecordStatus = (typeof INBOUND_RECORD_STATUSES)[number];

/**
 * An event as received from a platform, stored before anything else is done with it: a webhook is
 * acknowledged and a poll cursor moved only once its events are here. Processed in batches; kept a
 * while after processing (what happened to it), and kept for good when it keeps failing.
 */
@Entity({ name: 'inbound_events' })
@Index('ix_inbound_events_pending', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_inbound_events_processed', ['processedAt'], { where: `"status" = 'done'` })
export class InboundEventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: INBOUND_SOURCES, enumName: 'inbound_event_source' })
  source: InboundSource;

  @Column({ type: 'enum', enum: PLATFORMS, enumName: 'inbound_event_platform' })
  platform: Platform;

  @Column({ name: 'account_external_id', type: 'varchar', length: 200 })
  accountExternalId: string;

  /** The normalised event (channels/inbound-event.ts), with the platform's raw payload inside. */
  @Column({ type: 'jsonb' })
  event: object;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({
    type: 'enum',
    enum: INBOUND_RECORD_STATUSES,
    enumName: 'inbound_event_status',
    default: 'pending',
  })
  status: InboundRecordStatus;

  /** Failed attempts so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** What processing did: created, appended, duplicate, updated, ignored. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: string | null;

  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
