import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { createGuichetApp } from './create-app';
import { loadCorpus } from './demo/corpus';
import {
  DEMO_INSTAGRAM,
  DEMO_MASTODON,
  DEMO_PAGE,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_X,
} from './demo/demo-town';
import { connectDemoPlatforms, isDatabaseEmpty, isDemoTown, seedDemoTown } from './demo/seed-demo-town';
import { FakePlatformServer } from './dev/fake-platform/fake-platform.server';
import { CitizenMessageStream } from './dev/fake-platform/stream';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Guichet');
  const config = loadConfig();
  config.clientDir ??= join(__dirname, '../../../client/dist');
  const corpus = () => loadCorpus(join(__dirname, '../..'));
  let fake: FakePlatformServer | null = null;
  if (config.demoFakePlatform) {
    // Offline demo: Meta, Mastodon and X are an in-process fake that signs its webhooks with the app secret.
    config.meta.appSecret ??= randomBytes(24).toString('hex');
    fake = new FakePlatformServer({
      appSecret: config.meta.appSecret,
      meta: { pageId: DEMO_PAGE.id, pageName: DEMO_PAGE.name, instagramId: DEMO_INSTAGRAM.id },
      mastodon: {
        townId: DEMO_MASTODON.id,
        townUsername: DEMO_MASTODON.username,
        domain: DEMO_MASTODON.domain,
      },
      x: { townId: DEMO_X.id, townUsername: DEMO_X.username },
    });
    // Replies to messages of an earlier run (the fake forgets at each start) are accepted all the same.
    fake.mastodon.lenientReplies = true;
    fake.x.lenientReplies = true;
    config.meta.graphUrl = await fake.start();
    config.x.apiUrl = fake.url;
    logger.log(`Demo mode: Meta, Mastodon and X are served by the fake platform at ${fake.url}`);
  }
  const guichet = await createGuichetApp(config);
  const { app } = guichet;
  if (config.seedDemo && (await isDatabaseEmpty(app))) {
    logger.log('Empty database: seeding the demo town of Valbrune…');
    await seedDemoTown(app, corpus(), { passwordHashCost: config.passwordHashCost });
    logger.log(
      `Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}; Facebook Page id ${DEMO_PAGE.id}`,
    );
  }
  if (fake && (await isDemoTown(app))) await connectDemoPlatforms(app, fake.url);
  await app.listen(config.port, config.host);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  logger.log(`Guichet is listening on http://localhost:${port}`);
  let stream: CitizenMessageStream | null = null;
  if (fake) {
    fake.webhooks.url = `http://127.0.0.1:${port}/api/webhooks/meta`;
    stream = new CitizenMessageStream(fake, corpus(), {
      intervalMs: config.demoStreamIntervalSeconds * 1000,
      onEmit: (m) => logger.log(`Demo: a citizen wrote on ${m.channel} (${m.author})`),
      onError: (err) => logger.warn(`Demo stream: ${(err as Error).message}`),
    });
    stream.start();
    if (config.demoStreamIntervalSeconds > 0) {
      logger.log(`Demo: citizen messages arrive about every ${config.demoStreamIntervalSeconds} s`);
    }
  }
  const shutdown = () => {
    void (async () => {
      await stream?.stop();
      await guichet.close();
      await fake?.stop();
      process.exit(0);
    })();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
