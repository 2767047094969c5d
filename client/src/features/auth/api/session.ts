import type { Me } from '@guichet/shared';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';

/** Starts a session: nothing cached for a previous user may leak into this one. */
export function beginSession(queryClient: QueryClient, me: Me): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
  queryClient.setQueryData(queryKeys.me, me);
}

/** Ends the session: the route guard sends the person to /login and the socket disconnects. */
export function endSession(queryClient: QueryClient): void {
  queryClient.setQueryData(queryKeys.me, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}
