/**
 * Sustained ingestion of signed Meta webhook deliveries through the real app (verify, dedupe, thread,
 * route, SLA, persist, live event) on a real PostgreSQL, against plain `pg` inserts of the same rows
 * measured in the same run.
 *
 *   npm run build && npx tsx bench/ingestion.bench.ts          # PostgreSQL at BENCH_DATABASE_URL,
 *                                                              # else postgres://postgres@127.0.0.1:5432/postgres
 * EVENTS (default 2000) and CONCURRENCY (default 16) tune the run.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { Client, Pool } from 'pg';

const require = createRequire(__filename);
const dist = (path: string) => require(`../server/dist/src/${path}`) as Record<string, unknown>;

const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const SECRET = 'bench-secret';
const PAGE = '104857362948571';

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `guichet_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runConcurrently(
  count: number,
  task: (i: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

function delivery(i: number, run: string): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: PAGE,
        time: now,
        changes: [
          {
            field: 'feed',
            value: {
              item: 'comment',
              verb: 'add',
              comment_id: `${run}_${i}`,
              post_id: `${PAGE}_${run}`,
              parent_id: `${PAGE}_${run}`,
              from: { id: String(100000 + (i % 500)), name: `Habitant ${i % 500}` },
              message: `Bonjour, le lampadaire n° ${i} de la rue des Tilleuls est en panne depuis hier soir.`,
              created_time: now,
            },
          },
        ],
      },
    ],
  });
}

async function main(): Promise<void> {
  const { loadConfig } = dist('config/load-config.js') as {
    loadConfig: (env: Record<string, string>) => unknown;
  };
  const { createGuichetApp } = dist('create-app.js') as {
    createGuichetApp: (
      c: unknown,
      o: object,
    ) => Promise<{
      app: { listen(p: number, h: string): Promise<void>; getHttpServer(): { address(): { port: number } } };
      close(): Promise<void>;
    }>;
  };
  const { DEFAULT_SERVICE_CALENDAR } = dist('domain/sla/index.js') as { DEFAULT_SERVICE_CALENDAR: unknown };

  const guichet = await withDatabase(async (url) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      META_APP_SECRET: SECRET,
      META_GRAPH_URL: 'http://127.0.0.1:9',
      SEED_DEMO: 'false',
      DEMO_FAKE_PLATFORM: 'false',
      POLL_SWEEP_MS: '600000',
    });
    const instance = await createGuichetApp(config, { logger: ['error'] });
    await instance.app.listen(0, '127.0.0.1');
    const port = instance.app.getHttpServer().address().port;
    const pool = new Pool({ connectionString: url, max: CONCURRENCY });
    try {
      await pool.query(
        `INSERT INTO services (slug, name, keywords, is_triage, calendar) VALUES
           ('accueil', 'Accueil', '{}', true, $1), ('voirie', 'Voirie', '{lampadaire*,nid de poule}', false, $1)`,
        [JSON.stringify(DEFAULT_SERVICE_CALENDAR)],
      );
      await pool.query(
        `INSERT INTO channel_accounts (platform, external_id, name) VALUES ('facebook', $1, 'Ville')`,
        [PAGE],
      );
      const send = async (body: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/webhooks/meta`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
          },
          body,
        });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      };
      // Warm-up, not measured.
      for (let i = 0; i < 50; i++) await send(delivery(i, 'warm'));

      const guichetRun = await runConcurrently(EVENTS, (i) => send(delivery(i, 'run')));

      // Baseline: the same rows (contact, ticket, message) inserted with plain pg, same concurrency.
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM services WHERE slug = 'voirie'`);
      const serviceId = rows[0]?.id;
      const { rows: acc } = await pool.query<{ id: string }>(`SELECT id FROM channel_accounts LIMIT 1`);
      const accountId = acc[0]?.id;
      const baseline = await runConcurrently(EVENTS, async (i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const contact = await client.query<{ id: string }>(
            `INSERT INTO contacts (platform, platform_user_id, display_name) VALUES ('facebook', $1, $2)
             ON CONFLICT (platform, platform_user_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
            [`b${100000 + (i % 500)}`, `Habitant ${i % 500}`],
          );
          const ticket = await client.query<{ id: string }>(
            `INSERT INTO tickets (subject, platform, service_id, contact_id, channel_account_id, thread_key, last_message_at)
             VALUES ($1, 'facebook', $2, $3, $4, $5, now()) RETURNING id`,
            [`Lampadaire ${i}`, serviceId, contact.rows[0]?.id, accountId, `base_${i}`],
          );
          await client.query(
            `INSERT INTO messages (ticket_id, channel_account_id, platform_message_id, direction, kind, body, author_contact_id, delivery_status, sent_at)
             VALUES ($1, $2, $3, 'inbound', 'comment', $4, $5, 'received', now())`,
            [ticket.rows[0]?.id, accountId, `base_${i}`, `Lampadaire ${i}`, contact.rows[0]?.id],
          );
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      });
      const stored = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE platform_message_id LIKE 'run_%'`,
      );
      return { guichetRun, baseline, stored: stored.rows[0]?.n ?? 0 };
    } finally {
      await pool.end();
      await instance.close();
    }
  });

  const { guichetRun, baseline, stored } = guichet;
  const rate = EVENTS / guichetRun.seconds;
  const baseRate = EVENTS / baseline.seconds;
  console.log(
    `Ingestion — node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(`${EVENTS} signed deliveries, concurrency ${CONCURRENCY}, stored ${stored}`);
  console.log(
    `guichet   ${rate.toFixed(0)} events/s   p50 ${percentile(guichetRun.latencies, 50).toFixed(1)} ms   p99 ${percentile(guichetRun.latencies, 99).toFixed(1)} ms`,
  );
  console.log(
    `plain pg  ${baseRate.toFixed(0)} events/s   p50 ${percentile(baseline.latencies, 50).toFixed(1)} ms   p99 ${percentile(baseline.latencies, 99).toFixed(1)} ms`,
  );
  console.log(`ratio guichet/plain pg: ${(rate / baseRate).toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
