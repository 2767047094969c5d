import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@guichet/shared';
import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An agent's socket on `t`, connected with a session cookie (see login()); never reconnects on its own. */
export function connectSocket(t: TestApp, cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(t.url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
