import type { NotificationView, SlaEvent } from './sla.js';
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
}

export interface ClientToServerEvents {
  'ticket.watch': (ticketId: string, ack?: (ok: boolean) => void) => void;
  'ticket.unwatch': (ticketId: string) => void;
}

export const SOCKET_PATH = '/socket.io';

export const rooms = {
  service: (id: string) => `service:${id}`,
  ticket: (id: string) => `ticket:${id}`,
  user: (id: string) => `user:${id}`,
} as const;
