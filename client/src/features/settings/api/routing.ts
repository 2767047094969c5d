import type {
  ClassifierStatus,
  RoutingRuleRequest,
  RoutingRuleTestRequest,
  RoutingRuleTestResult,
  RoutingRuleView,
  RoutingSettings,
} from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const rulePath = (id: string) => `/routing/rules/${encodeURIComponent(id)}`;

export function listRoutingRules(signal?: AbortSignal): Promise<RoutingRuleView[]> {
  return apiRequest<RoutingRuleView[]>('/routing/rules', { signal });
}

export function saveRoutingRule(id: string | null, rule: RoutingRuleRequest): Promise<RoutingRuleView> {
  return id
    ? apiRequest<RoutingRuleView>(rulePath(id), { method: 'PUT', body: rule })
    : apiRequest<RoutingRuleView>('/routing/rules', { method: 'POST', body: rule });
}

export function deleteRoutingRule(id: string): Promise<void> {
  return apiRequest<void>(rulePath(id), { method: 'DELETE' });
}

export function reorderRoutingRules(ruleIds: string[]): Promise<RoutingRuleView[]> {
  return apiRequest<RoutingRuleView[]>('/routing/rules/order', { method: 'PUT', body: { ruleIds } });
}

export function testRoutingRule(request: RoutingRuleTestRequest): Promise<RoutingRuleTestResult> {
  return apiRequest<RoutingRuleTestResult>('/routing/rules/test', { method: 'POST', body: request });
}

export function useRoutingRules() {
  return useQuery({ queryKey: queryKeys.routing.rules, queryFn: ({ signal }) => listRoutingRules(signal) });
}

const byPosition = (a: RoutingRuleView, b: RoutingRuleView) => a.position - b.position;

export function useSaveRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rule }: { id: string | null; rule: RoutingRuleRequest }) => saveRoutingRule(id, rule),
    onSuccess: (saved) => {
      queryClient.setQueryData<RoutingRuleView[]>(queryKeys.routing.rules, (list) =>
        list ? [...list.filter((item) => item.id !== saved.id), saved].sort(byPosition) : list,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.routing.rules });
    },
  });
}

export function useDeleteRoutingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRoutingRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.routing.rules }),
  });
}

/** Moves at once in the list; back to the server's order if it refuses. */
export function useReorderRoutingRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reorderRoutingRules,
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.routing.rules });
      const previous = queryClient.getQueryData<RoutingRuleView[]>(queryKeys.routing.rules);
      if (previous) {
        const byId = new Map(previous.map((item) => [item.id, item]));
        queryClient.setQueryData(
          queryKeys.routing.rules,
          ids.flatMap((id, index) => {
            const item = byId.get(id);
            return item ? [{ ...item, position: index + 1 }] : [];
          }),
        );
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.routing.rules, context.previous);
    },
    onSuccess: (ordered) => queryClient.setQueryData(queryKeys.routing.rules, [...ordered].sort(byPosition)),
  });
}

export function useTestRoutingRule() {
  return useMutation({ mutationFn: testRoutingRule });
}

export function useRoutingSettings() {
  return useQuery({
    queryKey: queryKeys.routing.settings,
    queryFn: ({ signal }) => apiRequest<RoutingSettings>('/routing/settings', { signal }),
  });
}

export function useSaveRoutingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: RoutingSettings) =>
      apiRequest<RoutingSettings>('/routing/settings', { method: 'PUT', body: settings }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.routing.settings, saved),
  });
}

export function useClassifierStatus() {
  return useQuery({
    queryKey: queryKeys.routing.classifier,
    queryFn: ({ signal }) => apiRequest<ClassifierStatus>('/routing/classifier', { signal }),
  });
}

export function useTrainClassifier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<ClassifierStatus>('/routing/classifier/train', { method: 'POST' }),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.routing.classifier, status),
  });
}
