import type { InboundEvent } from '../inbound-event';
import { normalizeInstagramComment } from './instagram-comments.normalizer';
import { normalizeFeedChange } from './meta-feed.normalizer';
import type { MetaGraphClient } from './meta-graph.client';
import { idOf, isObject, metaTime, textOf, type Json } from './meta-json';
import { normalizeMessagingEvent } from './meta-messaging.normalizer';

/** Recent posts (or media) whose comments are read at each poll. */
const RECENT_POSTS = 25;

/** What a walk found: the events, and the time of the newest item seen (the next cursor). */
export interface MetaHarvest {
  events: InboundEvent[];
  newest: number;
}

/** The walk stopped before its end (rate limit nearly used up): what it found is kept, the cursor is not moved. */
export class WalkInterrupted extends Error {}

const enc = encodeURIComponent;

function checkBudget(client: MetaGraphClient): void {
  if (client.nearLimit) throw new WalkInterrupted('Meta usage near its limit');
}

function add(harvest: MetaHarvest, event: InboundEvent | null, at: Date): void {
  if (event) harvest.events.push(event);
  harvest.newest = Math.max(harvest.newest, at.getTime());
}

/**
 * Page comments written since `since`, newest first on each of the recent posts (Graph's `stream`
 * filter lists replies to comments too), stopping at the first older one. Shaped like a webhook's
 * feed change, so one normaliser serves both and ingestion stores each comment once.
 */
export async function pollPageComments(
  client: MetaGraphClient,
  pageId: string,
  since: number,
  now: Date,
  harvest: MetaHarvest,
): Promise<void> {
  const [posts] = await collect(
    client.pages(`${enc(pageId)}/posts?fields=id,created_time&limit=${RECENT_POSTS}`, 1),
  );
  const fields = 'id,message,from,created_time,parent{id},permalink_url';
  for (const post of posts) {
    const postId = idOf((post as Json).id);
    if (!postId) continue;
    checkBudget(client);
    const path = `${enc(postId)}/comments?filter=stream&order=reverse_chronological&limit=100&fields=${enc(fields)}`;
    walk: for await (const page of client.pages(path)) {
      for (const raw of page) {
        const comment = raw as Json;
        const at = metaTime(comment.created_time, now);
        if (at.getTime() < since) break walk;
        const parent = isObject(comment.parent) ? idOf(comment.parent.id) : null;
        const event = normalizeFeedChange(
          pageId,
          {
            item: 'comment',
            verb: 'add',
            comment_id: comment.id,
            post_id: postId,
            parent_id: parent ?? postId,
            from: comment.from,
            message: comment.message,
            created_time: at.toISOString(),
            post: { permalink_url: comment.permalink_url },
          },
          now,
          { polled: comment },
        );
        add(harvest, event, at);
      }
      checkBudget(client);
    }
  }
}

/**
 * Instagram comments and replies on the account's recent media, with replies read through the nested
 * `replies` edge (a new reply can come under an old comment, so every page is read).
 */
export async function pollInstagramComments(
  client: MetaGraphClient,
  instagramId: string,
  since: number,
  now: Date,
  harvest: MetaHarvest,
): Promise<void> {
  const [media] = await collect(
    client.pages(`${enc(instagramId)}/media?fields=id,timestamp&limit=${RECENT_POSTS}`, 1),
  );
  const commentFields = 'id,text,timestamp,from{id,username},username,parent_id';
  const fields = `${commentFields},replies{${commentFields}}`;
  for (const item of media) {
    const mediaId = idOf((item as Json).id);
    if (!mediaId) continue;
    checkBudget(client);
    for await (const page of client.pages(`${enc(mediaId)}/comments?limit=50&fields=${enc(fields)}`)) {
      for (const raw of page) {
        const comment = raw as Json;
        const replies =
          isObject(comment.replies) && Array.isArray(comment.replies.data) ? comment.replies.data : [];
        for (const c of [comment, ...replies.filter(isObject)]) {
          const at = metaTime(c.timestamp, now);
          if (at.getTime() < since) continue;
          const parentId = c === comment ? idOf(c.parent_id) : (idOf(c.parent_id) ?? idOf(comment.id));
          const value = { ...c, media: { id: mediaId }, ...(parentId ? { parent_id: parentId } : {}) };
          add(harvest, normalizeInstagramComment(instagramId, value, now, { polled: c }), at);
        }
      }
      checkBudget(client);
    }
  }
}

/**
 * Private messages since `since`: conversations by last update (newest first, so the walk stops at
 * the first one not updated since), then each one's messages, newest first, down to `since`.
 * The citizen's messages only; the account's own are our replies.
 */
export async function pollConversations(
  client: MetaGraphClient,
  platform: 'facebook' | 'instagram',
  accountId: string,
  since: number,
  now: Date,
  harvest: MetaHarvest,
): Promise<void> {
  const kind = platform === 'instagram' ? 'instagram' : 'messenger';
  const conversations = `${enc(accountId)}/conversations?platform=${kind}&fields=id,updated_time&limit=25`;
  walk: for await (const page of client.pages(conversations)) {
    for (const raw of page) {
      const conversation = raw as Json;
      if (metaTime(conversation.updated_time, now).getTime() < since) break walk;
      const id = idOf(conversation.id);
      if (!id) continue;
      checkBudget(client);
      await pollConversation(client, platform, accountId, id, since, now, harvest);
    }
    checkBudget(client);
  }
}

async function pollConversation(
  client: MetaGraphClient,
  platform: 'facebook' | 'instagram',
  accountId: string,
  conversationId: string,
  since: number,
  now: Date,
  harvest: MetaHarvest,
): Promise<void> {
  const path = `${enc(conversationId)}/messages?fields=${enc('id,message,from,to,created_time')}&limit=50`;
  for await (const page of client.pages(path)) {
    for (const raw of page) {
      const message = raw as Json;
      const at = metaTime(message.created_time, now);
      if (at.getTime() < since) return;
      const from = isObject(message.from) ? message.from : null;
      // Shaped like a webhook's messaging event, so one normaliser serves both.
      const event = normalizeMessagingEvent(
        platform,
        accountId,
        {
          sender: { id: from?.id },
          recipient: { id: accountId },
          timestamp: at.getTime(),
          message: { mid: message.id, text: message.message },
        },
        now,
      );
      if (event?.type === 'message' && event.author && from) {
        const username = textOf(from.username);
        event.author = {
          ...event.author,
          displayName: textOf(from.name) ?? username,
          handle: username ? `@${username}` : null,
        };
        event.raw = { polled: message };
      }
      add(harvest, event, at);
    }
    checkBudget(client);
  }
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all.length > 0 ? all : [[]];
}
