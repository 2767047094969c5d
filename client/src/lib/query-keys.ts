import type {
  AnswerStatus,
  Platform,
  ReplyAudience,
  TicketPriority,
  TicketStatus,
  TicketView,
} from '@guichet/shared';

export type TicketSort = 'activity' | 'due';

/** Filters of one cached inbox list; absent keys mean "any" (and the services view, activity order). */
export interface TicketListFilter {
  view?: TicketView;
  status?: TicketStatus[];
  priority?: TicketPriority[];
  platform?: Platform[];
  tag?: string[];
  serviceId?: string;
  assigneeId?: string;
  q?: string;
  sort?: TicketSort;
}

/** Filters of one cached answers list; absent keys mean "any". */
export interface AnswerListFilter {
  q?: string;
  serviceId?: string;
  status?: AnswerStatus;
  tag?: string;
  audience?: ReplyAudience;
  awaitingValidation?: boolean;
  limit?: number;
}

/** Every react-query key of the app, so the realtime table and the features agree on cache shapes. */
export const queryKeys = {
  me: ['me'] as const,
  tickets: {
    all: ['tickets'] as const,
    lists: ['tickets', 'list'] as const,
    list: (filter: TicketListFilter) => ['tickets', 'list', filter] as const,
    detail: (id: string) => ['tickets', 'detail', id] as const,
  },
  contacts: {
    all: ['contacts'] as const,
    detail: (id: string) => ['contacts', 'detail', id] as const,
    searches: ['contacts', 'search'] as const,
    search: (q: string) => ['contacts', 'search', q] as const,
  },
  /** Who has a ticket open (pushed by the server, never fetched; outside `tickets` so a resync keeps it). */
  presence: (ticketId: string) => ['presence', ticketId] as const,
  dashboard: {
    all: ['dashboard'] as const,
    summary: ['dashboard', 'summary'] as const,
  },
  services: {
    all: ['services'] as const,
    list: ['services', 'list'] as const,
    calendar: (id: string) => ['services', 'calendar', id] as const,
    members: (id: string) => ['services', 'members', id] as const,
  },
  users: {
    all: ['users'] as const,
    list: ['users', 'list'] as const,
    calendar: (id: string) => ['users', 'calendar', id] as const,
  },
  routing: {
    all: ['routing'] as const,
    rules: ['routing', 'rules'] as const,
    settings: ['routing', 'settings'] as const,
    classifier: ['routing', 'classifier'] as const,
  },
  sla: {
    all: ['sla'] as const,
    policies: ['sla', 'policies'] as const,
    settings: ['sla', 'settings'] as const,
  },
  channelAccounts: {
    all: ['channel-accounts'] as const,
    list: ['channel-accounts', 'list'] as const,
  },
  answers: {
    all: ['answers'] as const,
    lists: ['answers', 'list'] as const,
    list: (filter: AnswerListFilter) => ['answers', 'list', filter] as const,
    detail: (id: string) => ['answers', 'detail', id] as const,
    tags: ['answers', 'tags'] as const,
    suggestions: (ticketId: string) => ['answers', 'suggestions', ticketId] as const,
  },
  approvals: {
    all: ['approvals'] as const,
    queue: ['approvals', 'queue'] as const,
    policy: ['approvals', 'policy'] as const,
    check: (ticketId: string, request: object) => ['approvals', 'check', ticketId, request] as const,
  },
  notifications: {
    all: ['notifications'] as const,
    list: ['notifications', 'list'] as const,
  },
  /** The public Open311 API the contact form uses (no session). */
  open311: {
    webForm: ['open311', 'web-form'] as const,
    services: ['open311', 'services'] as const,
  },
};
