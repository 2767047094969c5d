import type { SlaPolicyRequest, SlaPolicyView } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function listSlaPolicies(signal?: AbortSignal): Promise<SlaPolicyView[]> {
  return apiRequest<SlaPolicyView[]>('/sla-policies', { signal });
}

export function createSlaPolicy(policy: SlaPolicyRequest): Promise<SlaPolicyView> {
  return apiRequest<SlaPolicyView>('/sla-policies', { method: 'POST', body: policy });
}

export function updateSlaPolicy(id: string, policy: SlaPolicyRequest): Promise<SlaPolicyView> {
  return apiRequest<SlaPolicyView>(`/sla-policies/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: policy,
  });
}

export function deleteSlaPolicy(id: string): Promise<void> {
  return apiRequest<void>(`/sla-policies/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function reorderSlaPolicies(ids: string[]): Promise<SlaPolicyView[]> {
  return apiRequest<SlaPolicyView[]>('/sla-policies/order', { method: 'PUT', body: { ids } });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: queryKeys.sla.policies,
    queryFn: ({ signal }) => listSlaPolicies(signal),
  });
}

function byPosition(a: SlaPolicyView, b: SlaPolicyView): number {
  return a.position - b.position;
}

export function useSaveSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, policy }: { id: string | null; policy: SlaPolicyRequest }) =>
      id ? updateSlaPolicy(id, policy) : createSlaPolicy(policy),
    onSuccess: (saved) => {
      queryClient.setQueryData<SlaPolicyView[]>(queryKeys.sla.policies, (list) =>
        list ? [...list.filter((item) => item.id !== saved.id), saved].sort(byPosition) : list,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.sla.policies });
    },
  });
}

export function useDeleteSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSlaPolicy,
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData<SlaPolicyView[]>(queryKeys.sla.policies, (list) =>
        list?.filter((item) => item.id !== id),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.sla.policies });
    },
  });
}

/** Moves at once in the table; back to the server's order if it refuses. */
export function useReorderSlaPolicies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reorderSlaPolicies,
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.sla.policies });
      const previous = queryClient.getQueryData<SlaPolicyView[]>(queryKeys.sla.policies);
      if (previous) {
        const byId = new Map(previous.map((item) => [item.id, item]));
        const reordered = ids.flatMap((id, position) => {
          const item = byId.get(id);
          return item ? [{ ...item, position }] : [];
        });
        queryClient.setQueryData(queryKeys.sla.policies, reordered);
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.sla.policies, context.previous);
    },
    onSuccess: (ordered) => queryClient.setQueryData(queryKeys.sla.policies, [...ordered].sort(byPosition)),
  });
}
