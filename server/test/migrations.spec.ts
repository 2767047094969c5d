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
    const { up } = await pendingSchemaChanges(t.db);
    expect(up).toEqual([]);
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
