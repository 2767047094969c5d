import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { reviveInboundEvent, type InboundEvent } from '../channels/inbound-event';
import { PeriodicTask } from '../common/periodic-task';
import { inInsertionOrder, toJsonb } from '../database/bulk-insert';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { InboundSource } from './inbound-event-record.entity';
import { IngestInboundService, type IngestOutcome } from './ingest-inbound.service';
import { accountKey } from './ingest-queries';
import { LockTurns } from './lock-turns';

/** An event that keeps failing is retried this many times, then kept as `failed` for an admin to look at. */
const MAX_ATTEMPTS = 10;
const backoffSeconds = (attempts: number) => Math.min(3600, 5 * 2 ** (attempts - 1));
/**
 * Events stored outside a transaction are processed by the instance that stored them, from memory;
 * until then no other instance claims them. If this one stops first, any takes them after this lease.
 */
const LEASE_SECONDS = 30;
/** How many batches' worth of events may wait in memory for processing. */
const HANDOVER_BATCHES = 4;

interface ClaimedRow {
  id: string;
  event: unknown;
  received_at: Date;
  attempts: number;
}

/**
 * Where every received event goes first, and the journal of what happened to each (kept a few days).
 * `enqueue` stores events durably (one statement) so that a webhook can be acknowledged, or a poll
 * cursor moved, at once; the events are then ingested in batches: whatever arrived while a batch was
 * being stored makes the next one, so bursts are absorbed by bigger batches instead of a queue of
 * small transactions.
 *
 * Events a webhook or a stream stored go straight from memory to processing, in this instance (their
 * rows are leased to it meanwhile): no claim, no reading back. Events a poll stored in its own
 * transaction, those whose processing failed and those a stopped instance left are claimed from the
 * table by any instance (SKIP LOCKED), by a sweep too; an event that fails is retried with back-off,
 * on its own, so that one bad event does not hold up the others. Claims, hand-overs and thread locks
 * are taken in turns, so that within an instance a thread's messages are stored in arrival order.
 */
@Injectable()
export class InboundQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboundQueue');
  private readonly sweep: PeriodicTask;
  private draining: Promise<void> | null = null;
  private wanted = false;
  private stopped = false;
  private lastPurge = 0;
  /** A group write is in flight: new calls wait for the next one. */
  private writing = false;
  /** Stored by this instance, to be processed from memory. */
  private handedOver: ClaimedRow[] = [];
  private handing = 0;
  private handingDone: Promise<void> = Promise.resolve();
  private handingEnd: (() => void) | null = null;
  private readonly turns = new LockTurns();
  private pendingWrites: Array<{
    rows: PendingRow[];
    resolve: (connected: Set<string>) => void;
    reject: (err: unknown) => void;
  }> = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingest: IngestInboundService,
  ) {
    this.sweep = new PeriodicTask('InboundQueue', config.inbound.sweepMs, () => this.settle());
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
    // What arrived before a stop and was not processed yet.
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweep.stop();
    await Promise.all([this.draining, this.handingDone]);
  }

  /**
   * Stores events durably, in the caller's transaction when one is given (a poll moves its cursor in
   * the same commit); processing starts as soon as possible after. Events of accounts not connected
   * to Guichet are not stored: the answer names those accounts.
   *
   * Without a transaction, calls share statements (a group commit): the calls of one turn of the
   * event loop are written together, and while a write is in flight the calls that arrive meanwhile
   * wait for it and go together in the next. Under a burst of webhooks one round trip and one WAL
   * flush serve many deliveries, and each caller still returns only once its events are stored.
   */
  async enqueue(
    events: InboundEvent[],
    receivedAt: Date,
    source: InboundSource,
    manager?: EntityManager,
  ): Promise<EnqueueResult> {
    if (events.length === 0) return { stored: 0, unknownAccounts: [] };
    const rows = events.map((event) => ({ event, receivedAt, source }));
    const connected = manager
      ? // Not visible before the caller's commit: the caller kicks after it.
        (await insertEvents(manager, rows, false)).connected
      : await new Promise<Set<string>>((resolve, reject) => {
          this.pendingWrites.push({ rows, resolve, reject });
          if (this.pendingWrites.length === 1 && !this.writing) setImmediate(() => void this.flushWrites());
        });
    const unknown = new Set(
      events.filter((e) => !connected.has(accountKey(e.platform, e.accountExternalId))),
    );
    return {
      stored: events.length - unknown.size,
      unknownAccounts: [...new Set([...unknown].map((e) => e.accountExternalId))],
    };
  }

  private async flushWrites(): Promise<void> {
    this.writing = true;
    try {
      while (this.pendingWrites.length > 0) {
        const writes = this.pendingWrites.splice(0);
        try {
          const { connected, stored } = await insertEvents(
            this.db.manager,
            writes.flatMap((w) => w.rows),
            true,
          );
          // A backlog beyond a few batches goes through the claims instead, all of it, in order:
          // memory stays bounded and no event waits in it for longer than its lease. So do events
          // stored while claims are under way, which may be taking older events of the same threads.
          // Either way, processing is under way before the callers return.
          if (
            this.draining === null &&
            this.handedOver.length + stored.length <= this.config.inbound.batchSize * HANDOVER_BATCHES
          )
            this.handOver(stored);
          else await this.releaseLease([...this.handedOver.splice(0), ...stored]);
          for (const w of writes) w.resolve(connected);
        } catch (err) {
          for (const w of writes) w.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Starts processing now if nothing is running, or once more after the batches in progress. */
  kick(): void {
    this.wanted = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      // Asked again while the last batch was ending.
      if (this.wanted && !this.stopped) this.kick();
    });
  }

  /** Processes everything due now; resolves when nothing is left and agents were told (tests, the sweep). */
  async settle(): Promise<void> {
    this.kick();
    while (this.draining || this.handing > 0) await Promise.all([this.draining, this.handingDone]);
    await this.ingest.published();
  }

  /**
   * Processes events this instance just stored, from memory, in batches of what arrived meanwhile;
   * `concurrency` batches at once.
   */
  private handOver(rows: ClaimedRow[]): void {
    // Stopping: what is left stays stored, for the next start or another instance after the lease.
    if (this.stopped) return;
    this.handedOver.push(...rows);
    while (this.handedOver.length > 0 && this.handing < this.config.inbound.concurrency) {
      if (this.handingEnd === null)
        this.handingDone = new Promise<void>((resolve) => (this.handingEnd = resolve));
      const batch = this.handedOver.splice(0, this.config.inbound.batchSize);
      this.handing++;
      void this.processHandedOver(batch).finally(() => {
        this.handing--;
        this.handOver([]);
        if (this.handing === 0) {
          const end = this.handingEnd;
          this.handingEnd = null;
          end?.();
        }
      });
    }
  }

  private async processHandedOver(rows: ClaimedRow[]): Promise<void> {
    try {
      await this.inTransaction(() => Promise.resolve(rows));
    } catch (err) {
      // The claims find the culprit and retry.
      this.logger.warn(
        `Inbound events left for a retry: ${err instanceof Error ? err.message : String(err)}`,
      );
      await this.releaseLease(rows);
    }
  }

  /** Ends the lease of rows this instance stored: any claim may take them now. */
  private async releaseLease(rows: ClaimedRow[]): Promise<void> {
    await this.db
      .query(
        `UPDATE inbound_events SET next_attempt_at = now() WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
        [rows.map((r) => r.id)],
      )
      .then(
        () => this.kick(),
        // Left leased: taken once the lease is over.
        (e: unknown) => this.logger.error(e),
      );
  }

  /**
   * Processes claimed batches until none is left, `concurrency` at a time: the claims skip each other's
   * rows, and one batch's round trips to PostgreSQL overlap another's work. A batch waits for another
   * only on a thread both touch (advisory locks, in one order) or on the same rows (locked in one
   * order). Across instances the claims interleave: two messages of a thread may be stored out of
   * their arrival order (the later one may open the ticket).
   */
  private async drain(): Promise<void> {
    const worker = async () => {
      this.wanted = false;
      while (!this.stopped) {
        if ((await this.processBatch()) > 0) continue;
        // Nothing claimed: stop, unless events were stored since this claim looked.
        if (!this.wanted) return;
        this.wanted = false;
      }
    };
    // Every worker has ended when this resolves (settled, not all: one failing does not leave another running).
    const ends = await Promise.allSettled(Array.from({ length: this.config.inbound.concurrency }, worker));
    for (const end of ends) if (end.status === 'rejected') this.logger.error(end.reason);
    await this.purge().catch((err: unknown) => this.logger.error(err));
  }

  /** Claims a batch and ingests it; returns how many events it claimed. */
  private async processBatch(): Promise<number> {
    let claimed: ClaimedRow[] = [];
    try {
      await this.inTransaction(async (manager) => {
        // The claim is the transaction's row locks: another instance skips these rows, and they are
        // free again if this process dies.
        claimed = await manager.query(
          `SELECT id, event, received_at, attempts FROM inbound_events
            WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.config.inbound.batchSize],
        );
        return claimed;
      });
    } catch (err) {
      if (claimed.length === 0) throw err;
      // Find the culprit: each event on its own, the good ones are stored.
      for (const row of claimed) {
        await this.inTransaction(async (manager) =>
          manager.query(
            `SELECT id, event, received_at, attempts FROM inbound_events
              WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
            [row.id],
          ),
        ).catch((e: unknown) => this.recordFailure(row, e));
      }
    }
    return claimed.length;
  }

  /**
   * In one transaction: the rows `claim` gives (locked by a claim, or leased to this instance) are
   * ingested and marked processed; the agents are told after the commit.
   */
  private async inTransaction(claim: (manager: EntityManager) => Promise<ClaimedRow[]>): Promise<void> {
    // Taken before the connection: batches formed later lock their threads later.
    const turn = this.turns.take();
    try {
      const batch = await this.db.transaction(async (manager) => {
        await turn.ready;
        const rows = await claim(manager);
        if (rows.length === 0) return null;
        const done = await this.ingest.store(
          manager,
          rows.map((r) => ({ event: reviveInboundEvent(r.event), receivedAt: new Date(r.received_at) })),
          turn,
        );
        await markDone(manager, rows, done.outcomes);
        return done;
      });
      if (batch) void this.ingest.publishAfterCommit(batch);
    } finally {
      turn.done();
    }
  }

  private async recordFailure(row: ClaimedRow, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const attempts = row.attempts + 1;
    const failed = attempts >= MAX_ATTEMPTS;
    this.logger.error(
      `Inbound event ${row.id} ${failed ? `failed for good after ${attempts} attempts` : 'failed, will retry'}: ${message}`,
    );
    await this.db.query(
      `UPDATE inbound_events
          SET status = $2::inbound_event_status, last_error = $3, attempts = $4,
              next_attempt_at = now() + make_interval(secs => $5)
        WHERE id = $1`,
      [row.id, failed ? 'failed' : 'pending', message, attempts, backoffSeconds(attempts)],
    );
  }

  /** Processed events are kept a few days (what happened to each), then deleted; at most once an hour. */
  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < 3_600_000) return;
    this.lastPurge = Date.now();
    await this.db.query(
      `DELETE FROM inbound_events WHERE status = 'done' AND processed_at < now() - make_interval(days => $1)`,
      [this.config.inbound.retentionDays],
    );
  }
}

interface PendingRow {
  event: InboundEvent;
  receivedAt: Date;
  source: InboundSource;
}

export interface EnqueueResult {
  stored: number;
  /** External ids of the accounts not connected to Guichet whose events were left out. */
  unknownAccounts: string[];
}

/**
 * One INSERT for all the rows, in order, keeping only those of connected accounts; returns the
 * connected accounts (platform + external id keys) and the stored rows. `leased`: no claim takes them
 * before LEASE_SECONDS, this instance processes them.
 */
async function insertEvents(
  manager: EntityManager,
  rows: PendingRow[],
  leased: boolean,
): Promise<{ connected: Set<string>; stored: ClaimedRow[] }> {
  const inserted: Array<{ id: string; platform: Platform; account_external_id: string }> =
    await manager.query(
      `INSERT INTO inbound_events (source, platform, account_external_id, event, received_at, next_attempt_at)
     SELECT v.source::inbound_event_source, v.platform::inbound_event_platform, v.account_external_id,
            v.event, v.received_at, now() + make_interval(secs => $6)
       FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]),
                       jsonb_array_elements($4::jsonb), unnest($5::timestamptz[])) WITH ORDINALITY
         AS v(source, platform, account_external_id, event, received_at, ord)
      WHERE EXISTS (SELECT 1 FROM channel_accounts a
                     WHERE a.platform::text = v.platform AND a.external_id = v.account_external_id)
      ORDER BY v.ord
     RETURNING id, platform, account_external_id`,
      [
        rows.map((r) => r.source),
        rows.map((r) => r.event.platform),
        rows.map((r) => r.event.accountExternalId),
        // The events as one JSON array: one native stringify, not an array literal escaping each again.
        toJsonb(rows.map((r) => r.event)),
        rows.map((r) => r.receivedAt.toISOString()),
        leased ? LEASE_SECONDS : 0,
      ],
    );
  const connected = new Set(inserted.map((r) => accountKey(r.platform, r.account_external_id)));
  const ids = inInsertionOrder(inserted.map((r) => r.id));
  const stored = rows
    .filter((r) => connected.has(accountKey(r.event.platform, r.event.accountExternalId)))
    .map((r, i) => ({ id: ids[i], event: r.event, received_at: r.receivedAt, attempts: 0 }));
  return { connected, stored };
}

async function markDone(
  manager: EntityManager,
  rows: ClaimedRow[],
  outcomes: IngestOutcome[],
): Promise<void> {
  await manager.query(
    `UPDATE inbound_events e
        SET status = 'done', processed_at = now(), last_error = NULL,
            outcome = v.outcome, ticket_id = v.ticket_id, message_id = v.message_id
       FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::uuid[]) AS v(id, outcome, ticket_id, message_id)
      WHERE e.id = v.id`,
    [
      rows.map((r) => r.id),
      outcomes.map((o) => o.outcome),
      outcomes.map((o) => o.ticketId),
      outcomes.map((o) => o.messageId),
    ],
  );
}
