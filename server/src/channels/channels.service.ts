import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform } from '@guichet/shared';
import { DataSource, In } from 'typeorm';
import { APP_SECRETS, type AppSecrets } from '../config/config.module';
import { ChannelAccount } from './channel-account.entity';
import { encryptCredentials } from './credentials-cipher';

const WEBHOOK_MARK_MS = 5000;

@Injectable()
export class ChannelsService {
  private readonly lastWebhookMark = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
  ) {}

  /**
   * Records when an account last received a webhook (its health). Written at most every few seconds
   * per account and instance: under a burst, every delivery updating the same row would queue on its lock.
   */
  async markWebhookReceived(platform: Platform, externalIds: string[], at: Date): Promise<void> {
    const due = externalIds.filter((id) => {
      const key = `${platform}:${id}`;
      const last = this.lastWebhookMark.get(key) ?? 0;
      if (at.getTime() - last < WEBHOOK_MARK_MS) return false;
      this.lastWebhookMark.set(key, at.getTime());
      return true;
    });
    if (due.length === 0) return;
    await this.db
      .getRepository(ChannelAccount)
      .update({ platform, externalId: In(due) }, { lastWebhookAt: at });
  }

  /** Connects (or reconnects) an account; credentials are stored encrypted. */
  async connect(
    platform: Platform,
    externalId: string,
    name: string,
    credentials: object,
    baseUrl: string | null = null,
  ): Promise<ChannelAccount> {
    const credentialsEncrypted = encryptCredentials(credentials, this.secrets.credentialsKey);
    await this.db
      .createQueryBuilder()
      .insert()
      .into(ChannelAccount)
      .values({ platform, externalId, name, credentialsEncrypted, baseUrl })
      .orUpdate(['name', 'credentials_encrypted', 'base_url'], ['platform', 'external_id'])
      .execute();
    return this.db.getRepository(ChannelAccount).findOneByOrFail({ platform, externalId });
  }
}
