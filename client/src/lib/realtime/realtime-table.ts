import type { ServerToClientEvents } from '@guichet/shared';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import type { GuichetSocket } from './socket';
import { prependNotification } from './notification-cache';
import {
  mergeTicketIntoDetail,
  refreshApprovals,
  refreshMyLists,
  refreshTicketClocks,
  upsertMessageInDetail,
  upsertTicketInLists,
} from './ticket-cache';

type EventName = keyof ServerToClientEvents;

function refreshDashboard(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
}

/**
 * The one place where a server event becomes a query-cache update.
 * Typed as the contract's event map, so a new server event without a row here fails the build.
 */
export function realtimeTable(queryClient: QueryClient): ServerToClientEvents {
  return {
    'ticket.created': (ticket) => {
      upsertTicketInLists(queryClient, ticket);
      refreshDashboard(queryClient);
    },
    'ticket.updated': (ticket) => {
      upsertTicketInLists(queryClient, ticket);
      mergeTicketIntoDetail(queryClient, ticket);
      refreshDashboard(queryClient);
    },
    'message.created': (message) => {
      upsertMessageInDetail(queryClient, message);
      refreshApprovals(queryClient, message);
    },
    'message.updated': (message) => {
      upsertMessageInDetail(queryClient, message);
      refreshApprovals(queryClient, message);
    },
    // The toast and the browser notification are the notifications feature's (SlaAlerts).
    'sla.warning': (event) => refreshTicketClocks(queryClient, event.ticketId),
    'sla.breached': (event) => refreshTicketClocks(queryClient, event.ticketId),
    'notification.created': (notification) => {
      prependNotification(queryClient, notification);
      // A head outside the ticket's rooms (an administrator) learns of a held reply by this notice.
      if (notification.kind === 'reply.approval_requested')
        void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.queue });
    },
    // The toast and the browser notification are the notifications feature's (TicketAssignedAlerts).
    'ticket.assigned': (event) => {
      prependNotification(queryClient, event.notification);
      refreshMyLists(queryClient);
    },
    'presence.changed': (presence) =>
      queryClient.setQueryData(queryKeys.presence(presence.ticketId), presence),
  };
}

/** Subscribes the socket to every row of the table; returns the unsubscribe function. */
export function bindRealtimeTable(socket: GuichetSocket, queryClient: QueryClient): () => void {
  const listeners = realtimeTable(queryClient);
  const events = Object.keys(listeners) as EventName[];
  // socket.io's generic `on` cannot take a union of event names; each listener is already checked against the contract.
  const target = socket as unknown as {
    on: (event: EventName, listener: ServerToClientEvents[EventName]) => void;
    off: (event: EventName, listener: ServerToClientEvents[EventName]) => void;
  };
  events.forEach((event) => target.on(event, listeners[event]));
  return () => events.forEach((event) => target.off(event, listeners[event]));
}
