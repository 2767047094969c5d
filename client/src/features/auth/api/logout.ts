import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isApiRequestError } from '../../../lib/api-client';
import { endSession } from './session';

export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/auth/logout', { method: 'POST', expectUnauthorized: true });
  } catch (error) {
    // Already logged out on the server side: that is what we wanted.
    if (!isApiRequestError(error, 401)) throw error;
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => endSession(queryClient),
  });
}
