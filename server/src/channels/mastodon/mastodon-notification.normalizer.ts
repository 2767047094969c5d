import type { InboundMessage } from '../inbound-event';
import { mastodonHtmlToText } from './mastodon-html-to-text';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Mastodon sends ids as strings; a fake or forked server may send small numbers. */
export const mastodonIdOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim()
    : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
      ? String(v)
      : null;
const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Turns one `mention` notification of `GET /api/v1/notifications` into a citizen message, or null for
 * what is not one: other notification types, a missing status (deleted since), the town's own status.
 *
 * threadKey is `in_reply_to_id ?? id`: v1 statuses carry no conversation id, so a first mention is its
 * own thread and a reply is keyed by the status it answers. Limit: a citizen answering the town's reply
 * gets the reply's id as key, not the first mention's; joining it to the ticket needs platformParentId
 * matched against the stored outbound message (or a `GET /api/v1/statuses/:id/context` per reply).
 */
export function normalizeMastodonNotification(
  notification: unknown,
  accountExternalId: string,
): InboundMessage | null {
  if (!isObject(notification) || notification.type !== 'mention') return null;
  const status = notification.status;
  if (!isObject(status)) return null;
  const id = mastodonIdOf(status.id);
  const account = isObject(status.account) ? status.account : null;
  const authorId = mastodonIdOf(account?.id);
  if (!id || !account || !authorId) return null;
  // Our own replies mention the citizen and can come back through other paths: never a ticket.
  if (authorId === accountExternalId) return null;

  const visibility = textOf(status.visibility) ?? 'public';
  const acct = textOf(account.acct) ?? textOf(account.username) ?? authorId;
  const displayName = textOf(account.display_name)?.trim() || textOf(account.username) || null;
  const parentId = mastodonIdOf(status.in_reply_to_id);
  const createdAt = new Date(textOf(status.created_at) ?? '');

  return {
    type: 'message',
    platform: 'mastodon',
    accountExternalId,
    kind: visibility === 'direct' ? 'direct' : 'mention',
    platformMessageId: id,
    platformParentId: parentId,
    threadKey: parentId ?? id,
    author: { platformUserId: authorId, displayName, handle: `@${acct}` },
    body: bodyOf(status, accountExternalId),
    sentAt: Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt,
    context: { postId: null, permalink: textOf(status.url) ?? textOf(status.uri) },
    replyHints: { visibility, acct },
    raw: notification,
  };
}

/** Plain text, without the town's own leading mention, with the content warning and attachments. */
function bodyOf(status: Json, accountExternalId: string): string {
  const text = stripOwnMention(mastodonHtmlToText(textOf(status.content) ?? ''), status, accountExternalId);
  const spoiler = textOf(status.spoiler_text)?.trim();
  const attachments = Array.isArray(status.media_attachments) ? status.media_attachments : [];
  const urls = attachments
    .filter(isObject)
    // A remote attachment not yet cached by the instance has only its remote_url.
    .map((a) => textOf(a.url) ?? textOf(a.remote_url))
    .filter((u): u is string => u !== null && u !== '');
  const parts = [
    spoiler ? `[CW: ${spoiler}]\n${text}` : text,
    urls.map((u) => `Pièce jointe : ${u}`).join('\n'),
  ];
  return parts
    .filter((p) => p !== '')
    .join('\n\n')
    .trim();
}

/**
 * Removes the town's mention from the leading run of mentions (`@ville Bonjour`, or `@marie @ville …`
 * in a reply chain); other people's mentions stay. The town is found among `status.mentions` by its
 * account id, because the text shows it as `@ville` or, from other servers, `@ville@instance`.
 */
function stripOwnMention(text: string, status: Json, accountExternalId: string): string {
  const mentions = Array.isArray(status.mentions) ? status.mentions.filter(isObject) : [];
  const own = new Set(
    mentions
      .filter((m) => mastodonIdOf(m.id) === accountExternalId)
      .map((m) => textOf(m.username)?.toLowerCase())
      .filter((u): u is string => !!u),
  );
  if (own.size === 0) return text;
  const kept: string[] = [];
  let rest = text;
  let stripped = false;
  for (;;) {
    const m = LEADING_MENTION.exec(rest);
    if (!m) break;
    if (own.has(m[1].toLowerCase())) stripped = true;
    else kept.push(m[0].trim());
    rest = rest.slice(m[0].length);
  }
  if (!stripped) return text;
  return [...kept, rest.trim()].filter((p) => p !== '').join(' ');
}

/** `@user` or `@user@domain` at the start, then any whitespace; group 1 is the username. */
const LEADING_MENTION = /^@(\w(?:[\w.-]*\w)?)(?:@\w(?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)+)?(?![\w@])\s*/;
