import type { MessageView } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { upsertMessageInDetail } from '../../../lib/realtime/ticket-cache';

export function sendReply(ticketId: string, body: string): Promise<MessageView> {
  return apiRequest<MessageView>(`/tickets/${encodeURIComponent(ticketId)}/replies`, {
    method: 'POST',
    body: { body },
  });
}

export function useSendReply(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => sendReply(ticketId, body),
    // The reply is recorded (queued); the socket will bring its delivery status updates.
    onSuccess: (message) => upsertMessageInDetail(queryClient, message),
  });
}
