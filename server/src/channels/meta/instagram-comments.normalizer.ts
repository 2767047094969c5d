import type { InboundEvent } from '../inbound-event';
import { idOf, isObject, metaTime, textOf, type Json } from './meta-json';

/**
 * An Instagram `comments` (or `live_comments`) change: a comment under one of the town's media, or a
 * reply to one (`parent_id`). The account's own comments yield nothing.
 */
export function normalizeInstagramComment(
  accountId: string,
  value: Json,
  receivedAt: Date,
  raw: unknown,
): InboundEvent | null {
  const id = idOf(value.id);
  const from = isObject(value.from) ? value.from : null;
  const authorId = idOf(from?.id);
  if (!id || authorId === accountId) return null;
  const username = textOf(from?.username);
  const media = isObject(value.media) ? value.media : null;
  const parentId = idOf(value.parent_id);
  return {
    type: 'message',
    platform: 'instagram',
    accountExternalId: accountId,
    kind: 'comment',
    platformMessageId: id,
    platformParentId: parentId ?? idOf(media?.id),
    threadKey: parentId ?? id,
    author: authorId
      ? { platformUserId: authorId, displayName: username, handle: username ? `@${username}` : null }
      : null,
    body: textOf(value.text) ?? '',
    sentAt: metaTime(value.timestamp ?? value.created_time, receivedAt),
    context: { postId: idOf(media?.id), permalink: null },
    raw,
  };
}
