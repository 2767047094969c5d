/** Meta's view of how much of a rate limit is used, from its usage headers. */
export interface MetaUsage {
  /** The highest share used (call count, CPU time or total time), in percent. */
  percent: number;
  /** Milliseconds until access is regained (`estimated_time_to_regain_access`), 0 when not throttled. */
  regainMs: number;
}

const USAGE_HEADERS = ['x-app-usage', 'x-page-usage', 'x-ad-account-usage', 'x-business-use-case-usage'];

/**
 * Reads X-App-Usage / X-Page-Usage (`{"call_count":28,"total_time":25,…}`) and
 * X-Business-Use-Case-Usage (`{"<id>":[{"type":"pages","call_count":…,"estimated_time_to_regain_access":19}]}`).
 * Meta sends no Retry-After: these are the only signal before a throttling error.
 */
export function metaUsage(headers: Headers): MetaUsage {
  const usage: MetaUsage = { percent: 0, regainMs: 0 };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (
        typeof v === 'number' &&
        ['call_count', 'total_time', 'total_cputime', 'acc_id_util_pct'].includes(key)
      ) {
        usage.percent = Math.max(usage.percent, v);
      } else if (typeof v === 'number' && key === 'estimated_time_to_regain_access') {
        usage.regainMs = Math.max(usage.regainMs, v * 60_000);
      } else visit(v);
    }
  };
  for (const name of USAGE_HEADERS) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      visit(JSON.parse(raw));
    } catch {
      // A malformed usage header says nothing; the error codes still do.
    }
  }
  return usage;
}
