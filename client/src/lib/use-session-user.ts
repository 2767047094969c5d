import type { Me } from '@guichet/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

/**
 * The logged-in user as the auth guard already fetched it, for features behind the guard (they do
 * not import the auth feature).
 */
export function useSessionUser(): Me {
  const { data } = useQuery<Me | null>({ queryKey: queryKeys.me, queryFn: skipToken });
  if (!data) throw new Error('useSessionUser() is only usable behind the auth guard');
  return data;
}
