/** Who a user is in the town hall. */
export const ROLES = ['agent', 'service_head', 'admin', 'elected'] as const;
export type Role = (typeof ROLES)[number];

/** new: not yet looked at; open: being handled; pending: waiting on the citizen; resolved: answered; closed: archived. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** inbound: from the citizen; outbound: a reply sent to the citizen; internal: a note between agents. */
export const MESSAGE_DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Delivery state of an outbound message; inbound and internal messages are always `received`.
 * pending_approval: held until a service head approves it (never sent before); rejected: refused by
 * a service head, never sent.
 */
export const DELIVERY_STATUSES = [
  'received',
  'queued',
  'sent',
  'failed',
  'pending_approval',
  'rejected',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const PLATFORMS = ['facebook', 'instagram', 'mastodon', 'x', 'open311'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What kind of conversation a message belongs to on its platform. */
export const MESSAGE_KINDS = ['comment', 'direct', 'mention', 'request'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Whether an inbound message is still visible on its platform (the citizen may edit, hide or delete it). */
export const MESSAGE_PLATFORM_STATES = ['visible', 'hidden', 'removed'] as const;
export type MessagePlatformState = (typeof MESSAGE_PLATFORM_STATES)[number];

/**
 * Inbox views. mine: assigned to me; services: my services' tickets; unassigned: nobody's yet; due: a
 * clock past its warning share or overdue; approval: a reply waits for a service head's approval;
 * all: every service (admins).
 */
export const TICKET_VIEWS = ['mine', 'services', 'unassigned', 'due', 'approval', 'all'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];
