import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { AppConfig, ConfigError } from './app-config';

type Env = Record<string, string | undefined>;

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Express's `trust proxy` takes it: false, a hop count, or named ranges, addresses
 * and CIDRs. `true` (trust every hop) is refused: any client could then choose its own address.
 */
function parseTrustProxy(raw: string | null, problems: string[]): AppConfig['trustProxy'] {
  if (raw === null || ['false', 'no', 'off', '0'].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.filter((entry) => {
    if (PROXY_NAMES.includes(entry)) return false;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    return !/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128);
  });
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxies (0-10), or comma-separated loopback, linklocal, uniquelocal, addresses or CIDRs (got "${raw}")`,
    );
    return false;
  }
  return entries;
}

/** Reads and checks the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | null => {
    const v = env[name]?.trim();
    return v ? v : null;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === null) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, fallback: string | null): string | null => {
    const raw = str(name) ?? fallback;
    if (raw === null) return null;
    try {
      new URL(raw);
    } catch {
      problems.push(`${name} must be a URL (got "${raw}")`);
    }
    return raw.replace(/\/+$/, '');
  };

  const nodeEnvRaw = str('NODE_ENV') ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const databaseUrl = url('DATABASE_URL', null);
  const secretKey = str('SECRET_KEY');
  if (secretKey !== null && secretKey.length < 32) {
    problems.push('SECRET_KEY must be at least 32 characters long');
  }
  if (secretKey === null && databaseUrl !== null && nodeEnv === 'production') {
    problems.push('SECRET_KEY is required in production (generate one with `openssl rand -hex 32`)');
  }
  const graphVersion = str('META_GRAPH_VERSION') ?? 'v23.0';
  if (!/^v\d+\.\d+$/.test(graphVersion)) {
    problems.push(`META_GRAPH_VERSION must look like v23.0 (got "${graphVersion}")`);
  }

  const open311ApiKeys = (str('OPEN311_API_KEYS') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (open311ApiKeys.some((k) => k.length < 16)) {
    problems.push('OPEN311_API_KEYS: each key must be at least 16 characters long');
  }

  const config: AppConfig = {
    nodeEnv,
    port: int('PORT', 3000, 0, 65535),
    host: str('HOST') ?? '0.0.0.0',
    databaseUrl,
    dataDir: resolve(str('DATA_DIR') ?? './data'),
    secretKey,
    cookieSecure: bool('COOKIE_SECURE', nodeEnv === 'production'),
    sessionHours: int('SESSION_HOURS', 12, 1, 24 * 30),
    loginRateLimit: {
      limit: int('LOGIN_RATE_LIMIT', 10, 1, 10000),
      windowSeconds: int('LOGIN_RATE_WINDOW_SECONDS', 60, 1, 86400),
    },
    passwordHashCost: int('PASSWORD_HASH_COST', 12, 4, 15),
    meta: {
      verifyToken: str('META_VERIFY_TOKEN'),
      appSecret: str('META_APP_SECRET'),
      graphUrl: url('META_GRAPH_URL', 'https://graph.facebook.com') as string,
      graphVersion,
    },
    x: { apiUrl: url('X_API_URL', 'https://api.x.com') as string },
    platformTimeoutMs: int('PLATFORM_TIMEOUT_MS', 15_000, 100, 120_000),
    mastodonStreaming: bool('MASTODON_STREAMING', true),
    slaSweepMs: int('SLA_SWEEP_MS', 2000, 100, 60_000),
    outboxSweepMs: int('OUTBOX_SWEEP_MS', 2000, 100, 60_000),
    pollSweepMs: int('POLL_SWEEP_MS', 5000, 100, 600_000),
    pollIntervalSeconds: int('POLL_INTERVAL_SECONDS', 60, 5, 86_400),
    inbound: {
      sweepMs: int('INBOUND_SWEEP_MS', 1000, 50, 60_000),
      batchSize: int('INBOUND_BATCH_SIZE', 250, 1, 5000),
      concurrency: int('INBOUND_CONCURRENCY', 1, 1, 4),
      retentionDays: int('INBOUND_RETENTION_DAYS', 7, 1, 3650),
    },
    reopenWindowDays: int('REOPEN_WINDOW_DAYS', 7, 0, 365),
    classifierRetrainHours: int('CLASSIFIER_RETRAIN_HOURS', 24, 0, 24 * 90),
    demoFakePlatform: bool('DEMO_FAKE_PLATFORM', databaseUrl === null && str('META_GRAPH_URL') === null),
    demoStreamIntervalSeconds: int('DEMO_STREAM_INTERVAL_SECONDS', 45, 0, 86_400),
    seedDemo: bool('SEED_DEMO', databaseUrl === null),
    open311: {
      apiKeys: open311ApiKeys,
      webForm: bool('OPEN311_WEB_FORM', true),
      postRateLimit: {
        limit: int('OPEN311_POST_RATE_LIMIT', 30, 1, 100_000),
        windowSeconds: int('OPEN311_POST_RATE_WINDOW_SECONDS', 600, 1, 86_400),
      },
      getRateLimit: {
        limit: int('OPEN311_GET_RATE_LIMIT', 300, 1, 100_000),
        windowSeconds: int('OPEN311_GET_RATE_WINDOW_SECONDS', 60, 1, 86_400),
      },
    },
    trustProxy: parseTrustProxy(str('TRUST_PROXY'), problems),
    clientDir: str('CLIENT_DIR') ? resolve(str('CLIENT_DIR') as string) : null,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
