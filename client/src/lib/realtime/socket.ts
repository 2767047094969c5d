import type { ClientToServerEvents, ServerToClientEvents } from '@guichet/shared';
import { SOCKET_PATH } from '@guichet/shared';
import { io, type Socket } from 'socket.io-client';

export type GuichetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket on the same origin, authenticated by the session cookie; the caller connects it. */
export function createSocket(): GuichetSocket {
  return io({
    path: SOCKET_PATH,
    withCredentials: true,
    autoConnect: false,
    // A new login must not reuse the manager (and handshake) of the previous session.
    forceNew: true,
  });
}
