import { Injectable } from '@nestjs/common';
import type { Platform } from '@guichet/shared';
import type { ChannelConnector } from './connector';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { XConnector } from './x/x.connector';

/** The connectors that poll and reply through the common interface (Meta has its own, see meta.connector.ts). */
@Injectable()
export class ConnectorRegistry {
  private readonly connectors = new Map<Platform, ChannelConnector<unknown>>([
    ['mastodon', new MastodonConnector()],
    ['x', new XConnector()],
  ]);

  get(platform: Platform): ChannelConnector<unknown> | null {
    return this.connectors.get(platform) ?? null;
  }

  get pollable(): Platform[] {
    return [...this.connectors.keys()];
  }
}
