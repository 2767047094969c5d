import type { Page, TicketSummary } from '@guichet/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys, type TicketListFilter } from '../../../lib/query-keys';

/** The inbox shows the most recent activity (or the earliest deadlines); « Charger plus » goes further. */
export const INBOX_PAGE_SIZE = 50;

/**
 * Remaining staffed time is computed by the server on the service's calendar, as of the answer: an
 * open inbox asks again now and then so "3 h 20 left" stays true (the socket only says what changed).
 */
export const SLA_REFRESH_MS = 60_000;

export function listTickets(
  filter: TicketListFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<TicketSummary>> {
  return apiRequest<Page<TicketSummary>>('/tickets', {
    query: {
      view: filter.view,
      status: filter.status?.join(','),
      priority: filter.priority?.join(','),
      platform: filter.platform?.join(','),
      tag: filter.tag?.join(','),
      serviceId: filter.serviceId,
      assigneeId: filter.assigneeId,
      q: filter.q,
      sort: filter.sort === 'due' ? 'due' : undefined,
      limit: INBOX_PAGE_SIZE,
      cursor: cursor ?? undefined,
    },
    signal,
  });
}

/** Keyset pages of one inbox filter; the first page's `total` is the count shown. */
export function useTickets(filter: TicketListFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.tickets.list(filter),
    queryFn: ({ signal, pageParam }) => listTickets(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? null,
    refetchInterval: SLA_REFRESH_MS,
  });
}
