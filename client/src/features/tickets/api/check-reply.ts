import type { ApprovalCheck, CreateReplyRequest } from '@guichet/shared';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function checkReply(
  ticketId: string,
  request: CreateReplyRequest,
  signal?: AbortSignal,
): Promise<ApprovalCheck> {
  return apiRequest<ApprovalCheck>(`/tickets/${encodeURIComponent(ticketId)}/replies/check`, {
    method: 'POST',
    body: request,
    signal,
  });
}

/**
 * Whether the reply being typed will wait for a service head's approval, and why: asked once the
 * agent pauses typing, so the warning is there before they press « Envoyer ».
 */
export function useReplyCheck(ticketId: string, request: CreateReplyRequest, enabled: boolean) {
  const [debounced] = useDebouncedValue({ ...request, body: request.body.trim() }, 400);
  return useQuery({
    queryKey: queryKeys.approvals.check(ticketId, debounced),
    queryFn: ({ signal }) => checkReply(ticketId, debounced, signal),
    enabled: enabled && debounced.body !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}
