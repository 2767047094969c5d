import type { DataSource } from 'typeorm';

/** Arbitrary key of the advisory lock that keeps two starting instances from migrating at once. */
const MIGRATION_LOCK_KEY = 74_209_311;

/** Runs the committed migrations that have not run yet, on an initialised data source. */
export async function migrate(ds: DataSource, embedded: boolean): Promise<string[]> {
  if (embedded) {
    // One process, one connection: nothing to race with, and no second connection to lock from.
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await lock.release();
  }
}
