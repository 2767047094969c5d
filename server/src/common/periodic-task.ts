import { Logger } from '@nestjs/common';

/**
 * Runs `task` every `periodMs`, never two runs at once; `stop` waits for the run in progress. The
 * background workers (SLA alerts, outbox, polling) share it; each keeps its work durable in PostgreSQL.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    name: string,
    private readonly periodMs: number,
    private readonly task: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  /** `immediately`: a first run now rather than one period from now (work due at start). */
  start(options: { immediately?: boolean } = {}): void {
    const run = () => {
      if (this.running) return;
      this.running = this.task()
        .then(() => undefined)
        .catch((err: unknown) => {
          // A deadlock victim (another transaction held what it needed) just runs again next time.
          if ((err as { code?: unknown }).code === '40P01') {
            this.logger.warn('Deadlock victim: will run again at the next period');
          } else {
            this.logger.error(err);
          }
        })
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(run, this.periodMs);
    if (options.immediately) run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
