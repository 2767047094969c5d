/** Every setting Guichet reads from the environment, validated once at start. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A real PostgreSQL; when absent an embedded PGlite runs in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Signs session tokens and derives the key that encrypts channel credentials. */
  secretKey: string | null;
  cookieSecure: boolean;
  sessionHours: number;
  loginRateLimit: { limit: number; windowSeconds: number };
  passwordHashCost: number;
  meta: {
    verifyToken: string | null;
    appSecret: string | null;
    graphUrl: string;
    graphVersion: string;
  };
  /** X API v2 base URL (a compatible fake in tests and the demo); an account's own base URL wins. */
  x: { apiUrl: string };
  /** How long one call to a platform API may take before it counts as a transient failure. */
  platformTimeoutMs: number;
  /** Keep one streaming connection per active Mastodon account (mentions arrive live; polling still runs). */
  mastodonStreaming: boolean;
  /** How often due SLA warnings and breaches are looked for, in milliseconds. */
  slaSweepMs: number;
  /** How often queued replies that are due (retries) are sent, in milliseconds. */
  outboxSweepMs: number;
  /** How often accounts due for a poll are looked for (ms), and the pause between two polls of one account (s). */
  pollSweepMs: number;
  pollIntervalSeconds: number;
  /**
   * The inbound queue: every received event is stored first, then processed in batches. How often a
   * sweep looks for events left by a stopped instance or due for a retry (ms), the largest batch, how
   * many batches one instance processes at once, and how many days processed events are kept.
   */
  inbound: { sweepMs: number; batchSize: number; concurrency: number; retentionDays: number };
  /** Hours between two full trainings of the routing classifier (0: only at start and on demand). */
  classifierRetrainHours: number;
  /** A citizen writing within this many days of a ticket's closing reopens it; later, a new linked ticket. */
  reopenWindowDays: number;
  /** Run the fake platforms (Meta, Mastodon, X) in-process and point every connector at them (offline demo). */
  demoFakePlatform: boolean;
  /** Demo: mean seconds between two citizen messages streamed by the fake platforms; 0 turns the stream off. */
  demoStreamIntervalSeconds: number;
  /** Seed the demo town when the database has no user yet. */
  seedDemo: boolean;
  /** The public Open311 GeoReport v2 API: keys that may post requests, and per-address limits. */
  open311: {
    /** Empty: every POST is refused (403). */
    apiKeys: string[];
    /** The town's own contact form (/contact) may post with a public key derived from SECRET_KEY. */
    webForm: boolean;
    postRateLimit: { limit: number; windowSeconds: number };
    getRateLimit: { limit: number; windowSeconds: number };
  };
  /**
   * Express `trust proxy`: which reverse proxies' X-Forwarded-For to believe when rate limits count
   * client addresses. false: the connecting address; a number: that many hops; else addresses/CIDRs.
   */
  trustProxy: false | number | string[];
  /** Where the built client lives; served on the same port as the API. */
  clientDir: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
