import type { ApprovalReason, MessageKind, PendingApprovalView, Platform } from '@guichet/shared';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';

interface QueueRow {
  id: string;
  body: string;
  kind: MessageKind;
  approval_reasons: ApprovalReason[];
  created_at: Date;
  author_id: string | null;
  author_name: string | null;
  ticket_id: string;
  reference: number;
  subject: string;
  platform: Platform;
  service_id: string;
  service_slug: string;
  service_name: string;
  contact_id: string | null;
  contact_platform: Platform | null;
  contact_handle: string | null;
  contact_name: string | null;
  inbound_body: string | null;
  inbound_sent_at: Date | null;
}

/** At most this many rows; a queue longer than that is a problem the page states, not scrolls. */
export const QUEUE_LIMIT = 200;

/**
 * The replies waiting for `user`'s decision, oldest first: in the services they head (every service
 * for administrators), never their own (nobody approves their own reply).
 */
export async function pendingApprovals(db: DataSource, user: AuthUser): Promise<PendingApprovalView[]> {
  const services = user.role === 'admin' ? null : user.headOfServiceIds;
  const rows: QueueRow[] = await db.query(
    `SELECT m.id, m.body, m.kind, m.approval_reasons, m.created_at,
            u.id AS author_id, u.display_name AS author_name,
            t.id AS ticket_id, t.reference, t.subject, t.platform,
            s.id AS service_id, s.slug AS service_slug, s.name AS service_name,
            c.id AS contact_id, c.platform AS contact_platform, c.handle AS contact_handle,
            c.display_name AS contact_name,
            i.body AS inbound_body, i.sent_at AS inbound_sent_at
       FROM messages m
       JOIN tickets t ON t.id = m.ticket_id
       JOIN services s ON s.id = t.service_id
       LEFT JOIN users u ON u.id = m.author_user_id
       LEFT JOIN contacts c ON c.id = t.contact_id
       LEFT JOIN LATERAL (
         SELECT body, sent_at FROM messages
          WHERE ticket_id = t.id AND direction = 'inbound' ORDER BY sent_at DESC LIMIT 1
       ) i ON true
      WHERE m.delivery_status = 'pending_approval'
        AND ($1::uuid[] IS NULL OR t.service_id = ANY($1::uuid[]))
        AND m.author_user_id IS DISTINCT FROM $2
      ORDER BY m.created_at, m.id
      LIMIT ${QUEUE_LIMIT}`,
    [services, user.id],
  );
  return rows.map((r) => ({
    messageId: r.id,
    ticket: {
      id: r.ticket_id,
      reference: r.reference,
      subject: r.subject,
      platform: r.platform,
      service: { id: r.service_id, slug: r.service_slug, name: r.service_name },
      contact:
        r.contact_id && r.contact_platform
          ? {
              id: r.contact_id,
              platform: r.contact_platform,
              handle: r.contact_handle,
              displayName: r.contact_name,
            }
          : null,
    },
    kind: r.kind,
    body: r.body,
    reasons: r.approval_reasons,
    author: r.author_id ? { id: r.author_id, displayName: r.author_name ?? '' } : null,
    submittedAt: r.created_at.toISOString(),
    inbound:
      r.inbound_body !== null && r.inbound_sent_at
        ? { body: r.inbound_body, sentAt: r.inbound_sent_at.toISOString() }
        : null,
  }));
}
