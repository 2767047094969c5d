import type { InboundAuthor, InboundEvent } from '../inbound-event';
import { idOf, isObject, metaTime, textOf, type Json } from './meta-json';

/** `from: {id, name}`, or the older `sender_id`/`sender_name`, or nothing at all. */
function authorOf(value: Json): InboundAuthor | null {
  const from = isObject(value.from) ? value.from : null;
  const id = idOf(from?.id) ?? idOf(value.sender_id);
  if (!id) return null;
  const name = textOf(from?.name) ?? textOf(value.sender_name);
  return { platformUserId: id, displayName: name && name.trim() ? name.trim() : null, handle: null };
}

/**
 * A Page `feed` change: comments and replies to comments are tickets; posts, reactions and the
 * page's own comments yield nothing.
 */
export function normalizeFeedChange(
  pageId: string,
  value: Json,
  receivedAt: Date,
  raw: unknown,
): InboundEvent | null {
  if (value.item !== 'comment') return null;
  const commentId = idOf(value.comment_id);
  if (!commentId) return null;
  const verb = typeof value.verb === 'string' ? value.verb : 'add';
  const at = metaTime(value.created_time, receivedAt);
  const base = {
    platform: 'facebook' as const,
    accountExternalId: pageId,
    platformMessageId: commentId,
    raw,
  };
  switch (verb) {
    case 'edited':
      return { ...base, type: 'edited', body: textOf(value.message), at };
    case 'remove':
      return { ...base, type: 'removed', body: null, at };
    case 'hide':
      return { ...base, type: 'hidden', body: null, at };
    case 'unhide':
      return { ...base, type: 'unhidden', body: null, at };
    case 'add':
      break;
    default:
      return null;
  }
  const author = authorOf(value);
  // The page's own comments are our replies coming back: not citizen messages.
  if (author?.platformUserId === pageId) return null;
  const postId = idOf(value.post_id);
  const parentId = idOf(value.parent_id);
  // A reply to a comment is known only by parent_id differing from post_id.
  const isReply = parentId !== null && parentId !== postId;
  const post = isObject(value.post) ? value.post : null;
  const message = textOf(value.message) ?? '';
  const photo = textOf(value.photo) ?? textOf(value.video);
  return {
    ...base,
    type: 'message',
    kind: 'comment',
    platformParentId: parentId ?? postId,
    threadKey: isReply ? parentId : commentId,
    author,
    body: photo ? (message ? `${message}\n${photo}` : photo) : message,
    sentAt: at,
    context: { postId, permalink: textOf(post?.permalink_url) },
  };
}
