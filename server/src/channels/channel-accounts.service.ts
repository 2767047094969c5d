import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChannelAccountView, Platform } from '@guichet/shared';
import type { CreateChannelAccountDto, UpdateChannelAccountDto } from '@guichet/shared/dto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { APP_SECRETS, type AppSecrets } from '../config/config.module';
import { ChannelAccount } from './channel-account.entity';
import { encryptCredentials } from './credentials-cipher';

/** The credentials each platform's connector needs. */
const REQUIRED_CREDENTIALS: Record<Platform, string[]> = {
  facebook: ['pageAccessToken'],
  instagram: ['pageAccessToken'],
  mastodon: ['accessToken'],
  x: ['bearerToken', 'userAccessToken'],
  open311: [],
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(a: ChannelAccount): ChannelAccountView {
  return {
    id: a.id,
    platform: a.platform,
    externalId: a.externalId,
    name: a.name,
    baseUrl: a.baseUrl,
    status: a.status,
    hasCredentials: a.credentialsEncrypted !== null && a.credentialsEncrypted !== undefined,
    lastWebhookAt: iso(a.lastWebhookAt),
    lastPolledAt: iso(a.lastPolledAt),
    nextPollAt: iso(a.nextPollAt),
    lastError: a.lastError,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Admins connect, pause and inspect the town's accounts; tokens go in encrypted and never come out. */
@Injectable()
export class ChannelAccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ChannelAccountView[]> {
    const rows = await this.db
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .orderBy('a.platform')
      .addOrderBy('a.name')
      .getMany();
    return rows.map(toView);
  }

  async create(user: AuthUser, dto: CreateChannelAccountDto): Promise<ChannelAccountView> {
    this.checkCredentials(dto.platform, dto.credentials);
    if (dto.platform === 'mastodon' && !dto.baseUrl) {
      throw new DomainError('invalid', 'baseUrl: the Mastodon instance URL is required', [
        'baseUrl: the Mastodon instance URL is required',
      ]);
    }
    const exists = await this.db
      .getRepository(ChannelAccount)
      .existsBy({ platform: dto.platform, externalId: dto.externalId });
    if (exists) throw new DomainError('conflict', 'Ce compte est déjà connecté');
    const saved = await this.db.transaction(async (manager) => {
      const account = await manager.save(
        manager.create(ChannelAccount, {
          platform: dto.platform,
          externalId: dto.externalId,
          name: dto.name,
          baseUrl: dto.baseUrl ?? null,
          credentialsEncrypted: encryptCredentials(dto.credentials, this.secrets.credentialsKey),
        }),
      );
      await this.audit.record(
        user.id,
        'channel_account.connected',
        'channel_account',
        account.id,
        { platform: dto.platform },
        manager,
      );
      return account;
    });
    return this.view(saved.id);
  }

  async update(user: AuthUser, id: string, dto: UpdateChannelAccountDto): Promise<ChannelAccountView> {
    const account = await this.db.getRepository(ChannelAccount).findOneBy({ id });
    if (!account) throw notFound('Compte');
    if (dto.credentials) this.checkCredentials(account.platform, dto.credentials);
    await this.db.transaction(async (manager) => {
      await manager.update(
        ChannelAccount,
        { id },
        {
          ...(dto.status ? { status: dto.status } : {}),
          ...(dto.name ? { name: dto.name } : {}),
          ...(dto.baseUrl ? { baseUrl: dto.baseUrl } : {}),
          ...(dto.credentials
            ? {
                credentialsEncrypted: encryptCredentials(dto.credentials, this.secrets.credentialsKey),
                lastError: null,
              }
            : {}),
          // Resuming or reconnecting polls at once, to catch up on what arrived meanwhile.
          ...(dto.status === 'active' || dto.credentials ? { nextPollAt: new Date() } : {}),
        },
      );
      const changed = Object.keys(dto).filter((k) => k !== 'credentials');
      if (dto.credentials) changed.push('credentials');
      await this.audit.record(
        user.id,
        'channel_account.updated',
        'channel_account',
        id,
        { changed },
        manager,
      );
    });
    return this.view(id);
  }

  private async view(id: string): Promise<ChannelAccountView> {
    const row = await this.db
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :id', { id })
      .getOneOrFail();
    return toView(row);
  }

  private checkCredentials(platform: Platform, credentials: Record<string, unknown>): void {
    const details = REQUIRED_CREDENTIALS[platform]
      .filter((key) => typeof credentials[key] !== 'string' || credentials[key].trim() === '')
      .map((key) => `credentials.${key}: required for ${platform}`);
    for (const [key, value] of Object.entries(credentials)) {
      if (typeof value !== 'string') details.push(`credentials.${key}: must be a string`);
    }
    if (details.length > 0) throw new DomainError('invalid', details.join('; '), details);
  }
}
