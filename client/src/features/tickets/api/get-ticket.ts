import type { TicketDetail } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { SLA_REFRESH_MS } from './list-tickets';

export function getTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return apiRequest<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, { signal });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: queryKeys.tickets.detail(id),
    queryFn: ({ signal }) => getTicket(id, signal),
    // The clocks' remaining time is as of the answer; see SLA_REFRESH_MS.
    refetchInterval: SLA_REFRESH_MS,
  });
}
