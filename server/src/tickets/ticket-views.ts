import type { ContactView, MessageView, TicketDetail, TicketSummary } from '@guichet/shared';
import type { Contact } from '../contacts/contact.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toContactView(c: Contact): ContactView {
  return { id: c.id, platform: c.platform, handle: c.handle, displayName: c.displayName };
}

/** Expects `service`, `assignee` and `contact` loaded. */
export function toTicketSummary(t: Ticket): TicketSummary {
  return {
    id: t.id,
    reference: t.reference,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    platform: t.platform,
    service: { id: t.service.id, slug: t.service.slug, name: t.service.name },
    assignee: t.assignee ? { id: t.assignee.id, displayName: t.assignee.displayName } : null,
    contact: t.contact ? toContactView(t.contact) : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    lastMessageAt: t.lastMessageAt.toISOString(),
    firstResponseDueAt: iso(t.firstResponseDueAt),
    firstRespondedAt: iso(t.firstRespondedAt),
    routingExplanation: t.routingExplanation,
  };
}

/** Expects `authorContact` and `authorUser` loaded. */
export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    ticketId: m.ticketId,
    direction: m.direction,
    kind: m.kind,
    body: m.body,
    platformMessageId: m.platformMessageId,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    platformState: m.platformState,
    editedAt: iso(m.editedAt),
    author: m.authorUser
      ? { kind: 'user', id: m.authorUser.id, displayName: m.authorUser.displayName }
      : m.authorContact
        ? { kind: 'contact', contact: toContactView(m.authorContact) }
        : null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt.toISOString(),
  };
}

export function toTicketDetail(t: Ticket, messages: Message[]): TicketDetail {
  return { ...toTicketSummary(t), messages: messages.map(toMessageView), context: t.context };
}
