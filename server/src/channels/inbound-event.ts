import type { MessageKind, Platform } from '@guichet/shared';

export interface InboundAuthor {
  platformUserId: string;
  displayName: string | null;
  handle: string | null;
}

/** A citizen's message, normalised from any platform. */
export interface InboundMessage {
  type: 'message';
  platform: Platform;
  /** The town's account on the platform (the Page id). */
  accountExternalId: string;
  kind: MessageKind;
  platformMessageId: string;
  platformParentId: string | null;
  /** Messages with the same key on the same account belong to the same conversation. */
  threadKey: string;
  author: InboundAuthor | null;
  body: string;
  sentAt: Date;
  context: { postId: string | null; permalink: string | null } | null;
  /** What a reply needs later (see ReplyTarget.hints), e.g. `{ visibility: 'direct', acct: 'marie@piaille.fr' }`. */
  replyHints?: Record<string, string>;
  raw: unknown;
}

/** A message already stored was edited, hidden or removed on the platform. */
export interface InboundChange {
  type: 'edited' | 'hidden' | 'unhidden' | 'removed';
  platform: Platform;
  accountExternalId: string;
  platformMessageId: string;
  body: string | null;
  at: Date;
  raw: unknown;
}

export type InboundEvent = InboundMessage | InboundChange;

/** An event read back from storage (JSON): its instants become dates again. */
export function reviveInboundEvent(stored: unknown): InboundEvent {
  const event = stored as InboundEvent & { sentAt?: string | Date; at?: string | Date };
  if (event.type === 'message') return { ...event, sentAt: new Date(event.sentAt) };
  return { ...event, at: new Date(event.at) };
}
