import type { NotificationView, TicketAssignedEvent } from './notifications.js';
import type { SlaEvent } from './sla.js';
import type { MessageView, TicketSummary } from './views.js';

/** Events the server pushes. Names are `resource.past_verb`. Rooms: `service:{id}`, `ticket:{id}`, `user:{id}`. */
export interface ServerToClientEvents {
  'ticket.created': (ticket: TicketSummary) => void;
  'ticket.updated': (ticket: TicketSummary) => void;
  'message.created': (message: MessageView) => void;
  'message.updated': (message: MessageView) => void;
  'sla.warning': (event: SlaEvent) => void;
  'sla.breached': (event: SlaEvent) => void;
  /** To `user:{id}` only. */
  'notification.created': (notification: NotificationView) => void;
  /** To `user:{id}` of the new assignee only, when someone else (or Guichet) gave them the ticket. */
  'ticket.assigned': (event: TicketAssignedEvent) => void;
  /** To `ticket:{id}`: everyone who has the ticket open, after each join, leave, typing start or end. */
  'presence.changed': (presence: Presence) => void;
}

export interface PresenceViewer {
  userId: string;
  displayName: string;
  /** Wrote in the reply box within the last few seconds. */
  typing: boolean;
}

export interface Presence {
  ticketId: string;
  viewers: PresenceViewer[];
}

/** A typing signal lasts this long unless renewed; clients send at most one per half of it. */
export const TYPING_EXPIRES_MS = 5_000;

export interface ClientToServerEvents {
  'ticket.watch': (ticketId: string, ack?: (ok: boolean) => void) => void;
  'ticket.unwatch': (ticketId: string) => void;
  /** Watches the ticket and shows me to the others who have it open. */
  'presence.join': (ticketId: string, ack?: (ok: boolean) => void) => void;
  'presence.leave': (ticketId: string) => void;
  /** I am writing a reply on this ticket (renew it while typing). */
  'presence.typing': (ticketId: string) => void;
}

export const SOCKET_PATH = '/socket.io';

export const rooms = {
  service: (id: string) => `service:${id}`,
  ticket: (id: string) => `ticket:${id}`,
  user: (id: string) => `user:${id}`,
} as const;
