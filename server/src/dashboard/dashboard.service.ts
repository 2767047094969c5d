import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DashboardSummary } from '@guichet/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Aggregates only: counts and the median first-response time, never a citizen's data. */
  async summary(user: AuthUser): Promise<DashboardSummary> {
    // Elected officials and admins see the whole town; agents and heads their services.
    const wholeTown = user.role === 'admin' || user.role === 'elected';
    const rows: Array<{
      ticket_count: string;
      open_count: string;
      responded_count: string;
      median: number | null;
    }> = await this.db.query(
      `SELECT count(*) AS ticket_count,
                count(*) FILTER (WHERE status NOT IN ('resolved', 'closed')) AS open_count,
                count(first_response_minutes) AS responded_count,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_minutes) AS median
           FROM tickets
          WHERE $1::boolean OR service_id = ANY($2::uuid[])`,
      [wholeTown, user.serviceIds],
    );
    const row = rows[0];
    return {
      ticketCount: Number(row?.ticket_count ?? 0),
      openCount: Number(row?.open_count ?? 0),
      respondedCount: Number(row?.responded_count ?? 0),
      medianFirstResponseMinutes:
        row?.median === null || row?.median === undefined ? null : Math.round(Number(row.median) * 10) / 10,
    };
  }
}
