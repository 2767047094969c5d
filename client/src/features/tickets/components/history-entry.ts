import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketHistoryEntry,
  type TicketPriority,
  type TicketStatus,
} from '@guichet/shared';
import type { TFunction } from 'i18next';

const isStatus = (value: unknown): value is TicketStatus =>
  typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
const isPriority = (value: unknown): value is TicketPriority =>
  typeof value === 'string' && (TICKET_PRIORITIES as readonly string[]).includes(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** What one history entry says, in the reader's language; null for an entry it cannot tell. */
export function describeHistoryEntry(
  entry: TicketHistoryEntry,
  t: TFunction,
  serviceName: (id: unknown) => string | null,
): string | null {
  const { details } = entry;
  switch (entry.action) {
    case 'ticket.created': {
      const routing = text(details.routing);
      return routing ? t('ticketHistory.createdRouted', { routing }) : t('ticketHistory.created');
    }
    case 'ticket.status': {
      if (!isStatus(details.to)) break;
      const to = t(`status.${details.to}`);
      return isStatus(details.from)
        ? t('ticketHistory.status', { from: t(`status.${details.from}`), to })
        : t('ticketHistory.statusInitial', { to });
    }
    case 'ticket.tags_changed': {
      if (!Array.isArray(details.to)) break;
      const tags = details.to.filter((tag): tag is string => typeof tag === 'string');
      return tags.length > 0
        ? t('ticketHistory.tags', { to: tags.join(', ') })
        : t('ticketHistory.tagsCleared');
    }
    case 'ticket.priority_changed':
      if (!isPriority(details.from) || !isPriority(details.to)) break;
      return t('ticketHistory.priority', {
        from: t(`priorityOption.${details.from}`),
        to: t(`priorityOption.${details.to}`),
      });
    case 'ticket.rerouted': {
      const from = serviceName(details.from) ?? t('ticketHistory.otherService');
      const to = serviceName(details.to) ?? t('ticketHistory.otherService');
      const reason = text(details.reason);
      return reason
        ? t('ticketHistory.reroutedReason', { from, to, reason })
        : t('ticketHistory.rerouted', { from, to });
    }
    case 'ticket.assigned':
      return details.mode === 'round_robin' ? t('ticketHistory.assignedAuto') : t('ticketHistory.assigned');
    case 'ticket.unassigned':
      return t('ticketHistory.unassigned');
    case 'ticket.replied':
      return t('ticketHistory.replied');
    case 'ticket.noted':
      return t('ticketHistory.noted');
    case 'reply.approval_requested':
      return t('ticketHistory.approvalRequested');
    case 'reply.approved':
      return t('ticketHistory.approved');
    case 'reply.edited_and_approved':
      return t('ticketHistory.editedApproved');
    case 'reply.rejected':
      return t('ticketHistory.rejected', { comment: text(details.comment) ?? '' });
  }
  return t('ticketHistory.other', { action: entry.action });
}
