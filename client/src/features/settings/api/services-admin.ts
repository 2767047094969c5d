import type {
  ServiceMemberView,
  ServiceMembersRequest,
  ServiceRequest,
  ServiceView,
  UserView,
} from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const servicePath = (id: string) => `/services/${encodeURIComponent(id)}`;

export function saveService(id: string | null, service: ServiceRequest): Promise<ServiceView> {
  return id
    ? apiRequest<ServiceView>(servicePath(id), { method: 'PUT', body: service })
    : apiRequest<ServiceView>('/services', { method: 'POST', body: service });
}

export function useSaveService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, service }: { id: string | null; service: ServiceRequest }) => saveService(id, service),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.services.list }),
  });
}

export function useServiceMembers(serviceId: string | null) {
  return useQuery({
    queryKey: queryKeys.services.members(serviceId ?? ''),
    queryFn: ({ signal }) =>
      apiRequest<ServiceMemberView[]>(`${servicePath(serviceId ?? '')}/members`, { signal }),
    enabled: serviceId !== null,
  });
}

export function useSaveServiceMembers(serviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ServiceMembersRequest) =>
      apiRequest<ServiceMemberView[]>(`${servicePath(serviceId)}/members`, { method: 'PUT', body: request }),
    onSuccess: (members) => queryClient.setQueryData(queryKeys.services.members(serviceId), members),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users.list,
    queryFn: ({ signal }) => apiRequest<UserView[]>('/users', { signal }),
  });
}
