import { PLATFORMS, type Platform } from '@guichet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const CHANNEL_ACCOUNT_STATUSES = ['active', 'paused'] as const;
export type ChannelAccountStatus = (typeof CHANNEL_ACCOUNT_STATUSES)[number];

/** A connected account of the town on a platform (a Facebook Page, a Mastodon account…). */
@Entity({ name: 'channel_accounts' })
@Unique('uq_channel_accounts_platform_external', ['platform', 'externalId'])
export class ChannelAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: PLATFORMS, enumName: 'channel_account_platform' })
  platform: Platform;

  /** The platform's id of the account (the Page id for Facebook). */
  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Access token and secrets, AES-256-GCM encrypted; never returned by the API. */
  @Column({ name: 'credentials_encrypted', type: 'text', nullable: true, select: false })
  credentialsEncrypted: string | null;

  @Column({
    type: 'enum',
    enum: CHANNEL_ACCOUNT_STATUSES,
    enumName: 'channel_account_status',
    default: 'active',
  })
  status: ChannelAccountStatus;

  /** The platform's base URL for this account (a Mastodon instance); null: the configured default. */
  @Column({ name: 'base_url', type: 'varchar', length: 300, nullable: true })
  baseUrl: string | null;

  /** Polling: the platform cursor of the newest item stored, and when to poll next. */
  @Column({ name: 'poll_cursor', type: 'varchar', length: 200, nullable: true })
  pollCursor: string | null;

  @Column({ name: 'next_poll_at', type: 'timestamptz', nullable: true })
  nextPollAt: Date | null;

  /** A poller holds the account until then; an expired hold means that poller died. */
  @Column({ name: 'poll_claimed_until', type: 'timestamptz', nullable: true })
  pollClaimedUntil: Date | null;

  /** Polls failed in a row (0 after a success): the back-off grows with it. */
  @Column({ name: 'poll_failures', type: 'integer', default: 0 })
  pollFailures: number;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  @Column({ name: 'last_webhook_at', type: 'timestamptz', nullable: true })
  lastWebhookAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
