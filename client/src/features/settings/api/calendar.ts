import type { BusinessCalendarDto } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const calendarPath = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}/calendar`;

export function getCalendar(serviceId: string, signal?: AbortSignal): Promise<BusinessCalendarDto> {
  return apiRequest<BusinessCalendarDto>(calendarPath(serviceId), { signal });
}

export function saveCalendar(serviceId: string, calendar: BusinessCalendarDto): Promise<BusinessCalendarDto> {
  return apiRequest<BusinessCalendarDto>(calendarPath(serviceId), { method: 'PUT', body: calendar });
}

export function useCalendar(serviceId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.services.calendar(serviceId),
    queryFn: ({ signal }) => getCalendar(serviceId, signal),
    enabled,
    // The form copies the calendar once: a background refetch would not reach it anyway.
    refetchOnWindowFocus: false,
  });
}

/** On 400 the previous calendar stays in force server-side; the caller keeps the form as typed. */
export function useSaveCalendar(serviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (calendar: BusinessCalendarDto) => saveCalendar(serviceId, calendar),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.services.calendar(serviceId), saved);
      // Open tickets of the service get new deadlines.
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.all });
    },
  });
}
