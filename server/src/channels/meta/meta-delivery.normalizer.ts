import type { InboundEvent } from '../inbound-event';
import { normalizeFeedChange } from './meta-feed.normalizer';
import { idOf, isObject } from './meta-json';
import { normalizeMessagingEvent } from './meta-messaging.normalizer';
import { normalizeInstagramComment } from './instagram-comments.normalizer';

/**
 * Any Meta webhook delivery: Page feed comments and Messenger (`object: "page"`), Instagram comments
 * and DMs (`object: "instagram"`). Meta's dashboard test deliveries (`entry.id` "0") and everything
 * that is not a citizen's message yield nothing.
 */
export function normalizeMetaDelivery(body: unknown, receivedAt: Date): InboundEvent[] {
  if (!isObject(body) || !Array.isArray(body.entry)) return [];
  const platform = body.object === 'page' ? 'facebook' : body.object === 'instagram' ? 'instagram' : null;
  if (!platform) return [];
  const events: InboundEvent[] = [];
  const push = (e: InboundEvent | null) => {
    if (e) events.push(e);
  };
  for (const entry of body.entry) {
    if (!isObject(entry)) continue;
    const accountId = idOf(entry.id);
    if (!accountId || accountId === '0') continue;
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      if (!isObject(change) || !isObject(change.value)) continue;
      if (platform === 'facebook' && change.field === 'feed') {
        push(normalizeFeedChange(accountId, change.value, receivedAt, change));
      } else if (
        platform === 'instagram' &&
        (change.field === 'comments' || change.field === 'live_comments')
      ) {
        push(normalizeInstagramComment(accountId, change.value, receivedAt, change));
      }
    }
    for (const event of Array.isArray(entry.messaging) ? entry.messaging : []) {
      if (isObject(event)) push(normalizeMessagingEvent(platform, accountId, event, receivedAt));
    }
  }
  return events;
}
