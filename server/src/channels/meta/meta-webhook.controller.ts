import { Controller, Get, Header, HttpCode, Inject, Logger, Post, Query, Req } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { Public } from '../../auth/decorators';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { InboundQueue } from '../../tickets/inbound-queue';
import { ChannelsService } from '../channels.service';
import { parseJsonKeepingBigIds } from '../parse-json-ids';
import { normalizeMetaDelivery } from './meta-delivery.normalizer';
import { isValidMetaSignature } from './meta-signature';

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface WebhookReceipt {
  /** Events found in the delivery. */
  events: number;
  /** Stored, to be processed right after the acknowledgement. */
  queued: number;
  /** For accounts not connected to Guichet. */
  ignored: number;
}

@Public()
@Controller('webhooks/meta')
export class MetaWebhookController {
  private readonly logger = new Logger('MetaWebhook');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: InboundQueue,
    private readonly channels: ChannelsService,
  ) {}

  /** Meta's subscription handshake: echo `hub.challenge` when the verify token matches. */
  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Query() query: Record<string, unknown>): string {
    const expected = this.config.meta.verifyToken;
    const mode = query['hub.mode'];
    const token = query['hub.verify_token'];
    const challenge = query['hub.challenge'];
    if (
      expected === null ||
      mode !== 'subscribe' ||
      typeof token !== 'string' ||
      typeof challenge !== 'string' ||
      !sameText(token, expected)
    ) {
      throw new DomainError('forbidden', 'Vérification du webhook refusée');
    }
    return challenge;
  }

  /** A signed delivery; acknowledged once every event in it is durably stored (processing follows). */
  @Post()
  @HttpCode(200)
  async receive(@Req() req: Request & { rawBody?: Buffer }): Promise<WebhookReceipt> {
    const secret = this.config.meta.appSecret;
    if (secret === null) throw new DomainError('unavailable', 'META_APP_SECRET is not configured');
    const raw = req.rawBody;
    if (!isValidMetaSignature(raw ?? Buffer.alloc(0), req.header('x-hub-signature-256'), secret)) {
      throw new DomainError('unauthorized', 'Signature X-Hub-Signature-256 absente ou invalide');
    }
    if (!raw || raw.length === 0) throw new DomainError('invalid', 'Corps de requête JSON attendu');
    let body: unknown;
    try {
      body = parseJsonKeepingBigIds(raw.toString('utf8'));
    } catch {
      throw new DomainError('invalid', 'Corps de requête JSON invalide');
    }
    const receivedAt = new Date();
    const events = normalizeMetaDelivery(body, receivedAt);
    // One delivery concerns one platform (a Page, or an Instagram account).
    const platform = events[0]?.platform ?? 'facebook';
    const { stored, unknownAccounts } = await this.queue.enqueue(events, receivedAt, 'webhook');
    if (unknownAccounts.length > 0) {
      // Answered 200 all the same, or Meta would retry for days.
      this.logger.warn(
        `Meta delivery for ${platform} accounts not connected to Guichet, ignored: ${unknownAccounts.join(', ')}`,
      );
    }
    const connected = [...new Set(events.map((e) => e.accountExternalId))].filter(
      (id) => !unknownAccounts.includes(id),
    );
    await this.channels.markWebhookReceived(platform, connected, receivedAt);
    return { events: events.length, queued: stored, ignored: events.length - stored };
  }
}
