import type { SlaSettings } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function getSlaSettings(signal?: AbortSignal): Promise<SlaSettings> {
  return apiRequest<SlaSettings>('/sla-settings', { signal });
}

export function saveSlaSettings(settings: SlaSettings): Promise<SlaSettings | undefined> {
  return apiRequest<SlaSettings | undefined>('/sla-settings', { method: 'PUT', body: settings });
}

export function useSlaSettings() {
  return useQuery({
    queryKey: queryKeys.sla.settings,
    queryFn: ({ signal }) => getSlaSettings(signal),
  });
}

export function useSaveSlaSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSlaSettings,
    // The answer is the stored settings; an empty 2xx means what was sent is stored.
    onSuccess: (saved, sent) => queryClient.setQueryData(queryKeys.sla.settings, saved ?? sent),
  });
}
