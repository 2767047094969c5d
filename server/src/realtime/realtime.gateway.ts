import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  rooms,
  SOCKET_PATH,
  TYPING_EXPIRES_MS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@guichet/shared';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { canAccessService } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ticketServiceId } from '../auth/guards/service-scope.guard';
import { sessionTokenFromCookieHeader } from '../auth/session-cookie';
import { SessionEvents } from '../auth/session-events';

import { presenceOf, presenceRoom, type SocketData } from './presence';

/** Server-side only: the sockets of one login session. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

type GuichetServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GuichetSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The socket.io endpoint. The handshake is authenticated by the session cookie; each socket joins
 * `user:{id}` and the rooms of the services it may see, and `ticket:{id}` on request once scope is checked.
 */
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  /** Per local socket and ticket: when to announce that its typing stopped (the state is in socket.data). */
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();

  @WebSocketServer()
  server: GuichetServer;

  private readonly logger = new Logger(RealtimeGateway.name);

  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly db: DataSource,
    sessionEvents: SessionEvents,
  ) {
    // A logged-out session keeps no live socket.
    sessionEvents.on('session.revoked', (sessionId) =>
      this.server?.in(sessionRoom(sessionId)).disconnectSockets(true),
    );
  }

  afterInit(server: GuichetServer): void {
    server.use((socket, next) => {
      const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
      this.auth.userFromToken(token).then(
        (user) => {
          if (!user) return next(new Error('unauthorized'));
          socket.data.user = user;
          socket.data.viewing = [];
          socket.data.typingUntil = {};
          next();
        },
        (err: unknown) => next(err instanceof Error ? err : new Error('unauthorized')),
      );
    });
  }

  async handleConnection(socket: GuichetSocket): Promise<void> {
    const user = socket.data.user;
    const serviceIds =
      user.role === 'admin'
        ? (await this.db.query<Array<{ id: string }>>('SELECT id FROM services')).map((r) => r.id)
        : user.role === 'elected'
          ? [] // Elected officials see aggregates, never tickets.
          : user.serviceIds;
    const joined = [rooms.user(user.id), ...serviceIds.map(rooms.service)];
    if (user.sessionId) joined.push(sessionRoom(user.sessionId));
    await socket.join(joined);
  }

  handleDisconnect(socket: GuichetSocket): void {
    // The socket has already left its rooms: the others see it gone.
    for (const ticketId of socket.data.viewing ?? []) {
      this.clearTypingTimer(socket, ticketId);
      void this.broadcastPresence(ticketId);
    }
  }

  @SubscribeMessage('ticket.watch')
  async watchTicket(
    @ConnectedSocket() socket: GuichetSocket,
    @MessageBody() ticketId: unknown,
  ): Promise<boolean> {
    const user = socket.data.user;
    if (typeof ticketId !== 'string' || user.role === 'elected') return false;
    const serviceId = await ticketServiceId(this.db, ticketId);
    if (serviceId === null || !canAccessService(user, serviceId)) return false;
    await socket.join(rooms.ticket(ticketId));
    return true;
  }

  @SubscribeMessage('presence.join')
  async joinPresence(
    @ConnectedSocket() socket: GuichetSocket,
    @MessageBody() ticketId: unknown,
  ): Promise<boolean> {
    if (!(await this.watchTicket(socket, ticketId)) || typeof ticketId !== 'string') return false;
    await socket.join(presenceRoom(ticketId));
    if (!socket.data.viewing.includes(ticketId)) socket.data.viewing.push(ticketId);
    await this.broadcastPresence(ticketId);
    return true;
  }

  @SubscribeMessage('presence.leave')
  async leavePresence(
    @ConnectedSocket() socket: GuichetSocket,
    @MessageBody() ticketId: unknown,
  ): Promise<void> {
    if (typeof ticketId !== 'string' || !socket.data.viewing.includes(ticketId)) return;
    socket.data.viewing = socket.data.viewing.filter((id) => id !== ticketId);
    delete socket.data.typingUntil[ticketId];
    this.clearTypingTimer(socket, ticketId);
    await socket.leave(presenceRoom(ticketId));
    await socket.leave(rooms.ticket(ticketId));
    await this.broadcastPresence(ticketId);
  }

  @SubscribeMessage('presence.typing')
  async typing(@ConnectedSocket() socket: GuichetSocket, @MessageBody() ticketId: unknown): Promise<void> {
    if (typeof ticketId !== 'string' || !socket.data.viewing.includes(ticketId)) return;
    const now = Date.now();
    const wasTyping = (socket.data.typingUntil[ticketId] ?? 0) > now;
    socket.data.typingUntil[ticketId] = now + TYPING_EXPIRES_MS;
    this.clearTypingTimer(socket, ticketId);
    this.typingTimers.set(
      `${socket.id}:${ticketId}`,
      setTimeout(() => {
        this.typingTimers.delete(`${socket.id}:${ticketId}`);
        delete socket.data.typingUntil[ticketId];
        void this.broadcastPresence(ticketId);
      }, TYPING_EXPIRES_MS),
    );
    // Renewals change nothing the others see: only the start is broadcast (the end by the timer).
    if (!wasTyping) await this.broadcastPresence(ticketId);
  }

  private clearTypingTimer(socket: GuichetSocket, ticketId: string): void {
    const key = `${socket.id}:${ticketId}`;
    clearTimeout(this.typingTimers.get(key));
    this.typingTimers.delete(key);
  }

  /** Reads who is in the ticket's presence room on every instance (through the adapter), and tells them. */
  private async broadcastPresence(ticketId: string): Promise<void> {
    if (!this.server) return;
    try {
      const sockets = await this.server.in(presenceRoom(ticketId)).fetchSockets();
      this.server
        .to(rooms.ticket(ticketId))
        .emit('presence.changed', presenceOf(ticketId, sockets, Date.now()));
    } catch (err) {
      // An instance that does not answer in time: the next change will tell again.
      this.logger.warn(`Presence of ticket ${ticketId} not broadcast: ${String(err)}`);
    }
  }

  @SubscribeMessage('ticket.unwatch')
  async unwatchTicket(
    @ConnectedSocket() socket: GuichetSocket,
    @MessageBody() ticketId: unknown,
  ): Promise<void> {
    if (typeof ticketId === 'string') await socket.leave(rooms.ticket(ticketId));
  }

  emitToUser<E extends keyof ServerToClientEvents>(
    userId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    if (!this.server) return;
    this.server.to(rooms.user(userId)).emit(event, ...args);
  }

  /** Sends to the agents of a service and to everyone watching the ticket, once each. */
  emitTicketEvent<E extends keyof ServerToClientEvents>(
    serviceId: string,
    ticketId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    // Before the app is listening (demo seeding) nobody can be connected: nothing to send.
    if (!this.server) return;
    this.server.to([rooms.service(serviceId), rooms.ticket(ticketId)]).emit(event, ...args);
  }
}
