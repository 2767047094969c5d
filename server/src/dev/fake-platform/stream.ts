import { createHash } from 'node:crypto';
import type { FakePlatformServer } from './fake-platform.server';

/** A citizen message of the demo corpus (server/src/demo/corpus). */
export interface StreamedMessage {
  channel: string;
  author: string;
  text: string;
}

export type StreamChannel =
  'facebook_comment' | 'messenger' | 'instagram_comment' | 'instagram_dm' | 'mastodon' | 'x';

export interface EmittedMessage {
  channel: StreamChannel;
  author: string;
  text: string;
  /** The id the platform gave it (comment id, message id, status id, tweet id). */
  platformId: string;
  followUp: boolean;
}

export interface CitizenStreamOptions {
  /** Mean pause between two messages; each pause varies by ±30 %. */
  intervalMs: number;
  /** Share of messages that follow up on an earlier one of the same citizen, in the same thread. */
  followUpRate?: number;
  random?: () => number;
  onEmit?: (m: EmittedMessage) => void;
  onError?: (err: unknown) => void;
}

const CHANNELS = new Set<string>([
  'facebook_comment',
  'messenger',
  'instagram_comment',
  'instagram_dm',
  'mastodon',
  'x',
]);

const FOLLOW_UPS = [
  'Toujours rien ce matin…',
  'Je me permets de relancer, merci.',
  "C'est au niveau du numéro 14, pour être précis.",
  'Merci pour votre réponse rapide !',
  "J'ajoute que ça empire avec la pluie.",
  'Des voisins ont aussi signalé le problème.',
];

const PAGE_POSTS = [
  'Travaux avenue de la Gare : la circulation sera alternée jusqu’au 14.',
  'Collecte des encombrants : le calendrier de l’année est en ligne.',
  'Fête de la musique : rendez-vous place de la Mairie dès 18 h !',
];

/** A stable, platform-looking numeric id for a citizen's name (the same person keeps the same id). */
function citizenId(author: string, digits: number): string {
  const hex = createHash('sha256').update(author).digest('hex').slice(0, 15);
  return `7${(BigInt(`0x${hex}`) % 10n ** BigInt(digits - 1)).toString().padStart(digits - 1, '0')}`;
}

/** `Marie-Thérèse Dupont` → `marie_therese_dupont` (handles on Instagram, Mastodon and X). */
function handleOf(author: string, max: number): string {
  const ascii = author
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return (ascii || 'habitant').slice(0, max);
}

interface Previous {
  channel: StreamChannel;
  author: string;
  platformId: string;
}

/**
 * Realistic French citizen messages arriving on the fake platforms at a steady pace: Facebook
 * comments, Messenger, Instagram comments and DMs (each with its signed webhook), Mastodon mentions
 * and direct messages (streamed), X mentions (found by polling). Some follow up in the same thread.
 */
export class CitizenMessageStream {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly messages: Array<StreamedMessage & { channel: StreamChannel }>;
  private readonly random: () => number;
  private readonly recent: Previous[] = [];
  private index = 0;

  constructor(
    private readonly platform: FakePlatformServer,
    corpus: StreamedMessage[],
    private readonly options: CitizenStreamOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.messages = corpus.filter((m): m is StreamedMessage & { channel: StreamChannel } =>
      CHANNELS.has(m.channel),
    );
    // A shuffled order, so the demo does not replay the corpus file top to bottom.
    for (let i = this.messages.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [this.messages[i], this.messages[j]] = [this.messages[j], this.messages[i]];
    }
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0 || this.messages.length === 0) return;
    const schedule = () => {
      const pause = this.options.intervalMs * (0.7 + this.random() * 0.6);
      this.timer = setTimeout(() => {
        this.running = this.emit()
          .catch((err: unknown) => this.options.onError?.(err))
          .finally(() => {
            this.running = null;
            if (this.timer) schedule();
          });
      }, pause);
      this.timer.unref();
    };
    schedule();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One message now: a new one from the corpus, or now and then a citizen following up. */
  async emit(): Promise<EmittedMessage> {
    this.ensurePosts();
    const previous =
      this.recent.length > 0 ? this.recent[Math.floor(this.random() * this.recent.length)] : null;
    const emitted =
      previous && this.random() < (this.options.followUpRate ?? 0.15)
        ? await this.followUp(previous)
        : await this.fresh();
    this.recent.push({ channel: emitted.channel, author: emitted.author, platformId: emitted.platformId });
    if (this.recent.length > 20) this.recent.shift();
    this.options.onEmit?.(emitted);
    return emitted;
  }

  private async fresh(): Promise<EmittedMessage> {
    const m = this.messages[this.index++ % this.messages.length];
    const platformId = await this.send(m.channel, m.author, m.text, null);
    return { channel: m.channel, author: m.author, text: m.text, platformId, followUp: false };
  }

  private async followUp(previous: Previous): Promise<EmittedMessage> {
    const text = FOLLOW_UPS[Math.floor(this.random() * FOLLOW_UPS.length)];
    const platformId = await this.send(previous.channel, previous.author, text, previous.platformId);
    return { channel: previous.channel, author: previous.author, text, platformId, followUp: true };
  }

  private async send(
    channel: StreamChannel,
    author: string,
    text: string,
    inThreadOf: string | null,
  ): Promise<string> {
    const { meta, mastodon, x } = this.platform;
    switch (channel) {
      case 'facebook_comment':
      case 'instagram_comment': {
        const instagram = channel === 'instagram_comment';
        const { comment } = await meta.citizenComment({
          platform: instagram ? 'instagram' : 'facebook',
          from: instagram
            ? { id: citizenId(author, 17), username: handleOf(author, 30) }
            : { id: citizenId(author, 16), name: author },
          text,
          ...(inThreadOf ? { parentId: inThreadOf } : {}),
        });
        return comment.id;
      }
      case 'messenger':
      case 'instagram_dm': {
        const instagram = channel === 'instagram_dm';
        const { message } = await meta.citizenMessage({
          platform: instagram ? 'instagram' : 'messenger',
          from: instagram
            ? { id: citizenId(author, 17), username: handleOf(author, 30) }
            : { id: citizenId(author, 16), name: author },
          text,
        });
        return message.id;
      }
      case 'mastodon': {
        const { status } = mastodon.citizenMention({
          author: { username: handleOf(author, 30), displayName: author },
          text: text.slice(0, 480),
          visibility: this.random() < 0.3 ? 'direct' : 'public',
          ...(inThreadOf ? { inReplyToId: inThreadOf } : {}),
        });
        return status.id;
      }
      case 'x':
        return x.citizenMention({
          author: { username: handleOf(author, 15), name: author },
          text: [...text].slice(0, 260).join(''),
          ...(inThreadOf ? { inReplyToId: inThreadOf } : {}),
        }).id;
    }
  }

  private ensurePosts(): void {
    if (this.platform.meta.hasPosts()) return;
    for (const [i, message] of PAGE_POSTS.entries()) {
      const at = Date.now() - (PAGE_POSTS.length - i) * 3600_000;
      this.platform.meta.addPost('facebook', message, { at });
      this.platform.meta.addPost('instagram', message, { at });
    }
  }
}
