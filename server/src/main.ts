import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { ConfigError } from './config/app-config';
import { loadConfig } from './config/load-config';
import { createGuichetApp } from './create-app';
import { loadCorpus } from './demo/corpus';
import { DEMO_PAGE, DEMO_PASSWORD, DEMO_USERS } from './demo/demo-town';
import { isDatabaseEmpty, seedDemoTown } from './demo/seed-demo-town';
import { FakeMetaGraphServer } from './dev/fake-meta-graph.server';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Guichet');
  const config = loadConfig();
  config.clientDir ??= join(__dirname, '../../../client/dist');
  let fakeGraph: FakeMetaGraphServer | null = null;
  if (config.demoFakePlatform) {
    // Offline demo: replies go to an in-process stand-in of the Graph API instead of Meta.
    fakeGraph = new FakeMetaGraphServer();
    config.meta.graphUrl = await fakeGraph.start();
    logger.log(`Demo mode: replies are sent to the fake Graph API at ${config.meta.graphUrl}`);
  }
  const guichet = await createGuichetApp(config);
  const { app } = guichet;
  if (config.seedDemo && (await isDatabaseEmpty(app))) {
    logger.log('Empty database: seeding the demo town of Valbrune…');
    await seedDemoTown(app, loadCorpus(join(__dirname, '../..')), {
      passwordHashCost: config.passwordHashCost,
    });
    logger.log(
      `Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}; Facebook Page id ${DEMO_PAGE.id}`,
    );
  }
  await app.listen(config.port, config.host);
  logger.log(`Guichet is listening on http://localhost:${config.port}`);
  const shutdown = () => {
    void (async () => {
      await guichet.close();
      await fakeGraph?.stop();
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
