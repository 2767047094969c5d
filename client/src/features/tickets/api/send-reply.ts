import type { CreateReplyRequest, MessageView } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { upsertMessageInDetail } from '../../../lib/realtime/ticket-cache';

export function sendReply(ticketId: string, request: CreateReplyRequest): Promise<MessageView> {
  return apiRequest<MessageView>(`/tickets/${encodeURIComponent(ticketId)}/replies`, {
    method: 'POST',
    body: request,
  });
}

export function useSendReply(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateReplyRequest) => sendReply(ticketId, request),
    // The reply is recorded (queued); the socket will bring its delivery status updates.
    onSuccess: (message) => {
      upsertMessageInDetail(queryClient, message);
      // A validated answer was used: its usage count moved.
      if (message.answer) void queryClient.invalidateQueries({ queryKey: queryKeys.answers.all });
    },
  });
}
