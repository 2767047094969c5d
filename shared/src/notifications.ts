import type { SlaClockKind } from './sla.js';
import type { IsoDate } from './views.js';

/**
 * sla.breached: escalated to the service's heads; ticket.assigned: to the new assignee;
 * reply.approval_requested: to the heads of the ticket's service; reply.approved, reply.rejected: to
 * the reply's author.
 */
export const NOTIFICATION_KINDS = [
  'sla.breached',
  'ticket.assigned',
  'reply.approval_requested',
  'reply.approved',
  'reply.rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The ticket a notification is about, as it is now (the client words the notice in its language). */
export interface NotificationTicket {
  reference: number;
  subject: string;
  serviceId: string;
  serviceName: string;
}

/** What a client needs, beyond the ticket and the actor, to word a notification in its own language. */
export interface NotificationDetails {
  /** sla.breached: the clock whose deadline passed. */
  slaKind?: SlaClockKind;
  /** reply.rejected: the head's comment to the agent. */
  comment?: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  ticketId: string | null;
  /** null when the ticket no longer exists (or the notification is about none). */
  ticket: NotificationTicket | null;
  /** Who caused it; null when Guichet did (round-robin, SLA clocks). */
  actor: { id: string; displayName: string } | null;
  details: NotificationDetails | null;
  /** Stored French wording, for clients that do not know the kind. */
  title: string;
  body: string;
  createdAt: IsoDate;
  readAt: IsoDate | null;
}

/** Pushed as `ticket.assigned` to the assignee's `user:{id}` room only, once the assignment is committed. */
export interface TicketAssignedEvent {
  ticketId: string;
  reference: number;
  subject: string;
  service: { id: string; name: string };
  /** Who assigned it; null when Guichet dealt it (round-robin at ingestion or after a re-route). */
  by: { id: string; displayName: string } | null;
  at: IsoDate;
  /** The stored notification, which the bell lists. */
  notification: NotificationView & { kind: 'ticket.assigned' };
}
