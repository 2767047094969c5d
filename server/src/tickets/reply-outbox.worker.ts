import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReplyOutboxService } from './reply-outbox.service';

/** Sends the replies that are due: retries after back-off, and replies a crashed instance left claimed. */
@Injectable()
export class ReplyOutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly outbox: ReplyOutboxService,
  ) {
    this.periodic = new PeriodicTask('ReplyOutboxWorker', config.outboxSweepMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  /** Before the database closes (onApplicationShutdown), so work in flight can record its result. */
  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
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
