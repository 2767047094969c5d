import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { deriveSecrets, resolveSecretKey } from './config/secrets';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseTarget } from './database/data-source-options';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './database/embedded-postgres';
import { migrate } from './database/migrate';
import { PostgresIoAdapter } from './realtime/postgres-io.adapter';
import { Pool } from 'pg';

export interface GuichetApp {
  app: INestApplication;
  database: DatabaseTarget;
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Keep the embedded database in memory instead of `config.dataDir` (tests). */
  inMemoryEmbedded?: boolean;
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'>;
}

/** Database up and migrated, Nest app configured: what `main.ts` and the integration tests share. */
export async function createGuichetApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<GuichetApp> {
  const logger = new Logger('Guichet');
  let embedded: EmbeddedPostgres | null = null;
  let database: DatabaseTarget;
  if (config.databaseUrl) {
    database = { url: config.databaseUrl, embedded: false };
  } else {
    embedded = await startEmbeddedPostgres(options.inMemoryEmbedded ? null : config.dataDir);
    database = { url: embedded.url, embedded: true };
    logger.log(
      `Embedded PostgreSQL (PGlite) ${options.inMemoryEmbedded ? 'in memory' : `in ${config.dataDir}`}`,
    );
  }
  // One data source for migrations and the app: the embedded server takes one connection at a time.
  const dataSource = new DataSource(dataSourceOptions(database));
  try {
    await dataSource.initialize();
    const applied = await migrate(dataSource, database.embedded);
    if (applied.length > 0) logger.log(`Migrations applied: ${applied.join(', ')}`);
    const secrets = deriveSecrets(resolveSecretKey(config));
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register(config, secrets, dataSource),
      {
        rawBody: true,
        logger: options.logger ?? ['log', 'error', 'warn'],
      },
    );
    configureApp(app, config);
    // Live events across instances need a real server's LISTEN/NOTIFY; the embedded one is single-instance.
    const pubSub = database.embedded ? null : new Pool({ connectionString: database.url, max: 2 });
    // An idle client dropped by the server (restart, database dropped) must not crash the process.
    const lost = (err: Error) => logger.warn(`socket.io adapter connection lost: ${err.message}`);
    pubSub?.on('error', lost);
    // The adapter keeps its LISTEN client checked out, where pool errors do not reach: listen on it too.
    pubSub?.on('connect', (client) => client.on('error', lost));
    if (pubSub) app.useWebSocketAdapter(new PostgresIoAdapter(app, pubSub));
    await app.init();
    return {
      app,
      database,
      async close() {
        await app.close();
        // The adapter may still be taking its LISTEN connection when a short-lived app closes, and
        // pool.end() would wait for it forever: give it a moment, then let the process move on.
        if (pubSub) await Promise.race([pubSub.end(), new Promise((r) => setTimeout(r, 2000).unref())]);
        if (embedded) await embedded.stop();
      },
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
    throw err;
  }
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  // Open311 clients expect GeoReport v2 at /open311/v2/…, not under /api.
  app.setGlobalPrefix('api', { exclude: ['open311/{*path}'] });
  app.useBodyParser('json', { limit: '1mb' });
  app.use(cookieParser());
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use((_req: express.Request, res: express.Response, next: express.NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  if (config.clientDir && existsSync(join(config.clientDir, 'index.html')))
    serveClient(app, config.clientDir);
}

/** The built React client on the same port; unknown non-API paths get index.html (client-side routes). */
function serveClient(app: NestExpressApplication, clientDir: string): void {
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api/') ||
      req.path === '/api' ||
      req.path.startsWith('/socket.io') ||
      req.path.startsWith('/open311/')
    ) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(clientDir, 'index.html'));
  });
}
