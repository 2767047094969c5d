import type { NotificationView } from '@guichet/shared';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';

/** Adds a pushed notification on top of the cached list (newest first), once even if it arrives twice. */
export function prependNotification(queryClient: QueryClient, notification: NotificationView): void {
  queryClient.setQueryData<NotificationView[]>(queryKeys.notifications.list, (list) => {
    if (!list) return list;
    if (list.some((item) => item.id === notification.id)) return list;
    return [notification, ...list];
  });
}

/** Marks one notification read in the cache (before or after the server confirms it). */
export function markNotificationReadInCache(queryClient: QueryClient, id: string, readAt: string): void {
  queryClient.setQueryData<NotificationView[]>(queryKeys.notifications.list, (list) =>
    list?.map((item) => (item.id === id && !item.readAt ? { ...item, readAt } : item)),
  );
}
