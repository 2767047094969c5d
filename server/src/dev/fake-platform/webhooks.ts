import { createHmac } from 'node:crypto';

export interface WebhookDelivery {
  body: string;
  /** Guichet's HTTP status, or null when the delivery was dropped or could not be made. */
  status: number | null;
  dropped: boolean;
  error: string | null;
}

export interface MetaWebhookOptions {
  /** Where Guichet receives them (`…/api/webhooks/meta`); null: nothing is sent. */
  url: string | null;
  appSecret: string;
  /** Of every delivery, the share dropped at random (the demo shows polling catching up). */
  dropRate?: number;
  random?: () => number;
}

/**
 * Meta's webhook deliveries: the exact JSON bytes, signed with X-Hub-Signature-256 (HMAC-SHA256 under
 * the app secret) and POSTed to Guichet. Drops on command, as Meta does when an endpoint was slow or
 * down long enough: Guichet must then catch up by polling.
 */
export class MetaWebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  url: string | null;
  appSecret: string;
  dropRate: number;
  /** While true every delivery is dropped. */
  dropAll = false;
  private dropCount = 0;
  private readonly random: () => number;
  private readonly initialSecret: string;

  constructor(options: MetaWebhookOptions) {
    this.url = options.url;
    this.appSecret = options.appSecret;
    this.initialSecret = options.appSecret;
    this.dropRate = options.dropRate ?? 0;
    this.random = options.random ?? Math.random;
  }

  /** The next `count` deliveries are never sent. */
  dropNext(count = 1): void {
    this.dropCount += count;
  }

  sign(body: string): string {
    return `sha256=${createHmac('sha256', this.appSecret).update(body, 'utf8').digest('hex')}`;
  }

  async deliver(payload: unknown): Promise<WebhookDelivery> {
    const body = JSON.stringify(payload);
    const delivery: WebhookDelivery = { body, status: null, dropped: false, error: null };
    this.deliveries.push(delivery);
    if (this.dropCount > 0 || this.dropAll || (this.dropRate > 0 && this.random() < this.dropRate)) {
      if (this.dropCount > 0) this.dropCount--;
      delivery.dropped = true;
      return delivery;
    }
    if (!this.url) {
      delivery.error = 'no webhook URL configured';
      return delivery;
    }
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': this.sign(body),
          'user-agent': 'facebookexternalua',
        },
        body,
        signal: AbortSignal.timeout(20_000),
      });
      await res.arrayBuffer();
      delivery.status = res.status;
    } catch (err) {
      delivery.error = (err as Error).message;
    }
    return delivery;
  }

  reset(): void {
    this.deliveries.length = 0;
    this.dropAll = false;
    this.dropCount = 0;
    this.appSecret = this.initialSecret;
  }
}
