import { createHash } from 'node:crypto';
import type { ChannelConnector, ConnectorAccount, FetchResult, ReplyTarget } from '../connector';
import { PlatformError } from '../connector';
import type { InboundMessage } from '../inbound-event';
import { compareNumericIds, maxNumericId } from './compare-numeric-ids';
import { sameReplyText } from '../reply-text';
import {
  linkParam,
  mastodonFetch,
  mastodonRetryAfterMs,
  parseLinkHeader,
  type MastodonResponse,
} from './mastodon-api.client';
import { mastodonHtmlToText } from './mastodon-html-to-text';
import { mastodonIdOf, normalizeMastodonNotification } from './mastodon-notification.normalizer';

export interface MastodonCredentials {
  accessToken: string;
}

export interface MastodonConnectorOptions {
  /** Per request; 15 s by default. */
  timeoutMs?: number;
  /** Pages read per poll at most; the cursor keeps the progress, the next poll goes on. */
  maxPages?: number;
  now?: () => number;
}

const PAGE_SIZE = 40;
/** Mastodon's default rate-limit window. */
const FIVE_MINUTES = 5 * 60_000;

/**
 * Mastodon mentions and direct messages (both arrive as `mention` notifications), and replies to them.
 * Not a Nest provider on its own: register it with `useValue`/`useFactory` where connectors are wired.
 */
export class MastodonConnector implements ChannelConnector<MastodonCredentials> {
  readonly platform = 'mastodon' as const;
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly now: () => number;

  constructor(options: MastodonConnectorOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15000;
    this.maxPages = options.maxPages ?? 25;
    this.now = options.now ?? Date.now;
  }

  /**
   * With a cursor (the newest notification id seen), walks forward in time: `min_id` returns the page
   * just after it, and the Link header's `rel="prev"` names the page after that, until a page is empty.
   * Because the walk goes oldest to newest, stopping early (page budget, rate limit about to run out)
   * loses nothing: the returned cursor is where the next poll resumes.
   * The first poll (no cursor) reads only the newest page, so connecting an account does not turn its
   * whole history into tickets.
   */
  async fetchSince(
    account: ConnectorAccount<MastodonCredentials>,
    cursor: string | null,
  ): Promise<FetchResult> {
    const byId = new Map<string, InboundMessage | null>();
    let newest = cursor;
    let minId = cursor;
    let waitMs: number | undefined;
    for (let page = 0; page < this.maxPages; page++) {
      const res = await this.call(account, 'GET', this.notificationsUrl(account.baseUrl, minId));
      // The limit is used up: the next call would be a 429, so the next poll waits for the reset.
      waitMs =
        res.headers.get('x-ratelimit-remaining')?.trim() === '0'
          ? (mastodonRetryAfterMs(res.headers, this.now()) ?? FIVE_MINUTES)
          : undefined;
      if (!Array.isArray(res.json)) {
        throw new PlatformError(
          'transient',
          'Réponse de Mastodon inattendue (liste de notifications attendue)',
          {
            httpStatus: res.status,
          },
        );
      }
      const ids: string[] = [];
      for (const notification of res.json as unknown[]) {
        const id = mastodonIdOf((notification as { id?: unknown } | null)?.id);
        if (id === null) continue;
        ids.push(id);
        byId.set(id, normalizeMastodonNotification(notification, account.externalId));
      }
      if (ids.length === 0) break;
      newest = maxNumericId([newest, ...ids]);
      if (minId === null) break;
      // The instance's own link is only read for its min_id: the token is never sent to a host it names.
      const prev = linkParam(parseLinkHeader(res.headers.get('link')).get('prev'), 'min_id');
      const next = prev ?? maxNumericId(ids);
      if (next === null || compareNumericIds(next, minId) <= 0) break;
      minId = next;
      if (waitMs !== undefined) break;
    }
    const events = [...byId.entries()]
      .sort(([a], [b]) => compareNumericIds(a, b))
      .map(([, event]) => event)
      .filter((e): e is InboundMessage => e !== null);
    return { events, cursor: newest, ...(waitMs !== undefined ? { waitMs } : {}) };
  }

  /**
   * Answers in the citizen's visibility (a direct message stays direct), mentioning them first because
   * Mastodon only notifies, and for `direct` only shows the post to, the accounts it mentions.
   */
  async sendReply(
    account: ConnectorAccount<MastodonCredentials>,
    target: ReplyTarget,
    body: string,
  ): Promise<{ platformMessageId: string }> {
    const acct = target.hints.acct;
    const status = acct && !mentionsAcct(body, acct) ? `@${acct} ${body}` : body;
    const visibility = target.hints.visibility ?? (target.kind === 'direct' ? 'direct' : 'public');
    const res = await this.call(
      account,
      'POST',
      `${trimSlash(account.baseUrl)}/api/v1/statuses`,
      { status, in_reply_to_id: target.platformMessageId, visibility },
      { 'Idempotency-Key': mastodonIdempotencyKey(account, target.platformMessageId, status) },
    );
    const id = mastodonIdOf((res.json as { id?: unknown } | null)?.id);
    if (id === null) {
      throw new PlatformError('rejected', 'Réponse de Mastodon sans identifiant de statut', {
        httpStatus: res.status,
      });
    }
    return { platformMessageId: id };
  }

  /**
   * A reply of the account to `target`, posted since `since`, with the same text: found among the
   * target's descendants (its context), which include direct replies the account can see.
   */
  async findPostedReply(
    account: ConnectorAccount<MastodonCredentials>,
    target: ReplyTarget,
    body: string,
    since: Date,
  ): Promise<string | null> {
    const res = await this.call(
      account,
      'GET',
      `${trimSlash(account.baseUrl)}/api/v1/statuses/${encodeURIComponent(target.platformMessageId)}/context`,
    );
    const descendants = (res.json as { descendants?: unknown } | null)?.descendants;
    const after = since.getTime() - 60_000;
    for (const raw of Array.isArray(descendants) ? (descendants as unknown[]) : []) {
      const status = raw as {
        id?: unknown;
        in_reply_to_id?: unknown;
        created_at?: unknown;
        content?: unknown;
        account?: { id?: unknown };
      };
      const at = typeof status.created_at === 'string' ? Date.parse(status.created_at) : Number.NaN;
      if (
        mastodonIdOf(status.account?.id) === account.externalId &&
        mastodonIdOf(status.in_reply_to_id) === target.platformMessageId &&
        !(at < after) &&
        sameReplyText(mastodonHtmlToText(typeof status.content === 'string' ? status.content : ''), body)
      ) {
        return mastodonIdOf(status.id);
      }
    }
    return null;
  }

  private notificationsUrl(baseUrl: string, minId: string | null): string {
    const query = `types[]=mention&limit=${PAGE_SIZE}${minId === null ? '' : `&min_id=${encodeURIComponent(minId)}`}`;
    return `${trimSlash(baseUrl)}/api/v1/notifications?${query}`;
  }

  private call(
    account: ConnectorAccount<MastodonCredentials>,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<MastodonResponse> {
    return mastodonFetch({
      method,
      url,
      accessToken: account.credentials.accessToken,
      body,
      headers,
      timeoutMs: this.timeoutMs,
      now: this.now,
    });
  }
}

/**
 * Same account, same target, same text: same key, so Mastodon answers a retried post (after a crash or
 * a timeout whose request did go through) with the status already created instead of posting twice.
 * Mastodon remembers keys for an hour.
 */
export function mastodonIdempotencyKey(
  account: Pick<ConnectorAccount<unknown>, 'baseUrl' | 'externalId'>,
  targetId: string,
  status: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([trimSlash(account.baseUrl), account.externalId, targetId, status]))
    .digest('hex');
}

/**
 * Whether the text already mentions `acct`. A remote `marie@piaille.fr` counts only in full: a bare
 * `@marie` would address a local namesake on the town's instance.
 */
export function mentionsAcct(text: string, acct: string): boolean {
  const escaped = acct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w@/])@${escaped}(?![\\w@]|[.-]\\w)`, 'i').test(text);
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
