import type { TicketAssignedEvent } from '@guichet/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSocket } from '../../../lib/realtime/realtime-context';
import { useMarkNotificationRead } from '../api/mark-notification-read';
import { useShowLiveAlert } from '../live-alert';
import { assignedText } from '../notification-text';

/**
 * « Ticket n° 42 vous a été attribué » when a colleague or Guichet gives me a ticket (`ticket.assigned`
 * reaches my own room only): a notice in the page and, if allowed, a system one. Opening the ticket from
 * it reads the notification. The cache side (bell, "mine" lists) is in the realtime table.
 */
export function TicketAssignedAlerts() {
  const socket = useSocket();
  const show = useShowLiveAlert();
  const { t } = useTranslation();
  const { mutate: markRead } = useMarkNotificationRead();

  useEffect(() => {
    if (!socket) return;
    const onAssigned = (event: TicketAssignedEvent) => {
      const notificationId = event.notification.id;
      show({
        // A ticket given to me again replaces its earlier notice.
        id: `assigned-${event.ticketId}`,
        path: `/tickets/${encodeURIComponent(event.ticketId)}`,
        ...assignedText(t, {
          reference: event.reference,
          subject: event.subject,
          serviceName: event.service.name,
          by: event.by,
        }),
        linkLabel: t('notifications.ticketAssigned.openTicket', { reference: event.reference }),
        autoClose: 30_000,
        onOpen: () => markRead(notificationId),
      });
    };
    socket.on('ticket.assigned', onAssigned);
    return () => {
      socket.off('ticket.assigned', onAssigned);
    };
  }, [socket, show, t, markRead]);

  return null;
}
