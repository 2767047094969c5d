import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import { rooms, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@guichet/shared';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { canAccessService, type AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ticketServiceId } from '../auth/guards/service-scope.guard';
import { sessionTokenFromCookieHeader } from '../auth/session-cookie';
import { SessionEvents } from '../auth/session-events';

/** Server-side only: the sockets of one login session. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

type GuichetServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: AuthUser }
>;
type GuichetSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: AuthUser }
>;

/**
 * The socket.io endpoint. The handshake is authenticated by the session cookie; each socket joins
 * `user:{id}` and the rooms of the services it may see, and `ticket:{id}` on request once scope is checked.
 */
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  @WebSocketServer()
  server: GuichetServer;

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
