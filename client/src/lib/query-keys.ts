import type { TicketStatus } from '@guichet/shared';

/** Filters of one cached inbox page; absent keys mean "any". */
export interface TicketListFilter {
  status?: TicketStatus;
  serviceId?: string;
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
  dashboard: {
    all: ['dashboard'] as const,
    summary: ['dashboard', 'summary'] as const,
  },
};
