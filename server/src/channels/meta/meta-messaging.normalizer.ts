import type { Platform } from '@guichet/shared';
import type { InboundEvent } from '../inbound-event';
import { idOf, isObject, metaTime, textOf, type Json } from './meta-json';

/** What Meta sends in the EU in place of some media; the message is kept and the notice shown. */
export const EU_MEDIA_NOTICE = 'Media not available due to new privacy rules in Europe';
/** A message Meta flags `is_unsupported` (content its API does not carry): kept, to be read in the app. */
export const UNSUPPORTED_NOTICE =
  "Message d'un type que Meta ne transmet pas (à lire dans l'application Messenger ou Instagram)";

/**
 * A Messenger (`object: "page"`) or Instagram DM (`object: "instagram"`) messaging event. One
 * conversation per citizen and account, so the sender's id is the thread. Echoes of the account's
 * own messages (`message.is_echo`, whatever sender/recipient say), reads, deliveries and reactions
 * yield nothing.
 */
export function normalizeMessagingEvent(
  platform: Platform,
  accountId: string,
  event: Json,
  receivedAt: Date,
): InboundEvent | null {
  const message = isObject(event.message) ? event.message : null;
  if (!message || message.is_echo === true) return null;
  const mid = idOf(message.mid);
  const senderId = isObject(event.sender) ? idOf(event.sender.id) : null;
  if (!mid || !senderId || senderId === accountId) return null;
  const at = metaTime(event.timestamp, receivedAt);
  const base = { platform, accountExternalId: accountId, platformMessageId: mid, raw: event };
  if (message.is_deleted === true) return { ...base, type: 'removed', body: null, at };
  const lines: string[] = [];
  const text = textOf(message.text);
  if (text && text.trim()) lines.push(text);
  for (const attachment of Array.isArray(message.attachments) ? message.attachments : []) {
    if (!isObject(attachment)) continue;
    const payload = isObject(attachment.payload) ? attachment.payload : null;
    const url = textOf(payload?.url);
    const title = textOf(payload?.title) ?? textOf(attachment.title);
    if (url) lines.push(`${attachmentLabel(textOf(attachment.type))} : ${url}`);
    else if (title) lines.push(title);
  }
  if (lines.length === 0) lines.push(message.is_unsupported === true ? UNSUPPORTED_NOTICE : EU_MEDIA_NOTICE);
  const replyTo = isObject(message.reply_to) ? idOf(message.reply_to.mid) : null;
  return {
    ...base,
    type: 'message',
    kind: 'direct',
    platformParentId: replyTo,
    threadKey: `dm:${senderId}`,
    author: { platformUserId: senderId, displayName: null, handle: null },
    body: lines.join('\n'),
    sentAt: at,
    context: null,
    replyHints: { recipientId: senderId },
  };
}

/** Meta's attachment types, as the agents read them. */
const ATTACHMENT_LABELS = new Map<string, string>([
  ['image', 'Photo'],
  ['video', 'Vidéo'],
  ['audio', 'Message vocal'],
  ['file', 'Fichier'],
  ['story_mention', 'Mention dans une story'],
  ['share', 'Publication partagée'],
  ['ig_post', 'Publication partagée'],
  ['ig_reel', 'Reel partagé'],
  ['reel', 'Reel partagé'],
  ['template', 'Lien'],
  ['fallback', 'Lien'],
]);

function attachmentLabel(type: string | null): string {
  return (
    (type !== null ? ATTACHMENT_LABELS.get(type) : undefined) ?? `Pièce jointe${type ? ` (${type})` : ''}`
  );
}
