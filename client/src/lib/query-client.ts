import { QueryClient } from '@tanstack/react-query';
import { isApiRequestError } from './api-client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will answer the same on retry; only network and 5xx errors are worth retrying.
        retry: (failureCount, error) => !(isApiRequestError(error) && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
