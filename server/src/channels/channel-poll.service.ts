import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, APP_SECRETS, type AppSecrets } from '../config/config.module';
import { InboundQueue } from '../tickets/inbound-queue';
import { ChannelAccount } from './channel-account.entity';
import { ConnectorRegistry } from './connector-registry';
import { PlatformError, type FetchResult } from './connector';
import { MetaConnector, type MetaCredentials } from './meta/meta.connector';
import { decryptCredentials } from './credentials-cipher';

const CLAIM_SECONDS = 300;

/**
 * Polls connected accounts for what webhooks missed (or for platforms without webhooks): claims due
 * accounts with SKIP LOCKED, stores every item through ingestion (duplicates are ignored there), and
 * only then moves the account's cursor, so a crash mid-poll loses nothing and the next poll resumes.
 */
@Injectable()
export class ChannelPollService {
  private readonly logger = new Logger('ChannelPoll');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
    private readonly connectors: ConnectorRegistry,
    private readonly queue: InboundQueue,
    private readonly meta: MetaConnector,
  ) {}

  /** Polls every account that is due; returns how many were polled. */
  async pollDue(): Promise<number> {
    const result: unknown = await this.db.query(
      `UPDATE channel_accounts SET poll_claimed_until = now() + make_interval(secs => $1)
        WHERE id IN (
          SELECT id FROM channel_accounts
           WHERE status = 'active' AND platform::text = ANY($2)
             AND (next_poll_at IS NULL OR next_poll_at <= now())
             AND (poll_claimed_until IS NULL OR poll_claimed_until < now())
           ORDER BY next_poll_at NULLS FIRST LIMIT 10 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [CLAIM_SECONDS, [...this.connectors.pollable, 'facebook']],
    );
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Array<{
      id: string;
    }>;
    for (const { id } of rows) await this.pollAccount(id);
    return rows.length;
  }

  private async pollAccount(accountId: string): Promise<void> {
    const account = await this.db
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :accountId', { accountId })
      .getOneOrFail();
    const connector = this.connectors.get(account.platform);
    const repo = this.db.getRepository(ChannelAccount);
    try {
      if (!account.credentialsEncrypted)
        throw new PlatformError('auth', 'Compte non connecté : aucun jeton d’accès');
      const credentials: unknown = decryptCredentials(
        account.credentialsEncrypted,
        this.secrets.credentialsKey,
      );
      let fetched: FetchResult;
      if (account.platform === 'facebook') {
        const meta = this.meta.account(account.externalId, credentials as MetaCredentials);
        fetched = await this.meta.fetchPageComments(meta, account.pollCursor);
      } else {
        if (!connector || !account.baseUrl) {
          throw new PlatformError('auth', 'Compte incomplet : adresse du serveur manquante');
        }
        fetched = await connector.fetchSince(
          { externalId: account.externalId, credentials, baseUrl: account.baseUrl },
          account.pollCursor,
        );
      }
      const { events, cursor } = fetched;
      const now = new Date();
      // The events and the cursor that skips them commit together: nothing is lost if we stop here.
      await this.db.transaction(async (manager) => {
        await this.queue.enqueue(events, now, 'poll', manager);
        await manager.getRepository(ChannelAccount).update(
          { id: accountId },
          {
            pollCursor: cursor ?? account.pollCursor,
            lastPolledAt: now,
            lastError: null,
            nextPollAt: new Date(now.getTime() + this.config.pollIntervalSeconds * 1000),
            pollClaimedUntil: null,
          },
        );
      });
      this.queue.kick();
    } catch (err) {
      const platformError = err instanceof PlatformError ? err : null;
      if (!platformError) this.logger.error(err);
      const waitMs = Math.max(
        platformError?.options.retryAfterMs ?? 0,
        this.config.pollIntervalSeconds * 1000,
      );
      await repo.update(
        { id: accountId },
        {
          lastError: platformError?.message ?? 'Erreur inattendue pendant la relève',
          nextPollAt: new Date(Date.now() + waitMs),
          pollClaimedUntil: null,
        },
      );
    }
  }
}
