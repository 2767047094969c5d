import type {
  ContactView,
  MessageApprovalView,
  MessageView,
  SlaClockView,
  TicketDetail,
  TicketSlaSummary,
  TicketSummary,
} from '@guichet/shared';
import { sharedCalendar } from '../sla/shared-calendar';
import type { TicketSlaClock } from '../sla/ticket-sla-clock.entity';
import { businessMinutesBetween, type BusinessCalendar } from '../domain/sla';
import type { Contact } from '../contacts/contact.entity';
import type { Service } from '../services/service.entity';
import type { User } from '../users/user.entity';
import type { Message } from './message.entity';
import type { Ticket } from './ticket.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * What a TicketSummary is made of: a loaded Ticket, or the row an ingestion batch just inserted (which
 * then tells its agents without reading the ticket back).
 */
export type TicketSummarySource = Pick<
  Ticket,
  | 'id'
  | 'reference'
  | 'subject'
  | 'status'
  | 'priority'
  | 'platform'
  | 'createdAt'
  | 'updatedAt'
  | 'lastMessageAt'
  | 'firstResponseDueAt'
  | 'firstRespondedAt'
  | 'routingExplanation'
  | 'tags'
  | 'sensitive'
  | 'slaKind'
  | 'slaPaused'
  | 'slaDueAt'
  | 'slaRemainingMinutes'
> & {
  service: Pick<Service, 'id' | 'slug' | 'name' | 'calendar'>;
  assignee: Pick<User, 'id' | 'displayName'> | null;
  contact: Pick<Contact, 'id' | 'platform' | 'handle' | 'displayName'> | null;
  /** A reply waits for approval (see awaitingApprovalSql); a ticket just opened has none. */
  awaitingApproval: boolean;
};

/** What a MessageView is made of: a loaded Message, or the row an ingestion batch just inserted. */
export type MessageViewSource = Pick<
  Message,
  | 'id'
  | 'ticketId'
  | 'direction'
  | 'kind'
  | 'body'
  | 'platformMessageId'
  | 'deliveryStatus'
  | 'deliveryError'
  | 'platformState'
  | 'editedAt'
  | 'createdAt'
  | 'sentAt'
  | 'answerId'
  | 'answerVersion'
  | 'answerEdited'
> & {
  authorUser: Pick<User, 'id' | 'displayName'> | null;
  authorContact: Pick<Contact, 'id' | 'platform' | 'handle' | 'displayName'> | null;
  answerSource?: { title: string } | null;
} & Partial<
    Pick<Message, 'approvalReasons' | 'approvalDecidedAt' | 'approvalComment' | 'originalBody'> & {
      approvalDecidedBy: Pick<User, 'id' | 'displayName'> | null;
    }
  >;

export function toContactView(c: Pick<Contact, 'id' | 'platform' | 'handle' | 'displayName'>): ContactView {
  return { id: c.id, platform: c.platform, handle: c.handle, displayName: c.displayName };
}

/** The inbox clock: remaining business time as of `now`, on the service's calendar. */
export function toTicketSlaSummary(
  t: Pick<TicketSummarySource, 'slaKind' | 'slaPaused' | 'slaDueAt' | 'slaRemainingMinutes' | 'service'>,
  now: Date,
): TicketSlaSummary | null {
  if (!t.slaKind) return null;
  if (t.slaPaused || !t.slaDueAt) {
    return { kind: t.slaKind, state: 'paused', dueAt: null, remainingMinutes: t.slaRemainingMinutes ?? 0 };
  }
  const overdue = now >= t.slaDueAt;
  const minutes = overdue
    ? -businessMinutesBetween(sharedCalendar(t.service.calendar), t.slaDueAt, now)
    : businessMinutesBetween(sharedCalendar(t.service.calendar), now, t.slaDueAt);
  return {
    kind: t.slaKind,
    state: overdue ? 'overdue' : 'running',
    dueAt: t.slaDueAt.toISOString(),
    remainingMinutes: Math.round(minutes * 100) / 100,
  };
}

/** Expects `service`, `assignee` and `contact` loaded. */
export function toTicketSummary(t: TicketSummarySource, now: Date = new Date()): TicketSummary {
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
    tags: t.tags,
    sensitive: t.sensitive,
    awaitingApproval: t.awaitingApproval,
    sla: toTicketSlaSummary(t, now),
  };
}

/** Stored clocks are as of their last change; a running one's state and remaining time are brought to `now`. */
export function toSlaClockView(c: TicketSlaClock, calendar: BusinessCalendar, now: Date): SlaClockView {
  const deadline = c.state === 'running' || c.state === 'overdue' ? c.deadlineAt : null;
  const live = deadline !== null;
  const remaining =
    deadline === null
      ? c.remainingMinutes
      : now >= deadline
        ? -businessMinutesBetween(calendar, deadline, now)
        : businessMinutesBetween(calendar, now, deadline);
  return {
    kind: c.kind,
    state: deadline === null ? c.state : now >= deadline ? 'overdue' : 'running',
    targetMinutes: c.targetMinutes,
    startedAt: c.startedAt.toISOString(),
    deadlineAt: iso(c.deadlineAt),
    warningAt: iso(c.warningAt),
    remainingMinutes: Math.round(remaining * 100) / 100,
    computedAt: (live ? now : c.computedAt).toISOString(),
    pausedSince: iso(c.pausedSince),
    achievedAt: iso(c.achievedAt),
    achievedBusinessMinutes: c.achievedBusinessMinutes,
    achievedCalendarMinutes: c.achievedCalendarMinutes,
  };
}

/** A reply's approval: pending while held, then approved (queued, sent…) or rejected. */
export function toMessageApprovalView(m: MessageViewSource): MessageApprovalView | null {
  if (!m.approvalReasons) return null;
  return {
    state:
      m.deliveryStatus === 'pending_approval'
        ? 'pending'
        : m.deliveryStatus === 'rejected'
          ? 'rejected'
          : 'approved',
    reasons: m.approvalReasons,
    decidedBy: m.approvalDecidedBy
      ? { id: m.approvalDecidedBy.id, displayName: m.approvalDecidedBy.displayName }
      : null,
    decidedAt: iso(m.approvalDecidedAt ?? null),
    comment: m.approvalComment ?? null,
    originalBody: m.originalBody ?? null,
  };
}

/** Expects `authorContact`, `authorUser`, `approvalDecidedBy` and `answerSource` loaded. */
export function toMessageView(m: MessageViewSource): MessageView {
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
    answer:
      m.answerId && m.answerVersion !== null && m.answerSource
        ? {
            id: m.answerId,
            title: m.answerSource.title,
            version: m.answerVersion,
            edited: m.answerEdited ?? false,
          }
        : null,
    approval: toMessageApprovalView(m),
  };
}

const CLOCK_ORDER = { first_response: 0, next_response: 1, resolution: 2 } as const;

export function toTicketDetail(
  t: TicketSummarySource & Pick<Ticket, 'context'>,
  messages: Message[],
  clocks: TicketSlaClock[],
  now: Date = new Date(),
): Omit<
  TicketDetail,
  'slaPauses' | 'previousTicket' | 'routing' | 'reroutes' | 'contactTickets' | 'history'
> {
  return {
    ...toTicketSummary(t, now),
    messages: messages.map(toMessageView),
    context: t.context,
    slaClocks: [...clocks]
      .sort((a, b) => CLOCK_ORDER[a.kind] - CLOCK_ORDER[b.kind])
      .map((c) => toSlaClockView(c, sharedCalendar(t.service.calendar), now)),
  };
}
