import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The administrators' configuration (services, routing rules, SLA policies, settings) as the features
 * read it, kept in memory: every ingestion batch needs all of it, and it seldom changes. A trigger moves
 * `config_version` in the transaction of any change to those tables (migration AddConfigVersion), so
 * one small query tells this instance whether its copy is still current, whichever instance (or psql)
 * made the change. A value is loaded after its version was read, so it is never older than its version.
 */
@Injectable()
export class ConfigCache {
  private version: string | null = null;
  private values = new Map<string, Promise<unknown>>();
  /** Transactions that read the version once for all their reads (see `pin`). */
  private readonly pinned = new WeakMap<EntityManager, Promise<string>>();

  /**
   * Reads the version once for every later `get` in this transaction: for a caller that changes no
   * configuration itself (an ingestion batch), whose reads then cost no query when nothing changed.
   */
  async pin(manager: EntityManager, version?: string): Promise<void> {
    // Outside a transaction the manager is the data source's, shared by every caller: never pinned.
    if (!manager.queryRunner?.isTransactionActive) return;
    // A caller may read it in a statement of its own (CONFIG_VERSION_SQL): one round trip less.
    const read = version === undefined ? readVersion(manager) : Promise.resolve(version);
    this.pinned.set(manager, read);
    await read;
  }

  /** The value `load` gives, read again only when the configuration changed since it was loaded. */
  async get<T>(
    manager: EntityManager,
    key: string,
    load: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const version = await (this.pinned.get(manager) ?? readVersion(manager));
    if (version !== this.version) {
      this.version = version;
      this.values = new Map();
    }
    const values = this.values;
    let value = values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load(manager);
      values.set(key, value);
      // A failed read (a rolled-back transaction, say) is not kept: the next call reads again.
      value.catch(() => {
        if (values.get(key) === value) values.delete(key);
      });
    }
    return value;
  }
}

/** The configuration's version as an SQL expression, for a statement that reads it with other things. */
export const CONFIG_VERSION_SQL = '(SELECT version FROM config_version)';

async function readVersion(manager: EntityManager): Promise<string> {
  const rows: Array<{ version: string }> = await manager.query(`SELECT ${CONFIG_VERSION_SQL} AS version`);
  // One row, made by the migration; bigint comes as a string.
  return rows[0]?.version ?? '';
}
