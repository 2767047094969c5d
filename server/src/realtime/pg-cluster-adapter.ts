import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Notification, Pool, PoolClient } from 'pg';
import { inInsertionOrder } from '../database/bulk-insert';
import type { Namespace } from 'socket.io';
import {
  ClusterAdapterWithHeartbeat,
  MessageType,
  type ClusterMessage,
  type ClusterResponse,
  type Offset,
  type ServerId,
} from 'socket.io-adapter';

/** The channel every instance listens on; messages name their namespace. */
const CHANNEL = 'guichet_socket_io';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const PAYLOAD_LIMIT = 7900;
/** Messages too big for a payload wait this long in `socket_io_attachments` for the listeners to read them. */
const ATTACHMENT_TTL_MS = 30_000;
const RECONNECT_MS = 2_000;

type Entry = ClusterMessage | ClusterResponse | { $attachment: string };

/**
 * socket.io across app instances over PostgreSQL LISTEN/NOTIFY, with no Redis to run.
 *
 * Unlike @socket.io/postgres-adapter (one NOTIFY round trip per emit), the messages published in the
 * same turn of the event loop go out in one statement, packed several to a notification: a batch of
 * 250 ingested messages tells the agents with one round trip instead of 500. A process skips its own
 * notifications without parsing them; a message larger than a payload goes through the
 * `socket_io_attachments` table.
 */
export function createPgClusterAdapter(pool: Pool): (nsp: Namespace) => PgClusterAdapter {
  const bus = new PgBus(pool);
  // socket.io calls it with `new`: a function, not an arrow.
  return function adapterOf(nsp: Namespace) {
    return bus.attach(new PgClusterAdapter(nsp, bus));
  };
}

export class PgClusterAdapter extends ClusterAdapterWithHeartbeat {
  readonly namespace: string;

  constructor(
    nsp: Namespace,
    private readonly bus: PgBus,
  ) {
    super(nsp, {});
    this.namespace = nsp.name;
  }

  get serverId(): ServerId {
    return this.uid;
  }

  protected override async doPublish(message: ClusterMessage): Promise<Offset> {
    // Alone (no other instance's heartbeat heard), an emit has nobody to reach elsewhere: it is not
    // sent through PostgreSQL, and local sockets get it at once. Heartbeats and requests always go:
    // a starting instance announces itself, and the others answer before its agents can connect.
    if (message.type === MessageType.BROADCAST && (await this.serverCount()) === 1) return '';
    await this.bus.publish(message);
    // No connection state recovery: there is no offset to give.
    return '';
  }

  protected override doPublishResponse(_requesterUid: ServerId, response: ClusterResponse): Promise<void> {
    return this.bus.publish(response);
  }

  /** Asks the other instances to answer with a heartbeat (they count this one too). */
  announce(): void {
    this.publish({ type: MessageType.INITIAL_HEARTBEAT });
  }

  override close(): void {
    this.bus.detach(this);
    void super.close();
  }
}

class PgBus {
  private readonly logger = new Logger('RealtimeBus');
  /** Prefixes this process's payloads, so that it skips them without parsing. */
  private readonly origin = randomBytes(6).toString('hex');
  private readonly adapters = new Map<string, PgClusterAdapter>();
  private listener: PoolClient | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private cleanupTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private queue: Array<{ json: string; done: (err?: Error) => void }> = [];
  /** Received payloads are handled one after the other, in order, even when one needs an attachment read. */
  private receiving: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  attach(adapter: PgClusterAdapter): PgClusterAdapter {
    this.closed = false;
    this.adapters.set(adapter.namespace, adapter);
    this.connecting ??= this.listen();
    this.cleanupTimer ??= setInterval(() => void this.cleanup(), ATTACHMENT_TTL_MS).unref();
    return adapter;
  }

  detach(adapter: PgClusterAdapter): void {
    if (this.adapters.get(adapter.namespace) === adapter) this.adapters.delete(adapter.namespace);
    if (this.adapters.size > 0) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    this.reconnectTimer = this.cleanupTimer = null;
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      listener.removeAllListeners('end');
      listener.removeAllListeners('notification');
      // Destroyed, not returned to the pool: it is still LISTENing.
      listener.release(true);
    }
  }

  /** Resolves once the message is handed to PostgreSQL with the others of this turn. */
  publish(message: ClusterMessage | ClusterResponse): Promise<void> {
    // JSON would turn a Buffer into an object silently; Guichet's events are plain JSON.
    if (hasBinary(message)) return Promise.reject(new Error('binary payloads are not supported'));
    return new Promise((resolve, reject) => {
      this.queue.push({ json: JSON.stringify(message), done: (err) => (err ? reject(err) : resolve()) });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    try {
      await this.send(batch.map((m) => m.json));
      for (const m of batch) m.done();
    } catch (err) {
      this.logger.warn(`Live events not shared with the other instances: ${String(err)}`);
      const error = err instanceof Error ? err : new Error(String(err));
      for (const m of batch) m.done(error);
    }
  }

  private async send(messages: string[]): Promise<void> {
    const prefix = `${this.origin}\n`;
    const room = PAYLOAD_LIMIT - Buffer.byteLength(prefix) - 2;
    const big = messages.filter((json) => Buffer.byteLength(json) > room);
    const attachmentOf = new Map<string, string>();
    if (big.length > 0) {
      const rows: Array<{ id: string }> = await this.pool
        .query<{ id: string }>(
          `INSERT INTO socket_io_attachments (payload)
           SELECT convert_to(p, 'UTF8') FROM unnest($1::text[]) WITH ORDINALITY AS v(p, ord) ORDER BY ord
           RETURNING id`,
          [big],
        )
        .then((r) => r.rows);
      const ids = inInsertionOrder(rows.map((r) => r.id));
      big.forEach((json, i) => attachmentOf.set(json, JSON.stringify({ $attachment: ids[i] })));
    }
    const payloads: string[] = [];
    let parts: string[] = [];
    let size = 0;
    for (const message of messages) {
      const part = attachmentOf.get(message) ?? message;
      const bytes = Buffer.byteLength(part) + 1;
      if (parts.length > 0 && size + bytes > room) {
        payloads.push(`${prefix}[${parts.join(',')}]`);
        parts = [];
        size = 0;
      }
      parts.push(part);
      size += bytes;
    }
    if (parts.length > 0) payloads.push(`${prefix}[${parts.join(',')}]`);
    // One statement, notifications delivered in this order. One parameter each: a text[] literal
    // would escape every quote of these JSON payloads again, a large part of a batch's CPU.
    await this.pool.query(
      `SELECT pg_notify($1, p) FROM (VALUES ${payloads.map((_, i) => `($${i + 2}::text)`).join(', ')}) AS v(p)`,
      [CHANNEL, ...payloads],
    );
  }

  private async listen(): Promise<void> {
    try {
      const client = await this.pool.connect();
      if (this.closed) {
        client.release();
        return;
      }
      client.on('notification', (n: Notification) => {
        if (n.channel !== CHANNEL || !n.payload || n.payload.startsWith(`${this.origin}\n`)) return;
        const payload = n.payload;
        this.receiving = this.receiving
          .then(() => this.receive(payload))
          .catch((err: unknown) => {
            this.logger.warn(`A live event from another instance was dropped: ${String(err)}`);
          });
      });
      client.on('end', () => {
        this.listener = null;
        this.reconnect();
      });
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) {
        // Closed while it was connecting.
        client.removeAllListeners('end');
        client.release(true);
        return;
      }
      this.listener = client;
      // Now that their answers can be heard: the others learn of this instance, and it of them.
      for (const adapter of this.adapters.values()) adapter.announce();
    } catch (err) {
      this.logger.warn(`Not listening to the other instances yet: ${String(err)}`);
      this.reconnect();
    } finally {
      this.connecting = null;
    }
  }

  private reconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connecting ??= this.listen();
    }, RECONNECT_MS).unref();
  }

  private async receive(payload: string): Promise<void> {
    const entries = JSON.parse(payload.slice(payload.indexOf('\n') + 1)) as Entry[];
    for (const entry of entries) {
      const message = '$attachment' in entry ? await this.readAttachment(entry.$attachment) : entry;
      if (!message) continue;
      const adapter = this.adapters.get(message.nsp);
      // ClusterAdapterWithHeartbeat tells messages from responses apart.
      adapter?.onMessage(message as ClusterMessage);
    }
  }

  private async readAttachment(id: string): Promise<ClusterMessage | null> {
    const { rows } = await this.pool.query<{ payload: Buffer }>(
      'SELECT payload FROM socket_io_attachments WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row ? (JSON.parse(row.payload.toString('utf8')) as ClusterMessage) : null;
  }

  private async cleanup(): Promise<void> {
    try {
      await this.pool.query(
        `DELETE FROM socket_io_attachments WHERE created_at < now() - make_interval(secs => $1)`,
        [ATTACHMENT_TTL_MS / 1000],
      );
    } catch (err) {
      this.logger.warn(`Old live event attachments not deleted: ${String(err)}`);
    }
  }
}

function hasBinary(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => hasBinary(child, depth + 1));
}
