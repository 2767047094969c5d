/** How long a connection must hold before the back-off starts again from its first step. */
const STABLE_MS = 30_000;

/** One server-sent event: `event: notification` / `data: {…}`. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream into events. Lines starting with `:` are comments (Mastodon's `:thump`
 * heartbeats); a blank line ends an event; several `data:` lines join with newlines.
 */
export class SseParser {
  private buffer = '';
  private event = 'message';
  private data: string[] = [];

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const out: ServerSentEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r?\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + (this.buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event, data: this.data.join('\n') });
        this.event = 'message';
        this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') this.event = value;
        else if (field === 'data') this.data.push(value);
      }
    }
    return out;
  }
}

export interface MastodonStreamOptions {
  baseUrl: string;
  accessToken: string;
  /** A `notification` event's payload (parsed JSON). */
  onNotification: (notification: unknown) => Promise<void>;
  /** After each successful (re)connection: time to poll for what arrived while disconnected. */
  onConnected: () => Promise<void>;
  onError?: (err: Error) => void;
  /** First pause after a failure, doubled at each failure in a row, up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Mastodon sends a heartbeat every 15 s: this long without a byte means the connection is dead. */
  idleTimeoutMs?: number;
}

/**
 * A Mastodon account's notification stream (`GET /api/v1/streaming/user/notification`), kept open:
 * on a drop, an error or silence it reconnects with exponential back-off, and after every connection
 * asks for a catch-up poll, so what arrived while it was down is not missed. `stop` ends it for good.
 */
export class MastodonStream {
  private stopped = false;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private failures = 0;
  /** Connections made so far (tests and health). */
  connections = 0;
  connected = false;

  constructor(private readonly options: MastodonStreamOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connectOnce();
      } catch (err) {
        if (!this.stopped) this.options.onError?.(err as Error);
      }
      this.connected = false;
      if (this.stopped) break;
      await this.pause(this.backoffMs());
    }
  }

  private backoffMs(): number {
    const initial = this.options.initialBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 60_000;
    const delay = Math.min(max, initial * 2 ** Math.min(this.failures, 20));
    this.failures++;
    // Jitter, so many accounts of one instance do not reconnect in step.
    return delay * (0.8 + Math.random() * 0.4);
  }

  private async connectOnce(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const idleMs = this.options.idleTimeoutMs ?? 45_000;
    let idle = setTimeout(() => controller.abort(new Error('stream silent')), idleMs);
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(new Error('stream silent')), idleMs);
    };
    try {
      const res = await fetch(
        `${this.options.baseUrl.replace(/\/+$/, '')}/api/v1/streaming/user/notification`,
        {
          headers: { authorization: `Bearer ${this.options.accessToken}`, accept: 'text/event-stream' },
          signal: controller.signal,
        },
      );
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new Error(`Mastodon streaming answered HTTP ${res.status}`);
      }
      this.connected = true;
      this.connections++;
      const openedAt = Date.now();
      // Not awaited: events keep flowing while the catch-up poll runs (ingestion stores each once).
      this.options.onConnected().catch((err: unknown) => this.options.onError?.(err as Error));
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) throw new Error('Mastodon streaming connection closed');
        touch();
        // Only a connection that held counts as recovered: one that the server keeps closing at once
        // must keep backing off (each reconnection also costs a catch-up poll).
        if (this.failures > 0 && Date.now() - openedAt >= STABLE_MS) this.failures = 0;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event !== 'notification') continue;
          try {
            await this.options.onNotification(JSON.parse(event.data));
          } catch (err) {
            // One bad event does not close the stream; the next poll will find it anyway.
            this.options.onError?.(err as Error);
          }
        }
      }
    } finally {
      clearTimeout(idle);
      this.controller = null;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
