import type { ServiceView } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { queryKeys } from './query-keys';

// Reference data shared by the ticket page (moving a ticket) and the settings (calendars).
export function listServices(signal?: AbortSignal): Promise<ServiceView[]> {
  return apiRequest<ServiceView[]>('/services', { signal });
}

/** The caller's services (all of them for an admin). */
export function useServices() {
  return useQuery({
    queryKey: queryKeys.services.list,
    queryFn: ({ signal }) => listServices(signal),
    staleTime: 5 * 60_000,
  });
}
