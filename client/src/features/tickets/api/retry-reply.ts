import type { MessageView } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isApiRequestError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { upsertMessageInDetail } from '../../../lib/realtime/ticket-cache';

/** Sends a failed reply again; answers with the reply after that new try (sent, failed or queued again). */
export function retryReply(ticketId: string, messageId: string): Promise<MessageView> {
  return apiRequest<MessageView>(
    `/tickets/${encodeURIComponent(ticketId)}/messages/${encodeURIComponent(messageId)}/retry`,
    { method: 'POST' },
  );
}

export function useRetryReply(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => retryReply(ticketId, messageId),
    onSuccess: (message) => upsertMessageInDetail(queryClient, message),
    onError: (error) => {
      // 409: someone else retried it, or it was sent meanwhile; show the thread as it is now.
      if (isApiRequestError(error, 409)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.detail(ticketId) });
      }
    },
  });
}
