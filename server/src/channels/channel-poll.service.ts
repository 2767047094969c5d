import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { InboundQueue } from '../tickets/inbound-queue';
import { ChannelAccount } from './channel-account.entity';
import { PlatformError } from './connector';
import { ConnectorRegistry } from './connector-registry';
import { pollRetryDelayMs } from './poll-backoff';

const CLAIM_SECONDS = 300;

/** The rows of an `UPDATE … RETURNING` (the driver answers `[rows, count]`). */
const rowsOf = <T = { id: string }>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/**
 * Polls connected accounts for what webhooks missed (or for platforms without webhooks): claims due
 * accounts with SKIP LOCKED, stores the items in the inbound queue in the same transaction that moves
 * the account's cursor (ingestion ignores duplicates), so a crash mid-poll loses nothing and the next
 * poll resumes.
 * A platform that refuses (429, 5xx) is left alone until its reset time, or for a growing pause.
 */
@Injectable()
export class ChannelPollService {
  private readonly logger = new Logger('ChannelPoll');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connectors: ConnectorRegistry,
    private readonly queue: InboundQueue,
  ) {}

  /** Polls every account that is due; returns how many were polled. */
  async pollDue(): Promise<number> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE channel_accounts SET poll_claimed_until = now() + make_interval(secs => $1)
          WHERE id IN (
            SELECT id FROM channel_accounts
             WHERE status = 'active' AND platform::text = ANY($2)
               AND (next_poll_at IS NULL OR next_poll_at <= now())
               AND (poll_claimed_until IS NULL OR poll_claimed_until < now())
             ORDER BY next_poll_at NULLS FIRST LIMIT 10 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [CLAIM_SECONDS, this.connectors.pollable],
      ),
    );
    for (const { id } of rows) await this.pollAccount(id);
    return rows.length;
  }

  /**
   * Polls one account now, ahead of its schedule (a stream reconnected and must catch up), unless
   * another poller holds it or the platform asked us to wait (failures in a row). Returns whether it ran.
   */
  async pollNow(accountId: string): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        `UPDATE channel_accounts SET poll_claimed_until = now() + make_interval(secs => $2)
          WHERE id IN (
            SELECT id FROM channel_accounts
             WHERE id = $1 AND status = 'active'
               AND (poll_failures = 0 OR next_poll_at IS NULL OR next_poll_at <= now())
               AND (poll_claimed_until IS NULL OR poll_claimed_until < now())
             FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [accountId, CLAIM_SECONDS],
      ),
    );
    if (rows.length === 0) return false;
    await this.pollAccount(accountId);
    return true;
  }

  private async pollAccount(accountId: string): Promise<void> {
    const repo = this.db.getRepository(ChannelAccount);
    const intervalMs = this.config.pollIntervalSeconds * 1000;
    try {
      const { row, connector, account } = await this.connectors.open(accountId);
      const { events, cursor, waitMs } = await connector.fetchSince(account, row.pollCursor);
      const now = new Date();
      // The events and the cursor that skips them commit together: nothing is lost if we stop here.
      await this.db.transaction(async (manager) => {
        await this.queue.enqueue(events, now, 'poll', manager);
        await manager.getRepository(ChannelAccount).update(
          { id: accountId },
          {
            pollCursor: cursor ?? row.pollCursor,
            lastPolledAt: now,
            lastError: null,
            pollFailures: 0,
            nextPollAt: new Date(now.getTime() + Math.max(intervalMs, waitMs ?? 0)),
            pollClaimedUntil: null,
          },
        );
      });
      this.queue.kick();
    } catch (err) {
      const platformError = err instanceof PlatformError ? err : null;
      if (!platformError) this.logger.error(err);
      const [counted] = rowsOf<{ poll_failures: number }>(
        await this.db.query(
          `UPDATE channel_accounts SET poll_failures = poll_failures + 1 WHERE id = $1 RETURNING poll_failures`,
          [accountId],
        ),
      );
      const failures = Number(counted?.poll_failures ?? 1);
      const retryAfterMs =
        platformError?.kind === 'rate_limited' ? platformError.options.retryAfterMs : undefined;
      await repo.update(
        { id: accountId },
        {
          lastError: platformError?.message ?? 'Erreur inattendue pendant la relève',
          nextPollAt: new Date(Date.now() + pollRetryDelayMs(failures, intervalMs, retryAfterMs)),
          pollClaimedUntil: null,
        },
      );
    }
  }
}
