import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onUnauthorized } from '../../../lib/api-client';
import { endSession } from '../api/session';

/** Any API call answering 401 ends the session, which sends the person back to /login. */
export function useSessionExpiry(): void {
  const queryClient = useQueryClient();
  useEffect(() => onUnauthorized(() => endSession(queryClient)), [queryClient]);
}
