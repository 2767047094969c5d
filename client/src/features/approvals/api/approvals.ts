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

/** Which held reply, on which ticket (its thread is fetched again when the decision fails). */
interface DecisionTarget {
  messageId: string;
  ticketId: string;
}

function useDecision<V extends DecisionTarget>(decide: (variables: V) => Promise<MessageView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decide,
    onSuccess: (message) => upsertMessageInDetail(queryClient, message),
    // E.g. another head decided meanwhile (409): the thread shows what became of the reply.
    onError: (_error, variables) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.detail(variables.ticketId) });
    },
    // Decided here or by another head meanwhile (409): either way the queue has changed. Not awaited:
    // the refetch removes the item, and the caller's callbacks must run while it is still mounted.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all });
    },
  });
}

export function useApproveReply() {
  return useDecision((v: DecisionTarget & { body?: string }) =>
    approveReply(v.messageId, v.body === undefined ? {} : { body: v.body }),
  );
}

export function useRejectReply() {
  return useDecision((v: DecisionTarget & { comment: string }) => rejectReply(v.messageId, v.comment));
}
