/** What the benchmarks that run the real server share: a throwaway database, the server process, percentiles. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, type Pool } from 'pg';

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** URL of database `name` on the benchmark's PostgreSQL server. */
export function databaseUrl(name: string): string {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `run` on a new database, dropped afterwards. */
export async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `guichet_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await run(databaseUrl(name));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The built server (npm run build) in a process of its own, as in production: the load generator
 * (the benchmark's process) does not share its event loop. BENCH_NODE_ARGS adds Node flags (e.g.
 * `--cpu-prof`).
 */
export async function startServer(
  database: string,
  env: Record<string, string> = {},
  startTimeoutMs = 120_000,
): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, `${__dirname}/../server/dist/src/main.js`], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database,
      SECRET_KEY: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      DEMO_FAKE_PLATFORM: 'false',
      COOKIE_SECURE: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the server did not start within ${startTimeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs in through the API and returns the session cookie. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ: 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;

/**
 * CPU time (ms) used so far by each PostgreSQL backend serving `database` (they must run on this
 * machine); `databaseCpuSince` gives what they used in between. With `cpuMs` of the app server: what
 * one event costs both processes, a figure that holds whatever else loads the machine.
 */
export async function databaseCpu(client: Client | Pool, database: string): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [database],
  );
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
}

export function databaseCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}
