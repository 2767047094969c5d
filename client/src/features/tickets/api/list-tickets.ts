import type { Page, TicketSummary } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys, type TicketListFilter } from '../../../lib/query-keys';

/** The inbox shows the most recent activity; older tickets stay reachable through filters. */
export const INBOX_PAGE_SIZE = 50;

export function listTickets(filter: TicketListFilter, signal?: AbortSignal): Promise<Page<TicketSummary>> {
  return apiRequest<Page<TicketSummary>>('/tickets', {
    query: { status: filter.status, serviceId: filter.serviceId, limit: INBOX_PAGE_SIZE, offset: 0 },
    signal,
  });
}

export function useTickets(filter: TicketListFilter) {
  return useQuery({
    queryKey: queryKeys.tickets.list(filter),
    queryFn: ({ signal }) => listTickets(filter, signal),
  });
}
