import type { NotificationView } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export function listNotifications(signal?: AbortSignal): Promise<NotificationView[]> {
  return apiRequest<NotificationView[]>('/notifications', { signal });
}

/** The caller's notifications, newest first; new ones arrive by socket (realtime table). */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications.list,
    queryFn: ({ signal }) => listNotifications(signal),
    enabled,
  });
}
