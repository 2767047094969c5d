import type { ContactFacts, InsertedTicket, NewMessageRow, NewTicketRow } from './ingest-queries';
import type { MessageViewSource, TicketSummarySource } from './ticket-views';

/**
 * What an ingestion batch tells the agents once committed, built from what the batch stored (and what
 * PostgreSQL returned of it) instead of reading every new ticket and message back: the live events
 * are the same as a read after the commit would give.
 */

/** A ticket the batch opened; its assignee is named when it is told. */
export type OpenedTicket = Omit<TicketSummarySource, 'assignee'> & {
  serviceId: string;
  assigneeId: string | null;
};

// PostgreSQL stores text as UTF-8: a lone UTF-16 surrogate (a subject cut inside an emoji, say) is
// stored as U+FFFD, so the event says so too.
const LONE_SURROGATE = /\p{Cs}/u;
export const asStored = (text: string): string =>
  LONE_SURROGATE.test(text) ? text.replace(/\p{Cs}/gu, '\uFFFD') : text;

export function openedTicket(
  row: NewTicketRow,
  inserted: InsertedTicket,
  service: TicketSummarySource['service'],
  contact: ContactFacts | null,
): OpenedTicket {
  return {
    id: row.id,
    reference: inserted.reference,
    subject: asStored(row.subject),
    status: 'new',
    priority: row.priority,
    platform: row.platform,
    serviceId: row.serviceId,
    service,
    assigneeId: row.assigneeId,
    contact,
    createdAt: row.createdAt,
    updatedAt: inserted.updatedAt,
    lastMessageAt: row.lastMessageAt,
    firstResponseDueAt: row.sla.firstResponseDueAt,
    firstRespondedAt: row.sla.firstRespondedAt,
    routingExplanation: asStored(row.routingExplanation),
    tags: row.tags.map(asStored),
    sensitive: row.sensitive,
    // Just opened: no reply yet, let alone one waiting for approval (and no query to ask).
    awaitingApproval: false,
    slaKind: row.sla.slaKind,
    slaPaused: row.sla.slaPaused,
    slaDueAt: row.sla.slaDueAt,
    slaRemainingMinutes: row.sla.slaRemainingMinutes,
  };
}

export function storedMessage(
  row: NewMessageRow,
  createdAt: Date,
  author: ContactFacts | null,
): MessageViewSource {
  return {
    id: row.id,
    ticketId: row.ticketId,
    direction: 'inbound',
    kind: row.kind,
    body: asStored(row.body),
    platformMessageId: asStored(row.platformMessageId),
    deliveryStatus: 'received',
    deliveryError: null,
    platformState: 'visible',
    editedAt: null,
    createdAt,
    sentAt: row.sentAt,
    answerId: null,
    answerVersion: null,
    answerEdited: null,
    authorUser: null,
    authorContact: author,
  };
}
