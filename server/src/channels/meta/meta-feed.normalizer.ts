import type { InboundAuthor, InboundEvent } from '../inbound-event';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Meta sends ids as strings or numbers, depending on the field's age. */
const idOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim()
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : null;
const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Feed events carry seconds, Messenger milliseconds, Graph responses ISO strings. */
export function metaTime(v: unknown, fallback: Date): Date {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v < 1e12 ? v * 1000 : v);
  if (typeof v === 'string' && v.trim() !== '') {
    if (/^\d+$/.test(v.trim())) return metaTime(Number(v.trim()), fallback);
    const d = new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}

/** `from: {id, name}`, or the older `sender_id`/`sender_name`, or nothing at all. */
function authorOf(value: Json): InboundAuthor | null {
  const from = isObject(value.from) ? value.from : null;
  const id = idOf(from?.id) ?? idOf(value.sender_id);
  if (!id) return null;
  const name = textOf(from?.name) ?? textOf(value.sender_name);
  return { platformUserId: id, displayName: name && name.trim() ? name.trim() : null, handle: null };
}

/**
 * Turns a Page webhook delivery (`object: "page"`) into inbound events. Only `feed` comments are
 * tickets; posts, reactions, the page's own comments and Meta's dashboard test deliveries
 * (`entry.id` "0") yield nothing.
 */
export function normalizeMetaFeedDelivery(body: unknown, receivedAt: Date): InboundEvent[] {
  if (!isObject(body) || body.object !== 'page' || !Array.isArray(body.entry)) return [];
  const events: InboundEvent[] = [];
  for (const entry of body.entry) {
    if (!isObject(entry)) continue;
    const pageId = idOf(entry.id);
    if (!pageId || pageId === '0' || !Array.isArray(entry.changes)) continue;
    for (const change of entry.changes) {
      if (!isObject(change) || change.field !== 'feed' || !isObject(change.value)) continue;
      const event = normalizeFeedChange(pageId, change.value, receivedAt, change);
      if (event) events.push(event);
    }
  }
  return events;
}

function normalizeFeedChange(
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
