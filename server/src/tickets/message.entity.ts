import {
  DELIVERY_STATUSES,
  type ApprovalReason,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  MESSAGE_PLATFORM_STATES,
  type DeliveryStatus,
  type MessageDirection,
  type MessageKind,
  type MessagePlatformState,
} from '@guichet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Answer } from '../answers/answer.entity';
import type { AnswerVersion } from '../answers/answer-version.entity';
import { ChannelAccount } from '../channels/channel-account.entity';
import { Contact } from '../contacts/contact.entity';
import { User } from '../users/user.entity';
import { Ticket } from './ticket.entity';

@Entity({ name: 'messages' })
// The same platform message, by webhook, poll or replay, is stored once.
@Index('uq_messages_account_platform_id', ['channelAccountId', 'platformMessageId'], {
  unique: true,
  where: '"platform_message_id" IS NOT NULL',
})
@Index('ix_messages_ticket_created', ['ticketId', 'createdAt'])
// The approval queue and the inbox view « en attente de validation »: few rows at any time.
@Index('ix_messages_pending_approval', ['ticketId'], { where: `"delivery_status" = 'pending_approval'` })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket: Ticket;

  @Column({ name: 'channel_account_id', type: 'uuid', nullable: true })
  channelAccountId: string | null;

  @ManyToOne(() => ChannelAccount, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_account_id' })
  channelAccount: ChannelAccount | null;

  @Column({ name: 'platform_message_id', type: 'varchar', length: 200, nullable: true })
  platformMessageId: string | null;

  /** The platform id this message answers (the parent comment, the post). */
  @Column({ name: 'platform_parent_id', type: 'varchar', length: 200, nullable: true })
  platformParentId: string | null;

  @Column({ type: 'enum', enum: MESSAGE_DIRECTIONS, enumName: 'message_direction' })
  direction: MessageDirection;

  @Column({ type: 'enum', enum: MESSAGE_KINDS, enumName: 'message_kind' })
  kind: MessageKind;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'author_contact_id', type: 'uuid', nullable: true })
  authorContactId: string | null;

  @ManyToOne(() => Contact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_contact_id' })
  authorContact: Contact | null;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_user_id' })
  authorUser: User | null;

  @Column({ name: 'delivery_status', type: 'enum', enum: DELIVERY_STATUSES, enumName: 'delivery_status' })
  deliveryStatus: DeliveryStatus;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError: string | null;

  /** Whether the citizen's message is still visible on the platform. */
  @Column({
    name: 'platform_state',
    type: 'enum',
    enum: MESSAGE_PLATFORM_STATES,
    enumName: 'message_platform_state',
    default: 'visible',
  })
  platformState: MessagePlatformState;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** When it was written on the platform. */
  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  /** Outbox: how many times sending was tried, and when to try again (queued replies only). */
  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts: number;

  @Index('ix_messages_outbox_due', { where: `"delivery_status" = 'queued'` })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** First try: a later try first looks on the platform for a copy posted since then. */
  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null;

  /** A sender holds the message until then; an expired claim means that sender died. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil: Date | null;

  /** What a reply to this message needs on its platform (recipient, visibility…). */
  @Column({ name: 'reply_hints', type: 'jsonb', nullable: true })
  replyHints: Record<string, string> | null;

  /** The platform's payload as received, so nothing a citizen sent is lost to normalisation. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  raw: unknown;

  /** The validated answer (and version) a reply was written from, and whether more than its placeholders changed. */
  @Column({ name: 'answer_id', type: 'uuid', nullable: true })
  answerId: string | null;

  @ManyToOne(() => Answer, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'answer_id' })
  answer: Answer | null;

  @Column({ name: 'answer_version', type: 'integer', nullable: true })
  answerVersion: number | null;

  @Column({ name: 'answer_edited', type: 'boolean', nullable: true })
  answerEdited: boolean | null;

  /** Why the reply needed a service head's approval; null on replies that did not. */
  @Column({ name: 'approval_reasons', type: 'jsonb', nullable: true })
  approvalReasons: ApprovalReason[] | null;

  /** The head who approved or rejected it, and when. */
  @Column({ name: 'approval_decided_by_id', type: 'uuid', nullable: true })
  approvalDecidedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approval_decided_by_id' })
  approvalDecidedBy: User | null;

  @Column({ name: 'approval_decided_at', type: 'timestamptz', nullable: true })
  approvalDecidedAt: Date | null;

  /** The rejecting head's comment to the author. */
  @Column({ name: 'approval_comment', type: 'text', nullable: true })
  approvalComment: string | null;

  /** The author's text when the approving head edited it (`body` is what was sent). */
  @Column({ name: 'original_body', type: 'text', nullable: true })
  originalBody: string | null;

  /** That answer version, when a query joins it (for its title). Not a column. */
  answerSource?: AnswerVersion | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
