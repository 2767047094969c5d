import type { ApproveReplyRequest, MessageView, PendingApprovalView } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { upsertMessageInDetail } from '../../../lib/realtime/ticket-cache';

export function getApprovalQueue(signal?: AbortSignal): Promise<PendingApprovalView[]> {
  return apiRequest<PendingApprovalView[]>('/approvals', { signal });
}

export function approveReply(messageId: string, request: ApproveReplyRequest): Promise<MessageView> {
  return apiRequest<MessageView>(`/approvals/${encodeURIComponent(messageId)}/approve`, {
    method: 'POST',
    body: request,
  });
}

export function rejectReply(messageId: string, comment: string): Promise<MessageView> {
  return apiRequest<MessageView>(`/approvals/${encodeURIComponent(messageId)}/reject`, {
    method: 'POST',
    body: { comment },
  });
}

/** The replies waiting for my decision; the socket's message events refresh it (see refreshApprovals). */
export function useApprovalQueue() {
  return useQuery({ queryKey: queryKeys.approvals.queue, queryFn: ({ signal }) => getApprovalQueue(signal) });
}

function useDecision<V>(decide: (variables: V) => Promise<MessageView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decide,
    onSuccess: (message) => upsertMessageInDetail(queryClient, message),
    // Decided here or by another head meanwhile (409): either way the queue has changed. Not awaited:
    // the refetch removes the item, and the caller's callbacks must run while it is still mounted.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all });
    },
  });
}

export function useApproveReply() {
  return useDecision((v: { messageId: string; body?: string }) =>
    approveReply(v.messageId, v.body === undefined ? {} : { body: v.body }),
  );
}

export function useRejectReply() {
  return useDecision((v: { messageId: string; comment: string }) => rejectReply(v.messageId, v.comment));
}
