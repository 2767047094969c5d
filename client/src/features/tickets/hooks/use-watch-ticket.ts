import { useEffect } from 'react';
import { useSocket } from '../../../lib/realtime/realtime-context';

/**
 * Joins the ticket's room and its presence while its page is open, and again after each reconnection
 * (rooms do not survive it).
 */
export function useWatchTicket(ticketId: string): void {
  const socket = useSocket();
  useEffect(() => {
    if (!socket) return;
    const watch = () => {
      socket.emit('presence.join', ticketId);
    };
    if (socket.connected) watch();
    socket.on('connect', watch);
    return () => {
      socket.off('connect', watch);
      if (socket.connected) socket.emit('presence.leave', ticketId);
    };
  }, [socket, ticketId]);
}
