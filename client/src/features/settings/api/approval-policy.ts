import type { ApprovalPolicy } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getApprovalPolicy(signal?: AbortSignal): Promise<ApprovalPolicy> {
  return apiRequest<ApprovalPolicy>('/approval/settings', { signal });
}

export function saveApprovalPolicy(policy: ApprovalPolicy): Promise<ApprovalPolicy> {
  return apiRequest<ApprovalPolicy>('/approval/settings', { method: 'PUT', body: policy });
}

export function useApprovalPolicy() {
  return useQuery({
    queryKey: queryKeys.approvals.policy,
    queryFn: ({ signal }) => getApprovalPolicy(signal),
  });
}

export function useSaveApprovalPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveApprovalPolicy,
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.approvals.policy, saved);
      // Open composers ask again under the new rules.
      void queryClient.invalidateQueries({ queryKey: ['approvals', 'check'] });
    },
  });
}
