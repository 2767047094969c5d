import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../common/periodic-task';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InboundQueue } from '../tickets/inbound-queue';
import { ChannelAccount } from './channel-account.entity';
import { ChannelPollService } from './channel-poll.service';
import { ConnectorRegistry } from './connector-registry';
import { MastodonStream } from './mastodon/mastodon-stream.client';
import type { MastodonCredentials } from './mastodon/mastodon.connector';
import { normalizeMastodonNotification } from './mastodon/mastodon-notification.normalizer';

interface Running {
  stream: MastodonStream;
  /** Base URL and token: when either changes, the stream is reopened. */
  fingerprint: string;
}

/**
 * One live notification stream per active Mastodon account, so mentions reach the inbox within
 * seconds instead of at the next poll. Polling stays the source of truth: every (re)connection asks
 * for a catch-up poll, and the cursor only ever moves there. Streams follow the accounts (pause,
 * resume, new token) at each sweep, and close at shutdown.
 */
@Injectable()
export class MastodonStreamsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MastodonStreams');
  private readonly running = new Map<string, Running>();
  private readonly periodic: PeriodicTask;
  private syncing: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connectors: ConnectorRegistry,
    private readonly polls: ChannelPollService,
    private readonly queue: InboundQueue,
  ) {
    this.periodic = new PeriodicTask('MastodonStreams', config.pollSweepMs, () => this.sync());
  }

  onApplicationBootstrap(): void {
    if (!this.config.mastodonStreaming) return;
    this.periodic.start();
    void this.sync().catch((err: unknown) => this.logger.error(err));
  }

  /** Before the database closes (onApplicationShutdown), so a catch-up poll in flight can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
    await this.syncing;
    await Promise.all([...this.running.values()].map((r) => r.stream.stop()));
    this.running.clear();
  }

  /** The stream of an account, if one is open (tests and health). */
  streamOf(accountId: string): MastodonStream | null {
    return this.running.get(accountId)?.stream ?? null;
  }

  /** Opens streams for active accounts that have none, closes those of paused or removed accounts. */
  sync(): Promise<void> {
    this.syncing ??= this.doSync().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async doSync(): Promise<void> {
    const active = await this.db
      .getRepository(ChannelAccount)
      .find({ where: { platform: 'mastodon', status: 'active' }, select: { id: true } });
    const wanted = new Map<string, { fingerprint: string; start: () => MastodonStream }>();
    for (const { id } of active) {
      try {
        const { account } = await this.connectors.open(id);
        const credentials = account.credentials as MastodonCredentials;
        const fingerprint = createHash('sha256')
          .update(`${account.baseUrl}\n${credentials.accessToken}`)
          .digest('hex');
        wanted.set(id, {
          fingerprint,
          start: () => this.open(id, account.externalId, account.baseUrl, credentials.accessToken),
        });
      } catch {
        // Not connected or incomplete: polling records why; no stream.
      }
    }
    for (const [id, running] of this.running) {
      if (wanted.get(id)?.fingerprint === running.fingerprint) continue;
      this.running.delete(id);
      await running.stream.stop();
    }
    for (const [id, want] of wanted) {
      if (!this.running.has(id))
        this.running.set(id, { stream: want.start(), fingerprint: want.fingerprint });
    }
  }

  private open(accountId: string, externalId: string, baseUrl: string, accessToken: string): MastodonStream {
    const stream = new MastodonStream({
      baseUrl,
      accessToken,
      onNotification: async (notification) => {
        const event = normalizeMastodonNotification(notification, externalId);
        // Stored like a webhook's event: the queue processes it and drops it if polling got it first.
        if (event) await this.queue.enqueue([event], new Date(), 'stream');
      },
      onConnected: async () => {
        await this.polls.pollNow(accountId);
      },
      onError: (err) => this.logger.warn(`Mastodon stream of account ${accountId}: ${err.message}`),
    });
    stream.start();
    return stream;
  }
}
