import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../src/config/app-config';
import { loadConfig } from '../src/config/load-config';
import { createGuichetApp, type GuichetApp } from '../src/create-app';
import { FakePlatformServer } from '../src/dev/fake-platform/fake-platform.server';
import type { FakeMeta } from '../src/dev/fake-platform/meta';

export const TEST_APP_SECRET = 'test-meta-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

export interface TestApp {
  app: INestApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  db: DataSource;
  config: AppConfig;
  /** The database this app runs on (to start a second instance on it). */
  databaseUrl: string;
  /** The fake Meta, Mastodon and X APIs this app talks to (Meta webhooks go to this app). */
  platform: FakePlatformServer;
  /** The fake Graph API (`platform.meta`). */
  graph: FakeMeta;
  /** Empties every table (between tests). */
  reset(): Promise<void>;
  /** Stops the app; its throwaway database is dropped unless `keepDatabase` (then call dropDatabase). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
  dropDatabase(): Promise<void>;
}

/** A throwaway database on the TEST_DATABASE_URL server, dropped when the suite ends. */
async function createThrowawayDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `guichet_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Boots the real Nest app, as `main.ts` does, on a fresh database: a new database on the server of
 * TEST_DATABASE_URL when set, otherwise an in-memory embedded PGlite. Replies go to a local fake Graph API.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { sharedDatabaseUrl?: string } = {},
): Promise<TestApp> {
  const platform = new FakePlatformServer({ appSecret: TEST_APP_SECRET });
  const platformUrl = await platform.start();
  const base = process.env.TEST_DATABASE_URL;
  const throwaway = base && !options.sharedDatabaseUrl ? await createThrowawayDatabase(base) : null;
  const databaseUrl = options.sharedDatabaseUrl ?? throwaway?.url;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PASSWORD_HASH_COST: '4',
    META_APP_SECRET: TEST_APP_SECRET,
    META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
    META_GRAPH_URL: platformUrl,
    X_API_URL: platformUrl,
    SEED_DEMO: 'false',
    DEMO_FAKE_PLATFORM: 'false',
    SLA_SWEEP_MS: '200',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  let guichet: GuichetApp;
  try {
    guichet = await createGuichetApp(config, { inMemoryEmbedded: true, logger: ['error'] });
  } catch (err) {
    await platform.stop();
    await throwaway?.drop();
    throw err;
  }
  await guichet.app.listen(0, '127.0.0.1');
  const { port } = (guichet.app.getHttpServer() as Server).address() as AddressInfo;
  const db = guichet.app.get<DataSource>(getDataSourceToken());
  const url = `http://127.0.0.1:${port}`;
  platform.webhooks.url = `${url}/api/webhooks/meta`;
  return {
    app: guichet.app,
    url,
    db,
    config,
    databaseUrl: guichet.database.url,
    platform,
    graph: platform.meta,
    async reset() {
      platform.reset();
      const tables = db.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
      // The background workers may hold row locks: a deadlock here is retried, not a failure.
      for (let attempt = 1; ; attempt++) {
        try {
          await db.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
          return;
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
        }
      }
    },
    async close(options = {}) {
      await guichet.close();
      await platform.stop();
      if (!options.keepDatabase) await throwaway?.drop();
    },
    async dropDatabase() {
      await throwaway?.drop();
    },
  };
}
