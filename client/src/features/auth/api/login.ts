import type { LoginRequest, Me } from '@guichet/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { beginSession } from './session';

export type LoginCredentials = LoginRequest;

export function login(credentials: LoginCredentials): Promise<Me> {
  // A 401 here means wrong credentials, not an expired session.
  return apiRequest<Me>('/auth/login', { method: 'POST', body: credentials, expectUnauthorized: true });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => beginSession(queryClient, me),
  });
}
