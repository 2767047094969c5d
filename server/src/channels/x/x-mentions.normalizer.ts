import type { InboundAuthor, InboundMessage } from '../inbound-event';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** X ids are decimal strings beyond 2^53; a number is accepted only while it is exact. */
const idOf = (v: unknown): string | null =>
  typeof v === 'string' && /^\d+$/.test(v.trim())
    ? v.trim()
    : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
      ? String(v)
      : null;
const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export interface XMentionsPage {
  /** Every tweet id of the page, skipped ones included: they still move the cursor. */
  tweetIds: string[];
  /** Citizen messages of the page, in the page's order (X sends newest first). */
  messages: InboundMessage[];
  /** `meta.next_token`; X omits it on the last page. */
  nextToken: string | null;
}

/**
 * One page of `GET /2/users/:id/mentions`. Skips the town's own tweets and retweets (a retweet of a
 * mention is nobody writing to the town). An empty page is `meta.result_count: 0` without `data`.
 */
export function normalizeXMentionsPage(body: unknown, accountExternalId: string): XMentionsPage {
  const page: XMentionsPage = { tweetIds: [], messages: [], nextToken: null };
  if (!isObject(body)) return page;
  const users = new Map<string, Json>();
  const includes = isObject(body.includes) ? body.includes : {};
  for (const u of Array.isArray(includes.users) ? includes.users : []) {
    const id = isObject(u) ? idOf(u.id) : null;
    if (id && isObject(u)) users.set(id, u);
  }
  for (const tweet of Array.isArray(body.data) ? body.data : []) {
    if (!isObject(tweet)) continue;
    const id = idOf(tweet.id);
    if (!id) continue;
    page.tweetIds.push(id);
    const message = normalizeTweet(tweet, id, users, accountExternalId);
    if (message) page.messages.push(message);
  }
  const meta = isObject(body.meta) ? body.meta : {};
  const next = textOf(meta.next_token);
  page.nextToken = next && next.trim() !== '' ? next : null;
  return page;
}

function normalizeTweet(
  tweet: Json,
  id: string,
  users: Map<string, Json>,
  accountExternalId: string,
): InboundMessage | null {
  const authorId = idOf(tweet.author_id);
  if (authorId === accountExternalId) return null;
  const references = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets.filter(isObject) : [];
  if (references.some((r) => r.type === 'retweeted')) return null;
  const parentId = idOf(references.find((r) => r.type === 'replied_to')?.id);
  const user = authorId ? users.get(authorId) : undefined;
  const username = textOf(user?.username);
  const author: InboundAuthor | null = authorId
    ? {
        platformUserId: authorId,
        displayName: textOf(user?.name)?.trim() || null,
        handle: username ? `@${username}` : null,
      }
    : null;
  const createdAt = new Date(textOf(tweet.created_at) ?? '');
  return {
    type: 'message',
    platform: 'x',
    accountExternalId,
    kind: 'mention',
    platformMessageId: id,
    platformParentId: parentId,
    threadKey: idOf(tweet.conversation_id) ?? id,
    author,
    body: bodyOf(tweet, accountExternalId),
    sentAt: Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt,
    context: {
      postId: null,
      permalink: `https://x.com/${username ?? 'i/web'}/status/${id}`,
    },
    replyHints: username ? { username } : {},
    raw: tweet,
  };
}

/**
 * The full text (a long post's `note_tweet` when present), X's HTML escaping undone, its t.co links
 * given back as the addresses they stand for, and the town's mention taken out of the leading run of
 * mentions that X puts in front of replies.
 */
function bodyOf(tweet: Json, accountExternalId: string): string {
  const note = isObject(tweet.note_tweet) ? tweet.note_tweet : null;
  const entitiesOf = (key: 'mentions' | 'urls') =>
    [tweet.entities, note?.entities].flatMap((e) => {
      const list = isObject(e) ? e[key] : null;
      return Array.isArray(list) ? list.filter(isObject) : [];
    });
  const text = expandLinks(decodeXText(textOf(note?.text) ?? textOf(tweet.text) ?? ''), entitiesOf('urls'));
  const mentions = entitiesOf('mentions');
  const own = new Set(
    mentions
      .filter((m) => idOf(m.id) === accountExternalId)
      .map((m) => textOf(m.username)?.toLowerCase())
      .filter((u): u is string => !!u),
  );
  return stripLeadingMentions(text, own).trim();
}

/**
 * X shortens every address in a post to a t.co link; its `entities.urls` give the address each
 * stands for (a photo's is the post's photo page). Only http(s) addresses replace a link.
 */
function expandLinks(text: string, urls: Json[]): string {
  const expanded = new Map<string, string>();
  for (const u of urls) {
    const short = textOf(u.url);
    const long = textOf(u.expanded_url);
    if (short && long && /^https?:\/\/\S+$/i.test(long)) expanded.set(short, long);
  }
  if (expanded.size === 0) return text;
  return text.replace(/https:\/\/t\.co\/[A-Za-z0-9]+/g, (link) => expanded.get(link) ?? link);
}

/** X escapes `&`, `<` and `>` in tweet text as HTML entities, and nothing else. */
export function decodeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/** Removes the given usernames (lower case) from the mentions at the start of the text, keeping others. */
export function stripLeadingMentions(text: string, usernames: Set<string>): string {
  if (usernames.size === 0) return text;
  const kept: string[] = [];
  let rest = text;
  let stripped = false;
  for (let m = LEADING_MENTION.exec(rest); m; m = LEADING_MENTION.exec(rest)) {
    if (usernames.has(m[1].toLowerCase())) stripped = true;
    else kept.push(`@${m[1]}`);
    rest = rest.slice(m[0].length);
  }
  return stripped ? [...kept, rest.trim()].filter((p) => p !== '').join(' ') : text;
}

/** X usernames: 1 to 15 letters, digits or underscores. */
const LEADING_MENTION = /^\s*@(\w{1,15})(?!\w)\s*/;
