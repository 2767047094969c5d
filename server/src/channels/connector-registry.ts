import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform } from '@guichet/shared';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, APP_SECRETS, type AppSecrets } from '../config/config.module';
import { ChannelAccount } from './channel-account.entity';
import { PlatformError, type ChannelConnector, type ConnectorAccount } from './connector';
import { decryptCredentials } from './credentials-cipher';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { MetaConnector } from './meta/meta.connector';
import { XConnector } from './x/x.connector';

/** A connected account ready to be called: its row, its platform's connector, its credentials. */
export interface OpenedAccount {
  row: ChannelAccount;
  connector: ChannelConnector<unknown>;
  account: ConnectorAccount<unknown>;
}

/**
 * Every platform's connector behind the one interface, and how to open a connected account for it:
 * credentials decrypted, base URL from the account (a Mastodon instance) or the configuration.
 */
@Injectable()
export class ConnectorRegistry {
  private readonly connectors: Map<Platform, ChannelConnector<unknown>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    const options = { timeoutMs: config.platformTimeoutMs };
    this.connectors = new Map<Platform, ChannelConnector<unknown>>([
      ['facebook', new MetaConnector('facebook', options)],
      ['instagram', new MetaConnector('instagram', options)],
      ['mastodon', new MastodonConnector(options)],
      ['x', new XConnector(options)],
    ]);
  }

  get(platform: Platform): ChannelConnector<unknown> | null {
    return this.connectors.get(platform) ?? null;
  }

  /** The platforms whose accounts are polled. */
  get pollable(): Platform[] {
    return [...this.connectors.keys()];
  }

  /** Where a platform's API is when the account does not say (Mastodon: nowhere, it is per instance). */
  defaultBaseUrl(platform: Platform): string | null {
    switch (platform) {
      case 'facebook':
      case 'instagram':
        return `${this.config.meta.graphUrl}/${this.config.meta.graphVersion}`;
      case 'x':
        return this.config.x.apiUrl;
      default:
        return null;
    }
  }

  /** Loads an account with its credentials; a PlatformError says why it cannot be called. */
  async open(accountId: string): Promise<OpenedAccount> {
    const row = await this.db
      .getRepository(ChannelAccount)
      .createQueryBuilder('a')
      .addSelect('a.credentialsEncrypted')
      .where('a.id = :accountId', { accountId })
      .getOneOrFail();
    const connector = this.get(row.platform);
    if (!connector) {
      throw new PlatformError('rejected', `La plateforme ${row.platform} n’a pas de connecteur`);
    }
    if (!row.credentialsEncrypted) {
      throw new PlatformError('auth', 'Compte non connecté : aucun jeton d’accès');
    }
    const baseUrl = row.baseUrl ?? this.defaultBaseUrl(row.platform);
    if (!baseUrl) throw new PlatformError('auth', 'Compte incomplet : adresse du serveur manquante');
    let credentials: unknown;
    try {
      credentials = decryptCredentials(row.credentialsEncrypted, this.secrets.credentialsKey);
    } catch {
      // GCM refuses them whole: encrypted with another SECRET_KEY (changed, or another install's data).
      throw new PlatformError(
        'auth',
        'Jetons illisibles : ils ont été chiffrés avec une autre clé SECRET_KEY. Remettez l’ancienne clé ou reconnectez le compte.',
      );
    }
    return { row, connector, account: { externalId: row.externalId, credentials, baseUrl } };
  }
}
