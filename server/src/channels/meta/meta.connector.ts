import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PlatformError, type ConnectorAccount, type FetchResult, type ReplyTarget } from '../connector';
import type { InboundEvent } from '../inbound-event';
import { normalizeFeedChange } from './meta-feed.normalizer';
import { idOf, isObject, metaTime, type Json } from './meta-json';
import { platformFetch } from '../platform-http';
import { metaPlatformError } from './meta-errors';

export interface MetaCredentials {
  /** Page access token (Facebook) or the Instagram account's token. */
  pageAccessToken: string;
}

/** Meta lets a business answer a private message only within 24 hours of the citizen's last one. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Replies through the Graph API: under a Page comment (`/{comment-id}/comments`), under an Instagram
 * comment (`/{ig-comment-id}/replies`), or as a private message through the Send API with
 * `messaging_type=RESPONSE`. Base URL and version come from configuration.
 */
@Injectable()
export class MetaConnector {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The account as this connector addresses it (Graph base URL from configuration). */
  account(externalId: string, credentials: MetaCredentials): ConnectorAccount<MetaCredentials> {
    return {
      externalId,
      credentials,
      baseUrl: `${this.config.meta.graphUrl}/${this.config.meta.graphVersion}`,
    };
  }

  /** Why a private reply cannot be sent now, or null when it can. */
  messagingWindowClosed(target: Pick<ReplyTarget, 'kind' | 'sentAt'>, now: Date): string | null {
    if (target.kind !== 'direct' || now.getTime() - target.sentAt.getTime() <= MESSAGING_WINDOW_MS)
      return null;
    const when = target.sentAt.toLocaleString('fr-FR', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    return (
      `Meta n'autorise une réponse en message privé que dans les 24 heures qui suivent le dernier message ` +
      `du citoyen (ici le ${when}). Répondez-lui par un autre canal, ou attendez qu'il écrive de nouveau.`
    );
  }

  async sendReply(
    platform: 'facebook' | 'instagram',
    account: ConnectorAccount<MetaCredentials>,
    target: ReplyTarget,
    body: string,
    now: Date = new Date(),
  ): Promise<{ platformMessageId: string }> {
    const token = account.credentials.pageAccessToken;
    if (target.kind === 'direct') {
      const closed = this.messagingWindowClosed(target, now);
      if (closed) throw new PlatformError('window_closed', closed);
      const recipient = target.hints.recipientId;
      if (!recipient) throw new PlatformError('rejected', 'Destinataire du message privé inconnu');
      const answer = await this.post(account, `${encodeURIComponent(account.externalId)}/messages`, token, {
        recipient: { id: recipient },
        messaging_type: 'RESPONSE',
        message: { text: body },
      });
      return { platformMessageId: idIn(answer, 'message_id') };
    }
    const edge = platform === 'instagram' ? 'replies' : 'comments';
    const answer = await this.post(
      account,
      `${encodeURIComponent(target.platformMessageId)}/${edge}`,
      token,
      {
        message: body,
      },
    );
    return { platformMessageId: idIn(answer, 'id') };
  }

  /**
   * The id of a reply identical to `body` that the account posted to `target` since `since`, if any:
   * how a retry learns that an earlier try reached Meta before its answer was lost.
   */
  async findPostedReply(
    platform: 'facebook' | 'instagram',
    account: ConnectorAccount<MetaCredentials>,
    target: ReplyTarget,
    body: string,
    since: Date,
  ): Promise<string | null> {
    const token = account.credentials.pageAccessToken;
    const after = since.getTime() - 60_000;
    if (target.kind === 'direct') {
      const recipient = target.hints.recipientId ?? '';
      const query = new URLSearchParams({
        user_id: recipient,
        platform: platform === 'instagram' ? 'instagram' : 'messenger',
        fields: 'messages.limit(25){id,message,from,created_time}',
      });
      const answer = await this.get(
        account,
        `${encodeURIComponent(account.externalId)}/conversations?${query}`,
        token,
      );
      const conversations = listOf(answer);
      const messages = conversations.flatMap((c) => listOf((c as { messages?: unknown }).messages));
      return matchingId(messages, account.externalId, body, after, 'message');
    }
    const edge = platform === 'instagram' ? 'replies' : 'comments';
    const fields = platform === 'instagram' ? 'id,text,from,timestamp' : 'id,message,from,created_time';
    const query = new URLSearchParams({ fields, order: 'reverse_chronological', limit: '50' });
    const answer = await this.get(
      account,
      `${encodeURIComponent(target.platformMessageId)}/${edge}?${query}`,
      token,
    );
    return matchingId(
      listOf(answer),
      account.externalId,
      body,
      after,
      platform === 'instagram' ? 'text' : 'message',
    );
  }

  /**
   * Page comments written since `cursor` (unix seconds of the newest seen; null: the last 24 hours),
   * read from the page's recent posts, following `paging.next` until it is absent. Catches what
   * webhooks missed; ingestion stores each comment once whichever way it came.
   */
  async fetchPageComments(
    account: ConnectorAccount<MetaCredentials>,
    cursor: string | null,
    now = new Date(),
  ): Promise<FetchResult> {
    const token = account.credentials.pageAccessToken;
    const since = cursor && /^\d+$/.test(cursor) ? Number(cursor) * 1000 : now.getTime() - 24 * 3600 * 1000;
    const posts = await this.getPage(
      account,
      `${encodeURIComponent(account.externalId)}/posts?fields=id,created_time&limit=25`,
      token,
    );
    const events: InboundEvent[] = [];
    let newest = since;
    for (const post of posts.slice(0, 25)) {
      const postId = idOf((post as Json).id);
      if (!postId) continue;
      const fields = 'id,message,from,created_time,parent{id},permalink_url';
      const comments = await this.getAll(
        account,
        `${encodeURIComponent(postId)}/comments?filter=stream&order=chronological&limit=100&fields=${encodeURIComponent(fields)}`,
        token,
      );
      for (const raw of comments) {
        const comment = raw as Json;
        const at = metaTime(comment.created_time, now);
        if (at.getTime() < since) continue;
        const parent = isObject(comment.parent) ? idOf(comment.parent.id) : null;
        // The same shape as a webhook's feed change, so one normaliser serves both.
        const event = normalizeFeedChange(
          account.externalId,
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
        if (event) events.push(event);
        newest = Math.max(newest, at.getTime());
      }
    }
    events.sort((a, b) =>
      a.type === 'message' && b.type === 'message' ? a.sentAt.getTime() - b.sentAt.getTime() : 0,
    );
    return { events, cursor: String(Math.floor(newest / 1000)) };
  }

  /** Every item of a Graph list, following `paging.next` (only on the same host) until it is absent. */
  private async getAll(
    account: ConnectorAccount<MetaCredentials>,
    path: string,
    token: string,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | null = `${account.baseUrl}/${path}`;
    for (let pages = 0; next && pages < 50; pages++) {
      const answer = await this.request(account, 'GET', next, token);
      items.push(...listOf(answer));
      const link = (answer as { paging?: { next?: unknown } } | null)?.paging?.next;
      next =
        typeof link === 'string' && new URL(link).origin === new URL(account.baseUrl).origin ? link : null;
    }
    return items;
  }

  private async getPage(
    account: ConnectorAccount<MetaCredentials>,
    path: string,
    token: string,
  ): Promise<unknown[]> {
    return listOf(await this.request(account, 'GET', `${account.baseUrl}/${path}`, token));
  }

  private async get(
    account: ConnectorAccount<MetaCredentials>,
    path: string,
    accessToken: string,
  ): Promise<unknown> {
    return this.request(account, 'GET', `${account.baseUrl}/${path}`, accessToken);
  }

  private async post(
    account: ConnectorAccount<MetaCredentials>,
    path: string,
    accessToken: string,
    payload: object,
  ): Promise<unknown> {
    return this.request(account, 'POST', `${account.baseUrl}/${path}`, accessToken, payload);
  }

  /** Every Graph call; big numeric ids in answers stay strings (platformFetch parses them so). */
  private async request(
    _account: ConnectorAccount<MetaCredentials>,
    method: 'GET' | 'POST',
    url: string,
    accessToken: string,
    payload?: object,
  ): Promise<unknown> {
    const res = await platformFetch(
      { method, url, token: accessToken, body: payload, timeoutMs: 15_000, platformName: 'Meta' },
      (status, headers, json) => metaPlatformError(status, json, headers),
    );
    return res.json ?? {};
  }
}

function idIn(answer: unknown, field: 'id' | 'message_id'): string {
  const id = (answer as Record<string, unknown> | null)?.[field];
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new PlatformError('transient', `Réponse de Meta sans ${field}`);
  }
  return String(id);
}

/** `data` of a Graph list answer (or of a nested edge), empty when absent. */
function listOf(answer: unknown): unknown[] {
  const data = (answer as { data?: unknown } | null)?.data;
  return Array.isArray(data) ? (data as unknown[]) : [];
}

function matchingId(
  items: unknown[],
  authorId: string,
  body: string,
  after: number,
  textField: 'message' | 'text',
): string | null {
  for (const item of items) {
    const entry = item as Record<string, unknown>;
    const from = entry.from as { id?: unknown } | undefined;
    const when = entry.created_time ?? entry.timestamp;
    const at = typeof when === 'string' ? Date.parse(when) : Number.NaN;
    const fromId = typeof from?.id === 'string' || typeof from?.id === 'number' ? String(from.id) : null;
    if (fromId === authorId && entry[textField] === body && !(at < after)) {
      const id = entry.id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  }
  return null;
}
