import type { NotificationView } from '@guichet/shared';
import type { TFunction } from 'i18next';

export interface AssignedTicket {
  reference: number;
  subject: string;
  serviceName: string;
  /** null: Guichet dealt it (round-robin). */
  by: { displayName: string } | null;
}

/** « Ticket n° 42 vous a été attribué », and by whom, in the interface language. */
export function assignedText(t: TFunction, ticket: AssignedTicket): { title: string; body: string } {
  const values = { reference: ticket.reference, subject: ticket.subject, service: ticket.serviceName };
  return {
    title: t('notifications.ticketAssigned.title', values),
    body: ticket.by
      ? t('notifications.ticketAssigned.byPerson', { ...values, name: ticket.by.displayName })
      : t('notifications.ticketAssigned.byGuichet', values),
  };
}

/** How a stored notification reads in the interface language; what it cannot word keeps the server's (French) text. */
export function notificationText(
  t: TFunction,
  notification: NotificationView,
): { title: string; body: string } {
  const { ticket, actor } = notification;
  if (notification.kind === 'ticket.assigned' && ticket) {
    return assignedText(t, { ...ticket, by: actor });
  }
  if (ticket && actor) {
    const values = {
      reference: ticket.reference,
      subject: ticket.subject,
      service: ticket.serviceName,
      name: actor.displayName,
    };
    if (notification.kind === 'reply.approval_requested') {
      return {
        title: t('notifications.replyApprovalRequested.title', values),
        body: t('notifications.replyApprovalRequested.body', values),
      };
    }
    if (notification.kind === 'reply.approved') {
      return {
        title: t('notifications.replyApproved.title', values),
        body: t('notifications.replyApproved.body', values),
      };
    }
    if (notification.kind === 'reply.rejected') {
      const comment = notification.details?.comment;
      return {
        title: t('notifications.replyRejected.title', values),
        body: comment ? t('notifications.replyRejected.body', { ...values, comment }) : notification.body,
      };
    }
  }
  const slaKind = notification.details?.slaKind;
  if (notification.kind === 'sla.breached' && ticket && slaKind) {
    const values = { reference: ticket.reference, subject: ticket.subject, service: ticket.serviceName };
    return {
      title: t('notifications.slaBreached.title', values),
      body: t('notifications.slaBreached.body', { ...values, kind: t(`sla.kind.${slaKind}`) }),
    };
  }
  return { title: notification.title, body: notification.body };
}
