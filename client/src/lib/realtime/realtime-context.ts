import { createContext, useContext } from 'react';
import type { GuichetSocket } from './socket';

export type RealtimeStatus = 'off' | 'connecting' | 'connected' | 'reconnecting';

export interface RealtimeContextValue {
  socket: GuichetSocket | null;
  status: RealtimeStatus;
  /** When the lists shown were last fetched again after a reconnection (ms since epoch). */
  resyncedAt: number | null;
}

export const RealtimeContext = createContext<RealtimeContextValue>({
  socket: null,
  status: 'off',
  resyncedAt: null,
});

/** The live socket, or null while logged out. */
export function useSocket(): GuichetSocket | null {
  return useContext(RealtimeContext).socket;
}

export function useRealtimeStatus(): RealtimeStatus {
  return useContext(RealtimeContext).status;
}

export function useResyncedAt(): number | null {
  return useContext(RealtimeContext).resyncedAt;
}
