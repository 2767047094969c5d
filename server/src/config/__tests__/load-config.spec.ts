import { ConfigError } from '../app-config';
import { loadConfig } from '../load-config';

describe('loadConfig', () => {
  it('gives working defaults for the embedded demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      seedDemo: true,
      demoFakePlatform: true,
      slaSweepMs: 2000,
      meta: { graphUrl: 'https://graph.facebook.com', graphVersion: 'v23.0', appSecret: null },
    });
  });

  it('turns the demo off when a real database is configured', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/guichet' });
    expect(config.seedDemo).toBe(false);
    expect(config.demoFakePlatform).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ SECRET_KEY: 'short' }, 'SECRET_KEY'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }, 'SECRET_KEY'],
    [{ META_GRAPH_VERSION: '23' }, 'META_GRAPH_VERSION'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
  ])('refuses %j naming %s, on one line', (env, name) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).not.toContain('\n');
  });
});
