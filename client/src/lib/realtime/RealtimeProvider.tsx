import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import { queryKeys } from '../query-keys';
import { RealtimeContext, type RealtimeStatus } from './realtime-context';
import { bindRealtimeTable } from './realtime-table';
import { createSocket } from './socket';

const RETRY_AFTER_REFUSAL_MS = 5_000;

interface RealtimeProviderProps {
  /** The logged-in user: a socket lives exactly as long as one session; null disconnects. */
  userId: string | null;
  children: ReactNode;
}

export function RealtimeProvider({ userId, children }: RealtimeProviderProps) {
  const queryClient = useQueryClient();
  const socket = useMemo(() => (userId ? createSocket() : null), [userId]);
  const [status, setStatus] = useState<RealtimeStatus>('off');
  const [resyncedAt, setResyncedAt] = useState<number | null>(null);

  useEffect(() => {
    if (!socket) return;
    let connectedBefore = false;
    let retryTimer: number | undefined;
    const unbind = bindRealtimeTable(socket, queryClient);

    const onConnect = () => {
      // Events emitted while we were away are lost: resync the inbox, open tickets and notifications.
      // Rooms do not survive a reconnection either: the open ticket page joins again (useWatchTicket).
      if (connectedBefore) {
        void Promise.allSettled([
          queryClient.invalidateQueries({ queryKey: queryKeys.tickets.all }),
          queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }),
          queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all }),
        ]).then(() => setResyncedAt(Date.now()));
      }
      connectedBefore = true;
      setStatus('connected');
    };
    const onLost = () => {
      setStatus(connectedBefore ? 'reconnecting' : 'connecting');
      // The server refused or closed the socket (socket.io will not retry): maybe the session ended.
      if (!socket.active) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
      }
    };
    const onDisconnect = (reason: Socket.DisconnectReason) => {
      if (reason !== 'io client disconnect') onLost();
    };

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onLost);
    setStatus('connecting');
    socket.connect();
    return () => {
      window.clearTimeout(retryTimer);
      unbind();
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onLost);
      socket.disconnect();
      setStatus('off');
    };
  }, [socket, queryClient]);

  const value = useMemo(
    () => ({ socket, status: socket ? status : 'off', resyncedAt }) as const,
    [socket, status, resyncedAt],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
