import type { MessageKind, Platform } from '@guichet/shared';
import type { InboundEvent } from './inbound-event';

/**
 * One interface per platform (channels/<platform>/): normalise what arrives, fetch what was missed
 * since a stored cursor, send a reply, and say what a platform error means.
 */
export interface ChannelConnector<Credentials> {
  readonly platform: Platform;

  /**
   * Everything newer than `cursor` (null: the first poll), oldest first, following the platform's
   * pagination to its end, and the cursor to store for next time (unchanged when nothing is new).
   */
  fetchSince(account: ConnectorAccount<Credentials>, cursor: string | null): Promise<FetchResult>;

  /** Posts `body` as a reply to `target`; returns the platform's id of the reply. */
  sendReply(
    account: ConnectorAccount<Credentials>,
    target: ReplyTarget,
    body: string,
  ): Promise<{ platformMessageId: string }>;

  /**
   * Reconciliation before a retry: the id of a reply with this text that the account already posted to
   * `target` since `since` (an earlier try reached the platform but its answer was lost), or null.
   * Without it, a retry after a lost answer may post twice.
   */
  findPostedReply?(
    account: ConnectorAccount<Credentials>,
    target: ReplyTarget,
    body: string,
    since: Date,
  ): Promise<string | null>;

  /** Why a reply to `target` cannot be sent at all now (Meta's 24-hour window), or null. */
  replyRefusal?(target: Pick<ReplyTarget, 'kind' | 'sentAt'>, now: Date): string | null;
}

export interface ConnectorAccount<Credentials> {
  /** The town's id on the platform (Page id, Mastodon account id, X user id). */
  externalId: string;
  credentials: Credentials;
  /** Platform base URL, from configuration (a fake server in tests and the demo). */
  baseUrl: string;
}

export interface FetchResult {
  events: InboundEvent[];
  cursor: string | null;
  /** The platform's rate limit is (nearly) used up: do not poll again before this many milliseconds. */
  waitMs?: number;
}

/** What a reply answers: the citizen's message and what the platform needs to thread under it. */
export interface ReplyTarget {
  platformMessageId: string;
  kind: MessageKind;
  /** Platform details kept from the inbound message (e.g. Mastodon visibility and author acct). */
  hints: Record<string, string>;
  /** When the citizen's message was written (messaging windows). */
  sentAt: Date;
}

export const PLATFORM_ERROR_KINDS = [
  'rate_limited', // 429 or quota headers: retry after `retryAfterMs`
  'transient', // 5xx, timeouts, network: retry with back-off
  'auth', // token expired or revoked: an admin must reconnect the account
  'window_closed', // messaging window over (Meta 24 h): cannot be sent, tell the agent why
  'rejected', // the platform refused this content or target: do not retry
] as const;
export type PlatformErrorKind = (typeof PLATFORM_ERROR_KINDS)[number];

/** A platform's refusal, mapped to what Guichet should do about it; `message` is the platform's own. */
export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly options: { httpStatus?: number; code?: string | number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}
