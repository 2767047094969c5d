import type { CreateNoteRequest, MessageView } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { upsertMessageInDetail } from '../../../lib/realtime/ticket-cache';

export function addNote(ticketId: string, request: CreateNoteRequest): Promise<MessageView> {
  return apiRequest<MessageView>(`/tickets/${encodeURIComponent(ticketId)}/notes`, {
    method: 'POST',
    body: request,
  });
}

/** An internal note: stored and shown to agents, never sent to the citizen. */
export function useAddNote(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addNote(ticketId, { body }),
    onSuccess: (message) => upsertMessageInDetail(queryClient, message),
  });
}
