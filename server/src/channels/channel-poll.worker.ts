import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ChannelPollService } from './channel-poll.service';

/** Runs the polls that are due; at start it catches up on what arrived while the app was down. */
@Injectable()
export class ChannelPollWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly periodic: PeriodicTask;

  constructor(@Inject(APP_CONFIG) config: AppConfig, polls: ChannelPollService) {
    this.periodic = new PeriodicTask('ChannelPollWorker', config.pollSweepMs, () => polls.pollDue());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  /** Before the database closes (onApplicationShutdown), so work in flight can record its result. */
  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }
}
