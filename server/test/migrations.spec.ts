import { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '../src/database/pending-schema-changes';
import { startTestApp, type TestApp } from './test-app';

describe('Migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('bring a fresh database exactly to the entities (run `npm run migration:generate -- Name` if this fails)', async () => {
    // TypeORM's schema diff runs parallel queries on one connection; on a real server it gets a
    // connection of its own, so a confused client cannot hold up the app's pool when it closes.
    // (The embedded server accepts one connection at a time: there the app's is used.)
    if (t.config.databaseUrl === null) {
      expect((await pendingSchemaChanges(t.db)).up).toEqual([]);
      return;
    }
    const ds = new DataSource({ ...t.db.options, extra: { max: 1 } });
    await ds.initialize();
    try {
      expect((await pendingSchemaChanges(ds)).up).toEqual([]);
    } finally {
      await Promise.race([ds.destroy(), new Promise((r) => setTimeout(r, 3000).unref())]);
    }
  });

  it('have all run', async () => {
    expect(await t.db.showMigrations()).toBe(false);
  });
});

describe('Health check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers ok without a session while the database answers', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
