import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
const require = createRequire('/work/main/bench/x.ts');
const dist = (p: string) => require(`/work/main/server/dist/src/${p}`);
const pg = require('pg');
const stats = new Map<string, { n: number; ms: number }>();
const orig = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: any[]) {
  const text: string = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '?');
  const key = text.replace(/\s+/g, ' ').slice(0, 90);
  const t0 = performance.now();
  const r = orig.apply(this, args);
  if (r && typeof r.then === 'function') {
    r.then(() => { const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t0; stats.set(key, s); }, () => {});
  }
  return r;
};
async function main() {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  const name = `prof_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  const { loadConfig } = dist('config/load-config.js');
  const { createGuichetApp } = dist('create-app.js');
  const { DEFAULT_SERVICE_CALENDAR } = dist('domain/sla/index.js');
  const { InboundQueue } = dist('tickets/inbound-queue.js');
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, META_APP_SECRET: 's', SEED_DEMO: 'false', DEMO_FAKE_PLATFORM: 'false', INBOUND_SWEEP_MS: '60000', INBOUND_BATCH_SIZE: process.env.BATCH ?? '250' });
  const inst = await createGuichetApp(config, { logger: ['error'] });
  await inst.app.init();
  const db = inst.app.get(DataSource);
  await db.query(`INSERT INTO services (slug, name, keywords, is_triage, calendar) VALUES ('accueil','Accueil','{}',true,$1),('voirie','Voirie','{lampadaire*}',false,$1)`, [JSON.stringify(DEFAULT_SERVICE_CALENDAR)]);
  await db.query(`INSERT INTO channel_accounts (platform, external_id, name) VALUES ('facebook','P','V')`);
  const q = inst.app.get(InboundQueue);
  const N = Number(process.env.N ?? 2000);
  const events = Array.from({ length: N }, (_, i) => ({ type: 'message', platform: 'facebook', accountExternalId: 'P', kind: 'comment', platformMessageId: `m${i}`, platformParentId: 'post', threadKey: `m${i}`, author: { platformUserId: `u${i % 500}`, displayName: `H ${i}`, handle: null }, body: `Bonjour le lampadaire ${i} est en panne`, sentAt: new Date(), context: { postId: 'post', permalink: null }, raw: { i } }));
  await db.transaction((m: any) => q.enqueue(events, new Date(), 'webhook', m));
  const t0 = performance.now();
  stats.clear();
  await q.settle();
  const s = (performance.now() - t0) / 1000;
  [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).forEach(([k, v]) => console.log(v.ms.toFixed(0).padStart(7), String(v.n).padStart(6), k));
  console.log(`processed ${N} in ${s.toFixed(2)} s → ${(N / s).toFixed(0)}/s`);
  await inst.close();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
