import type { Page, TicketSummary } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys, type TicketListFilter } from '../../../lib/query-keys';

/** The inbox shows the most recent activity (or the earliest deadlines); older tickets stay reachable through filters. */
export const INBOX_PAGE_SIZE = 50;

/**
 * Remaining staffed time is computed by the server on the service's calendar, as of the answer: an
 * open inbox asks again now and then so "3 h 20 left" stays true (the socket only says what changed).
 */
export const SLA_REFRESH_MS = 60_000;

export function listTickets(filter: TicketListFilter, signal?: AbortSignal): Promise<Page<TicketSummary>> {
  return apiRequest<Page<TicketSummary>>('/tickets', {
    query: {
      status: filter.status,
      serviceId: filter.serviceId,
      sort: filter.sort === 'due' ? 'due' : undefined,
      limit: INBOX_PAGE_SIZE,
    },
    signal,
  });
}

export function useTickets(filter: TicketListFilter) {
  return useQuery({
    queryKey: queryKeys.tickets.list(filter),
    queryFn: ({ signal }) => listTickets(filter, signal),
    refetchInterval: SLA_REFRESH_MS,
  });
}
