import type { Me } from '@guichet/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest, isApiRequestError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** The logged-in user, or null when there is no valid session. */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/me', { signal, expectUnauthorized: true });
  } catch (error) {
    if (isApiRequestError(error, 401)) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: Infinity,
  });
}

/** The logged-in user, for components rendered behind the auth guard. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() is only usable behind the auth guard');
  return data;
}
