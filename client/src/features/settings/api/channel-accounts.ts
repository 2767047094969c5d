import type { ChannelAccountView, Platform } from '@guichet/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** Body of `POST /api/channel-accounts` (the server's CreateChannelAccountDto, without class-validator). */
export interface CreateChannelAccountRequest {
  platform: Platform;
  externalId: string;
  name: string;
  baseUrl?: string;
  credentials: Record<string, string>;
}

/** Body of `PATCH /api/channel-accounts/:id` (UpdateChannelAccountDto): any subset. */
export interface UpdateChannelAccountRequest {
  status?: ChannelAccountView['status'];
  name?: string;
  baseUrl?: string;
  credentials?: Record<string, string>;
}

// Health (last webhook, polls, last error) moves on its own while the page is open.
const HEALTH_REFRESH_MS = 30_000;

export function listChannelAccounts(signal?: AbortSignal): Promise<ChannelAccountView[]> {
  return apiRequest<ChannelAccountView[]>('/channel-accounts', { signal });
}

export function createChannelAccount(request: CreateChannelAccountRequest): Promise<ChannelAccountView> {
  return apiRequest<ChannelAccountView>('/channel-accounts', { method: 'POST', body: request });
}

export function updateChannelAccount(
  id: string,
  request: UpdateChannelAccountRequest,
): Promise<ChannelAccountView> {
  return apiRequest<ChannelAccountView>(`/channel-accounts/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: request,
  });
}

export function useChannelAccounts() {
  return useQuery({
    queryKey: queryKeys.channelAccounts.list,
    queryFn: ({ signal }) => listChannelAccounts(signal),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

function byPlatformThenName(a: ChannelAccountView, b: ChannelAccountView): number {
  return a.platform.localeCompare(b.platform) || a.name.localeCompare(b.name);
}

function storeAccount(queryClient: ReturnType<typeof useQueryClient>, account: ChannelAccountView): void {
  queryClient.setQueryData<ChannelAccountView[]>(queryKeys.channelAccounts.list, (list) =>
    list ? [...list.filter((item) => item.id !== account.id), account].sort(byPlatformThenName) : list,
  );
}

export function useCreateChannelAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createChannelAccount,
    onSuccess: (account) => {
      storeAccount(queryClient, account);
      void queryClient.invalidateQueries({ queryKey: queryKeys.channelAccounts.list });
    },
  });
}

export function useUpdateChannelAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: UpdateChannelAccountRequest }) =>
      updateChannelAccount(id, request),
    onSuccess: (account) => storeAccount(queryClient, account),
  });
}
