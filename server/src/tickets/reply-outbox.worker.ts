import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReplyOutboxService } from './reply-outbox.service';

/** Sends the replies that are due: retries after back-off, and replies a crashed instance left claimed. */
@Injectable()
export class ReplyOutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReplyOutboxWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: ReplyOutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.error(err))
        .finally(() => (this.running = null));
    }, this.config.outboxSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the due replies; returns how many were tried. */
  async sweep(): Promise<number> {
    const due: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM messages
        WHERE delivery_status = 'queued' AND next_attempt_at <= now()
          AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY next_attempt_at LIMIT 20`,
    );
    for (const { id } of due) await this.outbox.deliver(id);
    return due.length;
  }
}
