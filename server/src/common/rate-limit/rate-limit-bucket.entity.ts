import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Fixed-window hit counters, in PostgreSQL so every app instance counts against the same limit. */
@Entity({ name: 'rate_limit_buckets' })
export class RateLimitBucket {
  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'integer' })
  hits: number;
}
