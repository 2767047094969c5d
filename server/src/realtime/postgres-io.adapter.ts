import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { createPgClusterAdapter } from './pg-cluster-adapter';

/**
 * socket.io over PostgreSQL LISTEN/NOTIFY: an event emitted by one app instance reaches the sockets
 * of every instance sharing the database, with no Redis to run (see pg-cluster-adapter.ts).
 */
export class PostgresIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly pool: Pool,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    server.adapter(createPgClusterAdapter(this.pool));
    return server;
  }
}
