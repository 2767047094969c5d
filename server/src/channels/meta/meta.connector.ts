import {
  PlatformError,
  type ChannelConnector,
  type ConnectorAccount,
  type FetchResult,
  type ReplyTarget,
} from '../connector';
import { MetaGraphClient, listOf, type MetaCredentials } from './meta-graph.client';
import {
  pollConversations,
  pollInstagramComments,
  pollPageComments,
  WalkInterrupted,
  type MetaHarvest,
} from './meta-polling';

export type { MetaCredentials } from './meta-graph.client';

/** Meta lets a business answer a private message only within 24 hours of the citizen's last one. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Why a private reply cannot be sent now, or null when it can. */
export function messagingWindowClosed(
  target: Pick<ReplyTarget, 'kind' | 'sentAt'>,
  now: Date,
): string | null {
  if (target.kind !== 'direct' || now.getTime() - target.sentAt.getTime() <= MESSAGING_WINDOW_MS) return null;
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

export interface MetaConnectorOptions {
  /** Per request; 15 s by default. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * A Facebook Page (comments and Messenger) or an Instagram account (comments and DMs) through the
 * Graph API. Polls what webhooks missed; replies under a Page comment (`/{comment-id}/comments`),
 * under an Instagram comment (`/{ig-comment-id}/replies`), or through the Send API with
 * `messaging_type=RESPONSE` within Meta's 24-hour window. The account's base URL carries the version.
 */
export class MetaConnector implements ChannelConnector<MetaCredentials> {
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    readonly platform: 'facebook' | 'instagram',
    options: MetaConnectorOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  replyRefusal(target: Pick<ReplyTarget, 'kind' | 'sentAt'>, now: Date): string | null {
    return messagingWindowClosed(target, now);
  }

  /**
   * Comments and private messages written since `cursor` (unix seconds of the newest seen; null: the
   * last 24 hours), following `paging.next` until it is absent. When Meta's usage headers say the
   * limit is nearly reached the walk stops: what it found is stored, the cursor stays, and the next
   * poll waits until access is regained.
   */
  async fetchSince(account: ConnectorAccount<MetaCredentials>, cursor: string | null): Promise<FetchResult> {
    const now = new Date(this.now());
    const since = cursor && /^\d+$/.test(cursor) ? Number(cursor) * 1000 : now.getTime() - 24 * 3600 * 1000;
    const client = new MetaGraphClient(account, this.timeoutMs);
    const harvest: MetaHarvest = { events: [], newest: since };
    let complete = true;
    let waitMs: number | undefined;
    try {
      if (this.platform === 'facebook')
        await pollPageComments(client, account.externalId, since, now, harvest);
      else await pollInstagramComments(client, account.externalId, since, now, harvest);
      await pollConversations(client, this.platform, account.externalId, since, now, harvest);
    } catch (err) {
      const throttled = err instanceof PlatformError && err.kind === 'rate_limited';
      if (!(err instanceof WalkInterrupted) && !(throttled && harvest.events.length > 0)) throw err;
      complete = false;
      if (throttled) waitMs = err.options.retryAfterMs;
    }
    harvest.events.sort((a, b) =>
      a.type === 'message' && b.type === 'message' ? a.sentAt.getTime() - b.sentAt.getTime() : 0,
    );
    // Meta's windows roll over an hour: near the limit, give usage a few minutes to decay.
    if (client.nearLimit) waitMs = Math.max(waitMs ?? 0, client.usage.regainMs, 5 * 60_000);
    return {
      events: harvest.events,
      cursor: complete ? String(Math.floor(harvest.newest / 1000)) : cursor,
      ...(waitMs !== undefined ? { waitMs } : {}),
    };
  }

  async sendReply(
    account: ConnectorAccount<MetaCredentials>,
    target: ReplyTarget,
    body: string,
  ): Promise<{ platformMessageId: string }> {
    const client = new MetaGraphClient(account, this.timeoutMs);
    if (target.kind === 'direct') {
      const closed = messagingWindowClosed(target, new Date(this.now()));
      if (closed) throw new PlatformError('window_closed', closed);
      const recipient = target.hints.recipientId;
      if (!recipient) throw new PlatformError('rejected', 'Destinataire du message privé inconnu');
      const answer = await client.post(`${encodeURIComponent(account.externalId)}/messages`, {
        recipient: { id: recipient },
        messaging_type: 'RESPONSE',
        message: { text: body },
      });
      return { platformMessageId: idIn(answer, 'message_id') };
    }
    const edge = this.platform === 'instagram' ? 'replies' : 'comments';
    const answer = await client.post(`${encodeURIComponent(target.platformMessageId)}/${edge}`, {
      message: body,
    });
    return { platformMessageId: idIn(answer, 'id') };
  }

  /**
   * The id of a reply identical to `body` that the account posted to `target` since `since`, if any:
   * how a retry learns that an earlier try reached Meta before its answer was lost.
   */
  async findPostedReply(
    account: ConnectorAccount<MetaCredentials>,
    target: ReplyTarget,
    body: string,
    since: Date,
  ): Promise<string | null> {
    const client = new MetaGraphClient(account, this.timeoutMs);
    const after = since.getTime() - 60_000;
    if (target.kind === 'direct') {
      const query = new URLSearchParams({
        user_id: target.hints.recipientId ?? '',
        platform: this.platform === 'instagram' ? 'instagram' : 'messenger',
        fields: 'messages.limit(25){id,message,from,created_time}',
      });
      const answer = await client.get(`${encodeURIComponent(account.externalId)}/conversations?${query}`);
      const messages = listOf(answer).flatMap((c) => listOf((c as { messages?: unknown }).messages));
      return matchingId(messages, account.externalId, body, after, 'message');
    }
    const instagram = this.platform === 'instagram';
    const query = new URLSearchParams({
      fields: instagram ? 'id,text,from,timestamp' : 'id,message,from,created_time',
      order: 'reverse_chronological',
      limit: '50',
    });
    const answer = await client.get(
      `${encodeURIComponent(target.platformMessageId)}/${instagram ? 'replies' : 'comments'}?${query}`,
    );
    return matchingId(listOf(answer), account.externalId, body, after, instagram ? 'text' : 'message');
  }
}

function idIn(answer: unknown, field: 'id' | 'message_id'): string {
  const id = (answer as Record<string, unknown> | null)?.[field];
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new PlatformError('transient', `Réponse de Meta sans ${field}`);
  }
  return String(id);
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
    const at =
      typeof when === 'string' ? Date.parse(when.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
    const fromId = typeof from?.id === 'string' || typeof from?.id === 'number' ? String(from.id) : null;
    if (fromId === authorId && entry[textField] === body && !(at < after)) {
      const id = entry.id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  }
  return null;
}
