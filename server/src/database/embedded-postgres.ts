import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs PGlite in-process behind a PostgreSQL-protocol socket, so the app speaks to it through the
 * ordinary `pg` driver exactly as to a real server (a shared in-process session would not isolate
 * concurrent transactions). `dataDir` null keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  let dataPath: string | undefined;
  if (dataDir !== null) {
    dataPath = join(dataDir, 'pglite');
    mkdirSync(dataPath, { recursive: true });
  }
  // unaccent: the answers' search folds accents; pg_trgm indexes the contacts' search; btree_gin lets
  // the tickets' search index lead with the service (a real server ships all three in its contrib).
  const db = await PGlite.create({
    ...(dataPath ? { dataDir: dataPath } : {}),
    extensions: { unaccent, pg_trgm, btree_gin },
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres:postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
