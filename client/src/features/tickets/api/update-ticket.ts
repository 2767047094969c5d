import type { TicketDetail, UpdateTicketRequest } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { storeTicketDetail } from '../../../lib/realtime/ticket-cache';

export function updateTicket(ticketId: string, changes: UpdateTicketRequest): Promise<TicketDetail> {
  return apiRequest<TicketDetail>(`/tickets/${encodeURIComponent(ticketId)}`, {
    method: 'PATCH',
    body: changes,
  });
}

/** Status, priority or service: the answer carries the clocks recomputed by the server. */
export function useUpdateTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateTicketRequest) => updateTicket(ticketId, changes),
    onSuccess: (detail) => {
      storeTicketDetail(queryClient, detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
    },
  });
}
