import type { ServiceMemberView } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The people a ticket of this service can be given to (its members; every service for an admin). */
export function useServiceMembers(serviceId: string) {
  return useQuery({
    queryKey: queryKeys.services.members(serviceId),
    queryFn: ({ signal }) =>
      apiRequest<ServiceMemberView[]>(`/services/${encodeURIComponent(serviceId)}/members`, { signal }),
    staleTime: 60_000,
  });
}
