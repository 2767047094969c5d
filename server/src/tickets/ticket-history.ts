import type { TicketHistoryEntry } from '@guichet/shared';
import type { DataSource } from 'typeorm';

/**
 * What happened to a ticket, oldest first: its status changes and the actions recorded in the audit
 * trail (routing, re-routing, assignment, priority, replies…), with who did them. Views are left out,
 * and each status change is told once.
 */
export async function ticketHistory(db: DataSource, ticketId: string): Promise<TicketHistoryEntry[]> {
  const rows: Array<{
    at: Date;
    action: string;
    details: Record<string, unknown> | null;
    actor_id: string | null;
    actor_name: string | null;
  }> = await db.query(
    `SELECT s.at, 'ticket.status' AS action,
            jsonb_build_object('from', s.from_status, 'to', s.to_status) AS details,
            u.id AS actor_id, u.display_name AS actor_name
       FROM ticket_status_changes s LEFT JOIN users u ON u.id = s.actor_user_id
      WHERE s.ticket_id = $1
     UNION ALL
     SELECT a.created_at, a.action, a.details, u.id, u.display_name
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE a.target_type = 'ticket' AND a.target_id = $1::text
        -- Views are not events; an agent's status change is also a status row (above), told once.
        AND a.action NOT IN ('ticket.viewed', 'ticket.status_changed')
      ORDER BY 1, 2`,
    [ticketId],
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
    action: r.action,
    details: r.details ?? {},
  }));
}
