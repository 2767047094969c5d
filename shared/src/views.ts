import type { MessageApprovalView } from './approvals.js';
import type { TicketRerouteView, TicketRoutingView } from './routing.js';
import type { SlaClockView, TicketSlaSummary } from './sla.js';
import type {
  DeliveryStatus,
  MessageDirection,
  MessageKind,
  MessagePlatformState,
  Platform,
  Role,
  TicketPriority,
  TicketStatus,
} from './enums.js';

/** ISO-8601 instant, as JSON carries dates. */
export type IsoDate = string;

export interface ServiceRef {
  id: string;
  slug: string;
  name: string;
}

/** The logged-in user, as `GET /api/me` returns it. */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  services: ServiceRef[];
  /** The services this person heads (approves replies there); administrators decide in every service. */
  headOfServiceIds: string[];
}

export interface ContactView {
  id: string;
  platform: Platform;
  handle: string | null;
  displayName: string | null;
}

/** One row of the inbox. */
export interface TicketSummary {
  id: string;
  reference: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  platform: Platform;
  service: ServiceRef;
  assignee: { id: string; displayName: string } | null;
  contact: ContactView | null;
  createdAt: IsoDate;
  updatedAt: IsoDate;
  lastMessageAt: IsoDate;
  firstResponseDueAt: IsoDate | null;
  firstRespondedAt: IsoDate | null;
  /** Why the ticket landed in its service, e.g. "règle « Déchets » (mot-clé « poubelle ») → Propreté". */
  routingExplanation: string | null;
  /** Set by routing rules (and later by agents). */
  tags: string[];
  /** Replies need a service head's approval (set by a routing rule). */
  sensitive: boolean;
  /** A reply on the ticket waits for a service head's approval (pending_approval). */
  awaitingApproval: boolean;
  /** The clock due first; null when no SLA policy applies or every clock has stopped. */
  sla: TicketSlaSummary | null;
}

export interface MessageView {
  id: string;
  ticketId: string;
  direction: MessageDirection;
  kind: MessageKind;
  body: string;
  platformMessageId: string | null;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  platformState: MessagePlatformState;
  editedAt: IsoDate | null;
  author:
    { kind: 'contact'; contact: ContactView } | { kind: 'user'; id: string; displayName: string } | null;
  createdAt: IsoDate;
  /** When the citizen wrote it on the platform (may differ from createdAt, the time Guichet stored it). */
  sentAt: IsoDate;
  /** The validated answer a reply was written from; null otherwise. */
  answer: MessageAnswerSource | null;
  /** Set on replies that needed a service head's approval. */
  approval: MessageApprovalView | null;
}

/** Where a reply's text came from, as shown in the thread. */
export interface MessageAnswerSource {
  id: string;
  title: string;
  version: number;
  /** The agent changed more than the placeholders. */
  edited: boolean;
}

export interface TicketDetail extends TicketSummary {
  messages: MessageView[];
  /** The public post a comment was written under, when known. */
  context: { postId: string | null; permalink: string | null } | null;
  slaClocks: SlaClockView[];
  /** When the clocks stood still (waiting on the citizen, resolved); `to` null while it lasts. */
  slaPauses: Array<{ from: IsoDate; to: IsoDate | null }>;
  /** The closed ticket of the same conversation this one follows (the citizen wrote after the reopen window). */
  previousTicket: { id: string; reference: number } | null;
  /** How the ticket was routed when it arrived (null for tickets older than stored decisions). */
  routing: TicketRoutingView | null;
  /** Agents' moves to another service, oldest first. */
  reroutes: TicketRerouteView[];
  /** The contact's other tickets the reader may see (newest activity first, at most 10). */
  contactTickets: TicketSummary[];
  /** Oldest first. */
  history: TicketHistoryEntry[];
}

/** A citizen across channels: the main identity, those merged into it, and their tickets. */
export interface ContactDetail extends ContactView {
  /** Every identity of the person (this one first), e.g. a Facebook account and a Mastodon handle. */
  identities: ContactView[];
  /** Agents' labels for the person (lower case); routing rules may match them. */
  tags: string[];
  /** Their tickets the reader may see, newest activity first (at most 50). */
  tickets: TicketSummary[];
}

/** One line of a ticket's history: a status change or another recorded action. */
export interface TicketHistoryEntry {
  at: IsoDate;
  /** Null for what Guichet did itself (a citizen's message reopening the ticket, routing…). */
  actor: { id: string; displayName: string } | null;
  action: string;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  /** How many match; counted up to a cap (then `totalIsCapped`), not beyond. */
  total: number;
  totalIsCapped?: boolean;
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor?: string | null;
}

export interface DashboardSummary {
  ticketCount: number;
  openCount: number;
  respondedCount: number;
  /** Median minutes between a ticket's creation and its first reply; null when nothing was answered yet. */
  medianFirstResponseMinutes: number | null;
}

/** The shape of every error response. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level detail for validation errors. */
  details?: string[];
}

/** Body of `POST /api/auth/login`. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** Body of `POST /api/tickets/:id/replies`. */
export interface CreateReplyRequest {
  body: string;
  /** The validated answer (and its version) the text was written from. */
  answerId?: string;
  answerVersion?: number;
}

/** Body of `POST /api/tickets/:id/notes`: an internal note, seen by agents only. */
export interface CreateNoteRequest {
  body: string;
}

/** Body of `PATCH /api/tickets/:id`: any subset. */
export interface UpdateTicketRequest {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** Moves the ticket to another service (re-routing): `reason` is then required. */
  serviceId?: string;
  /** Why the ticket moves, kept in the audit log and shown on the ticket. */
  reason?: string;
  /** An agent of the ticket's service; null unassigns. */
  assigneeId?: string | null;
  /** The ticket's whole set of tags (replaces it): trimmed, duplicates dropped. */
  tags?: string[];
}

/** A connected account as admins see it: health, never its tokens. */
export interface ChannelAccountView {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  baseUrl: string | null;
  status: 'active' | 'paused';
  hasCredentials: boolean;
  lastWebhookAt: IsoDate | null;
  lastPolledAt: IsoDate | null;
  nextPollAt: IsoDate | null;
  lastError: string | null;
  createdAt: IsoDate;
}
