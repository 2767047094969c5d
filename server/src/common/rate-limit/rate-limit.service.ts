import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitVerdict {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counts one hit on `key`; refused once `limit` hits fall in the current window. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict> {
    const rows: Array<{ hits: number; retry_after: number }> = await this.db.query(
      `INSERT INTO rate_limit_buckets (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_buckets.window_start <= now() - make_interval(secs => $2)
                     THEN 1 ELSE rate_limit_buckets.hits + 1 END,
         window_start = CASE WHEN rate_limit_buckets.window_start <= now() - make_interval(secs => $2)
                     THEN now() ELSE rate_limit_buckets.window_start END
       RETURNING hits, CEIL(EXTRACT(EPOCH FROM (window_start + make_interval(secs => $2) - now())))::int AS retry_after`,
      [key, windowSeconds],
    );
    const row = rows[0];
    if (Math.random() < 0.01) {
      // Occasional sweep so the table holds only live windows.
      await this.db.query(`DELETE FROM rate_limit_buckets WHERE window_start < now() - interval '1 day'`);
    }
    return { allowed: row.hits <= limit, retryAfterSeconds: Math.max(1, row.retry_after) };
  }
}
