import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { markNotificationReadInCache } from '../../../lib/realtime/notification-cache';

export function markNotificationRead(id: string): Promise<void> {
  return apiRequest<void>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    // Opening a notification reads it: the count drops at once, the server confirms later.
    onMutate: (id) => markNotificationReadInCache(queryClient, id, new Date().toISOString()),
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.list }),
  });
}
