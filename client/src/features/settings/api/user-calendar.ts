import type { BusinessCalendarDto } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** A person's own hours; null when they follow their services' hours. */
export interface UserCalendarResponse {
  calendar: BusinessCalendarDto | null;
}

const userCalendarPath = (userId: string) => `/users/${encodeURIComponent(userId)}/calendar`;

export function getUserCalendar(userId: string, signal?: AbortSignal): Promise<UserCalendarResponse> {
  return apiRequest<UserCalendarResponse>(userCalendarPath(userId), { signal });
}

export async function saveUserCalendar(
  userId: string,
  calendar: BusinessCalendarDto,
): Promise<BusinessCalendarDto> {
  const saved = await apiRequest<UserCalendarResponse>(userCalendarPath(userId), {
    method: 'PUT',
    body: calendar,
  });
  // A successful PUT always answers the stored calendar.
  return saved.calendar ?? calendar;
}

export function clearUserCalendar(userId: string): Promise<UserCalendarResponse> {
  return apiRequest<UserCalendarResponse>(userCalendarPath(userId), { method: 'DELETE' });
}

export function useUserCalendar(userId: string) {
  return useQuery({
    queryKey: queryKeys.users.calendar(userId),
    queryFn: ({ signal }) => getUserCalendar(userId, signal),
    // The form copies the calendar once: a background refetch would not reach it anyway.
    refetchOnWindowFocus: false,
  });
}

function useAfterShiftChange(userId: string) {
  const queryClient = useQueryClient();
  return (calendar: BusinessCalendarDto | null) => {
    queryClient.setQueryData<UserCalendarResponse>(queryKeys.users.calendar(userId), { calendar });
    // "Own hours" and "on shift" in the users list and the services' members change with it.
    void queryClient.invalidateQueries({ queryKey: queryKeys.users.list });
    void queryClient.invalidateQueries({ queryKey: queryKeys.services.all });
  };
}

/** On 400 nothing is stored; the caller keeps the form as typed. */
export function useSaveUserCalendar(userId: string) {
  const changed = useAfterShiftChange(userId);
  return useMutation({
    mutationFn: (calendar: BusinessCalendarDto) => saveUserCalendar(userId, calendar),
    onSuccess: (saved) => changed(saved),
  });
}

/** Back to the services' hours. */
export function useClearUserCalendar(userId: string) {
  const changed = useAfterShiftChange(userId);
  return useMutation({
    mutationFn: () => clearUserCalendar(userId),
    onSuccess: () => changed(null),
  });
}
