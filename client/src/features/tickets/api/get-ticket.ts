import type { TicketDetail } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return apiRequest<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, { signal });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: queryKeys.tickets.detail(id),
    queryFn: ({ signal }) => getTicket(id, signal),
  });
}
