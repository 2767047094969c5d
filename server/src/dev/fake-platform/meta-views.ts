import { graphError, parseFields, project, type FieldSpec } from './graph-fields';
import type { MetaActor, MetaComment, MetaConversation, MetaDirectMessage, MetaPost } from './meta-model';

type Obj = Record<string, unknown>;

/** Graph's time format: ISO 8601 with a `+0000` offset. */
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

export const commentPermalink = (c: MetaComment): string =>
  `https://www.facebook.com/${c.objectId}?comment_id=${c.id}`;

export function postView(p: MetaPost): Obj {
  return p.platform === 'facebook'
    ? {
        id: p.id,
        message: p.message,
        created_time: iso(p.createdTime),
        permalink_url: `https://www.facebook.com/${p.id.replace('_', '/posts/')}`,
      }
    : {
        id: p.id,
        caption: p.message,
        timestamp: iso(p.createdTime),
        media_type: 'IMAGE',
        permalink: `https://www.instagram.com/p/${Buffer.from(p.id).toString('base64url').slice(0, 11)}/`,
      };
}

/** A comment as Graph lists it; an Instagram comment carries its replies for `fields=replies{…}`. */
export function commentView(c: MetaComment, replies: MetaComment[] = []): Obj {
  if (c.platform === 'instagram') {
    const username = c.from.username ?? c.from.name ?? c.from.id;
    return {
      id: c.id,
      text: c.message,
      timestamp: iso(c.createdTime),
      from: { id: c.from.id, username },
      username,
      media: { id: c.objectId },
      ...(c.parentId ? { parent_id: c.parentId } : { replies }),
    };
  }
  return {
    id: c.id,
    message: c.message,
    created_time: iso(c.createdTime),
    from: { id: c.from.id, name: c.from.name ?? '' },
    permalink_url: commentPermalink(c),
    ...(c.parentId ? { parent: { id: c.parentId } } : {}),
  };
}

export function actorView(a: MetaActor): Obj {
  return { id: a.id, ...(a.name ? { name: a.name } : {}), ...(a.username ? { username: a.username } : {}) };
}

/** A conversation; its raw messages stay on it for `fields=messages{…}` (see nestedEdge). */
export function conversationView(c: MetaConversation, town: MetaActor): Obj {
  const updated = c.messages.reduce((max, m) => Math.max(max, m.createdTime), 0);
  return {
    id: c.id,
    updated_time: iso(updated),
    message_count: c.messages.length,
    participants: { data: [actorView(c.participant), actorView(town)] },
    messages: c.messages,
  };
}

export function messageView(m: MetaDirectMessage): Obj {
  return {
    id: m.id,
    message: m.message,
    created_time: iso(m.createdTime),
    from: actorView(m.from),
    to: { data: [actorView(m.to)] },
  };
}

/**
 * A nested edge in `fields`: a conversation's `messages.limit(n){…}` (newest first), or an Instagram
 * comment's `replies{…}` (oldest first).
 */
export function nestedEdge(item: Obj, spec: FieldSpec): unknown {
  const limit = spec.limit ?? 25;
  const sub = spec.sub ?? parseFields('id');
  if (spec.name === 'replies') {
    const replies = [...(item.replies as MetaComment[])].sort((a, b) => a.createdTime - b.createdTime);
    return { data: replies.slice(0, limit).map((c) => project(commentView(c), sub)) };
  }
  const messages = [...(item[spec.name] as MetaDirectMessage[])].sort(
    (a, b) => b.createdTime - a.createdTime,
  );
  return { data: messages.slice(0, limit).map((m) => project(messageView(m), sub)) };
}

export function unknownObject(id: string): [number, unknown] {
  return [
    400,
    graphError(
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      100,
      'GraphMethodException',
      33,
    ),
  ];
}

export function unknownEdge(edge: string): [number, unknown] {
  return [400, graphError(`(#100) Tried accessing nonexisting field (${edge})`, 100)];
}

const THROTTLING_MESSAGES: Record<number, string> = {
  4: '(#4) Application request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001: 'There have been too many calls to this Page account. Wait a bit and try again.',
};

/** Meta's throttling error for one of its codes (4: app, 32: page, 613: custom rate, 80001: BUC). */
export const throttledError = (code: number) => graphError(THROTTLING_MESSAGES[code] ?? 'Rate limited', code);
