import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ChannelPollService } from './channel-poll.service';

/** Runs the polls that are due; at start it catches up on what arrived while the app was down. */
@Injectable()
export class ChannelPollWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChannelPollWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly polls: ChannelPollService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.polls
        .pollDue()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.error(err))
        .finally(() => (this.running = null));
    }, this.config.pollSweepMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
