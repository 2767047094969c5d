/**
 * The inbox at scale: 1,000,000 tickets and 3,000,000 messages in PostgreSQL, a service's inbox page
 * (50 rows, by SLA deadline, status filter) and a full-text search, measured through the real server's
 * HTTP API, against the same page read with plain `pg` in the same run. Also the client's initial
 * JavaScript, gzipped.
 *
 *   npm run build && npx tsx bench/inbox.bench.ts
 *
 * The data set is generated once (a few minutes) in database `guichet_bench_inbox` on the
 * BENCH_DATABASE_URL server and kept for later runs; BENCH_FRESH=1 regenerates it. TICKETS (default
 * 1,000,000) sets its size (3 messages per ticket); REQUESTS (default 300) the measured requests per case.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { BENCH_DATABASE_URL, databaseUrl, login, percentile, startServer } from './server-process';

const require = createRequire(__filename);
const dist = (path: string) => require(`../server/dist/src/${path}`) as Record<string, unknown>;

const TICKETS = Number(process.env.TICKETS ?? 1_000_000);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const WARM_UP = 20;
const DATABASE = 'guichet_bench_inbox';
const PASSWORD = 'bench-password-2026';
const SERVICES = ['accueil', 'voirie', 'proprete', 'etat-civil', 'culture', 'urbanisme', 'social', 'police'];
const SEARCHES = [
  'poubelle',
  'nid de poule',
  'lampadaire',
  'acte de naissance',
  'bruit',
  'ecole',
  'trottoir',
];

async function prepareDatabase(): Promise<void> {
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  const exists =
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])).rowCount === 1;
  if (exists && process.env.BENCH_FRESH) await admin.query(`DROP DATABASE ${DATABASE} WITH (FORCE)`);
  if (!exists || process.env.BENCH_FRESH) await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  // Migrations are run by the server itself; on a million tickets, one that fills a new table takes
  // minutes.
  const server = await startServer(databaseUrl(DATABASE), {}, 60 * 60_000);
  await server.stop();
}

/** Fills the database in PostgreSQL itself (generate_series), with texts from the demo corpus. */
async function generate(db: Client): Promise<void> {
  const have = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0]?.n ?? 0;
  if (have >= TICKETS) return;
  const started = performance.now();
  console.log(
    `Generating ${TICKETS.toLocaleString('en-US')} tickets and ${(3 * TICKETS).toLocaleString('en-US')} messages…`,
  );
  const { DEFAULT_SERVICE_CALENDAR } = dist('domain/sla/index.js') as { DEFAULT_SERVICE_CALENDAR: unknown };
  const { hashPassword } = dist('auth/password.js') as {
    hashPassword: (p: string, c: number) => Promise<string>;
  };
  const corpus = (
    JSON.parse(
      readFileSync(join(__dirname, '../server/src/demo/corpus/citizen-messages.fr.json'), 'utf8'),
    ) as Array<{
      text: string;
    }>
  ).map((m) => m.text);
  await db.query('TRUNCATE tickets, messages, contacts, services, channel_accounts, users CASCADE');
  await db.query(
    `INSERT INTO services (slug, name, keywords, is_triage, calendar)
     SELECT s, initcap(s), '{}', s = 'accueil', $2 FROM unnest($1::text[]) AS s`,
    [SERVICES, JSON.stringify(DEFAULT_SERVICE_CALENDAR)],
  );
  await db.query(
    `INSERT INTO channel_accounts (platform, external_id, name) VALUES ('facebook', 'bench-page', 'Ville')`,
  );
  await db.query(
    `INSERT INTO users (email, display_name, role, password_hash) VALUES ('admin@bench.example', 'Admin', 'admin', $1)`,
    [await hashPassword(PASSWORD, 4)],
  );
  await db.query(
    `INSERT INTO contacts (platform, platform_user_id, display_name)
     SELECT 'facebook', 'c' || g, 'Habitant ' || g FROM generate_series(1, $1::int) g`,
    [Math.max(1, Math.floor(TICKETS / 5))],
  );
  // 30 % of the tickets still open, with clocks; the rest resolved or closed, spread over two years.
  await db.query(
    `WITH s AS (SELECT array_agg(id ORDER BY slug) AS ids FROM services),
          c AS (SELECT array_agg(id) AS ids FROM contacts),
          a AS (SELECT id FROM channel_accounts LIMIT 1)
     INSERT INTO tickets (subject, status, priority, platform, service_id, contact_id, channel_account_id,
                          thread_key, last_message_at, created_at, sla_due_at, sla_kind, sla_sort_key, sla_warning_at)
     SELECT left(($2::text[])[1 + g % array_length($2::text[], 1)], 120),
            (CASE WHEN r.open THEN (ARRAY['new', 'open', 'pending'])[1 + g % 3] ELSE (ARRAY['resolved', 'closed'])[1 + g % 2] END)::ticket_status,
            (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent'])[1 + g % 6]::ticket_priority,
            'facebook', s.ids[1 + g % array_length(s.ids, 1)], c.ids[1 + g % array_length(c.ids, 1)], a.id,
            'bench_' || g, r.at, r.at - interval '1 hour',
            CASE WHEN r.open THEN r.at + r.due END, CASE WHEN r.open THEN 'first_response'::ticket_sla_kind END,
            CASE WHEN r.open THEN extract(epoch FROM r.at + r.due) ELSE 999999999999999 END,
            CASE WHEN r.open THEN r.at + r.due * 0.8 END
       -- One draw per ticket: an uncorrelated LATERAL subquery would be evaluated once for all rows.
       FROM (SELECT g, random() < 0.3 AS open, now() - random() * interval '730 days' AS at,
                    random() * interval '10 days' AS due
               FROM generate_series(1, $1::int) AS g) AS r, s, c, a`,
    [TICKETS, corpus],
  );
  // The tickets' search documents are written by a trigger as the messages go in; their index is
  // faster built once afterwards.
  await db.query('DROP INDEX IF EXISTS ix_ticket_search_document');
  await db.query(
    `INSERT INTO messages (ticket_id, channel_account_id, platform_message_id, direction, kind, body, delivery_status, sent_at)
     SELECT t.id, t.channel_account_id, 'bench_' || t.reference || '_' || k,
            (CASE WHEN k = 2 THEN 'outbound' ELSE 'inbound' END)::message_direction, 'comment',
            ($1::text[])[1 + (t.reference * 7 + k * 13) % array_length($1::text[], 1)],
            (CASE WHEN k = 2 THEN 'sent' ELSE 'received' END)::delivery_status,
            t.last_message_at - (3 - k) * interval '1 hour'
       FROM tickets t, generate_series(1, 3) AS k`,
    [corpus],
  );
  await db.query('CREATE INDEX ix_ticket_search_document ON ticket_search USING gin (service_id, document)');
  await db.query('VACUUM ANALYZE');
  console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function measure(run: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return times;
}

/** The initial JavaScript of the built client: the entry script and what index.html preloads, gzipped. */
function clientInitialJs(): { files: number; gzipKb: number } {
  const distDir = join(__dirname, '../client/dist');
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length,
    0,
  );
  return { files: scripts.length, gzipKb: bytes / 1024 };
}

async function main(): Promise<void> {
  await prepareDatabase();
  const db = new Client({ connectionString: databaseUrl(DATABASE) });
  await db.connect();
  const server = await startServer(databaseUrl(DATABASE));
  try {
    await generate(db);
    const counts = (
      await db.query<{ tickets: number; messages: number }>(
        `SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM messages) AS messages`,
      )
    ).rows[0];
    const services = (await db.query<{ id: string }>('SELECT id FROM services ORDER BY slug')).rows.map(
      (r) => r.id,
    );
    const cookie = await login(server.base, 'admin@bench.example', PASSWORD);
    const get = async (query: string) => {
      const res = await fetch(`${server.base}/api/tickets?${query}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET /api/tickets?${query} answered ${res.status}`);
      return (await res.json()) as { items: unknown[]; nextCursor: string | null };
    };
    const service = (i: number) => services[i % services.length];

    const inbox = await measure(async (i) => {
      const page = await get(`serviceId=${service(i)}&sort=due&status=new,open,pending&limit=50`);
      if (page.items.length !== 50) throw new Error('a service inbox page should be full');
    });
    // The fifth page, reached by cursor: keyset pagination costs the same at any depth.
    const cursors: string[] = [];
    for (let s = 0; s < services.length; s++) {
      let cursor = '';
      for (let p = 0; p < 4; p++) {
        cursor = (
          await get(
            `serviceId=${service(s)}&sort=due&status=new,open,pending&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).nextCursor as string;
      }
      cursors.push(cursor);
    }
    const deep = await measure(async (i) => {
      await get(
        `serviceId=${service(i)}&sort=due&status=new,open,pending&limit=50&cursor=${cursors[i % services.length]}`,
      );
    });
    // Each search's time is also kept by term: a word found in one ticket in ten and a rare phrase are
    // found in different ways (see searchPage in server/src/tickets/ticket-list.query.ts).
    const byTerm = new Map<string, number[]>(SEARCHES.map((term) => [term, []]));
    let searches = 0;
    const search = await measure(async (i) => {
      const term = SEARCHES[i % SEARCHES.length];
      const t0 = performance.now();
      await get(`serviceId=${service(i)}&q=${encodeURIComponent(term)}&limit=50`);
      if (++searches > WARM_UP) byTerm.get(term)?.push(performance.now() - t0);
    });
    const rawPage = await measure(async (i) => {
      await db.query(
        `SELECT t.*, s.name FROM tickets t JOIN services s ON s.id = t.service_id
          WHERE t.service_id = $1 AND t.status::text = ANY($2) ORDER BY t.sla_sort_key, t.id LIMIT 50`,
        [service(i), ['new', 'open', 'pending']],
      );
    });
    const js = clientInitialJs();

    const row = (name: string, times: number[]) =>
      console.log(
        `${name.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(
          times,
          95,
        )
          .toFixed(1)
          .padStart(6)} ms`,
      );
    console.log(
      `Inbox at scale — node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
    );
    console.log(
      `${counts?.tickets.toLocaleString('en-US')} tickets, ${counts?.messages.toLocaleString('en-US')} messages; ${REQUESTS} requests per case`,
    );
    row('service inbox, first page (API)', inbox);
    row('service inbox, fifth page by cursor (API)', deep);
    row('full-text search in a service (API)', search);
    for (const [term, times] of byTerm) row(`  « ${term} »`, times);
    row('same first page, plain pg (baseline)', rawPage);
    console.log(
      `ratio API p95 / plain pg p95: ${(percentile(inbox, 95) / percentile(rawPage, 95)).toFixed(1)}`,
    );
    console.log(`client initial JavaScript: ${js.gzipKb.toFixed(1)} KB gzip (${js.files} files)`);
  } finally {
    await server.stop();
    await db.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
