import { TYPING_EXPIRES_MS, type Presence, type PresenceViewer } from '@guichet/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useSocket } from '../../../lib/realtime/realtime-context';
import { useSessionUser } from '../../../lib/use-session-user';

/** The other agents who have this ticket open, as the server last pushed them (see realtime-table). */
export function useOtherViewers(ticketId: string): PresenceViewer[] {
  const me = useSessionUser();
  const presence = useQuery<Presence>({ queryKey: queryKeys.presence(ticketId), queryFn: skipToken });
  return (presence.data?.viewers ?? []).filter((viewer) => viewer.userId !== me.id);
}

/** Tells the others I am writing a reply; call on each keystroke, sent at most twice per expiry window. */
export function useTypingSignal(ticketId: string): () => void {
  const socket = useSocket();
  const lastSent = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (!socket?.connected || now - lastSent.current < TYPING_EXPIRES_MS / 2) return;
    lastSent.current = now;
    socket.emit('presence.typing', ticketId);
  }, [socket, ticketId]);
}
