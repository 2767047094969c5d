import { compareIds } from './ids';
import type { MastodonAccount, MastodonStatus } from './mastodon-model';

type Obj = Record<string, unknown>;

export const isoMs = (ms: number) => new Date(ms).toISOString();

/** An Account entity as Mastodon serialises it (the fields clients read). */
export function accountView(a: MastodonAccount, bot = false): Obj {
  return {
    id: a.id,
    username: a.username,
    acct: a.acct,
    display_name: a.displayName,
    locked: false,
    bot,
    url: a.url,
    avatar: `${a.url}/avatar.png`,
    note: '',
  };
}

/** A Status entity; `repliesCount` comes from the instance's state. */
export function statusView(s: MastodonStatus, repliesCount: number): Obj {
  return {
    id: s.id,
    created_at: isoMs(s.createdAt),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    sensitive: false,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: 'fr',
    uri: `${s.account.url.replace('/@', '/users/')}/statuses/${s.id}`,
    url: `${s.account.url}/${s.id}`,
    replies_count: repliesCount,
    reblogs_count: 0,
    favourites_count: 0,
    content: s.content,
    reblog: null,
    account: accountView(s.account),
    media_attachments: [],
    mentions: s.mentions.map((m) => ({ id: m.id, username: m.username, url: m.url, acct: m.acct })),
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  };
}

export function limitOf(url: URL, fallback: number, max: number): number {
  const n = Number(url.searchParams.get('limit') ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

/**
 * Mastodon's id paging: `max_id` (older than), `since_id` (newer than, newest first), `min_id`
 * (the page right after it, oldest of those first, answered newest first).
 */
export function paginateById<T extends { id: string }>(items: T[], url: URL): T[] {
  const maxId = url.searchParams.get('max_id');
  const sinceId = url.searchParams.get('since_id');
  const minId = url.searchParams.get('min_id');
  const limit = limitOf(url, 40, 80);
  const kept = items.filter(
    (i) =>
      (!maxId || compareIds(i.id, maxId) < 0) &&
      (!sinceId || compareIds(i.id, sinceId) > 0) &&
      (!minId || compareIds(i.id, minId) > 0),
  );
  const ascending = [...kept].sort((a, b) => compareIds(a.id, b.id));
  return minId ? ascending.slice(0, limit).reverse() : ascending.reverse().slice(0, limit);
}
