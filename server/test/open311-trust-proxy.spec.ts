import { ConfigError } from '../src/config/app-config';
import { loadConfig } from '../src/config/load-config';
import { makeTown } from './factories';
import { startTestApp, type TestApp } from './test-app';

const API_KEY = 'cle-portail-citoyen-0001';
const POST_LIMIT = 3;
const LOGIN_LIMIT = 2;

/**
 * Rate limits count client addresses: behind a reverse proxy that is X-Forwarded-For, which only
 * TRUST_PROXY may make Express believe (the tests connect from 127.0.0.1, the "proxy").
 */
describe('TRUST_PROXY and the client address of rate limits', () => {
  const env = {
    OPEN311_API_KEYS: API_KEY,
    OPEN311_POST_RATE_LIMIT: String(POST_LIMIT),
    LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    SLA_SWEEP_MS: '60000',
    OUTBOX_SWEEP_MS: '60000',
    POLL_SWEEP_MS: '600000',
  };

  const post = (t: TestApp, forwardedFor: string) =>
    fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({
        api_key: API_KEY,
        service_code: 'voirie',
        description: 'Lampadaire éteint',
        address_string: '1 rue Haute',
      }),
    });

  const badLogin = (t: TestApp, forwardedFor: string) =>
    fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: 'personne@ville.example', password: 'mauvais-mot-de-passe' }),
    });

  describe('not configured (default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(env);
      await makeTown(t.db);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('ignores X-Forwarded-For: a client cannot pick a fresh address per post', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= POST_LIMIT + 1; i++) statuses.push((await post(t, `198.51.100.${i}`)).status);
      expect(statuses).toEqual([...Array<number>(POST_LIMIT).fill(201), 429]);
    });

    it('nor per login attempt', async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= LOGIN_LIMIT + 1; i++) statuses.push((await badLogin(t, `198.51.100.${i}`)).status);
      expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT).fill(401), 429]);
    });
  });

  describe('TRUST_PROXY=loopback', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ ...env, TRUST_PROXY: 'loopback' });
      await makeTown(t.db);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('counts each forwarded client address on its own', async () => {
      for (let i = 1; i <= POST_LIMIT; i++) expect((await post(t, '203.0.113.7')).status).toBe(201);
      expect((await post(t, '203.0.113.7')).status).toBe(429);
      // Another citizen behind the same proxy is not blocked by the first.
      expect((await post(t, '203.0.113.8')).status).toBe(201);
    });

    it('believes only the hop the trusted proxy added, not what the client wrote before it', async () => {
      for (let i = 1; i <= POST_LIMIT; i++) expect((await post(t, '203.0.113.30')).status).toBe(201);
      // The limited client forges a first entry; the proxy appends its real address: still limited.
      expect((await post(t, '192.0.2.99, 203.0.113.30')).status).toBe(429);
      // Another client forging the limited one's address is counted as itself.
      expect((await post(t, '203.0.113.30, 203.0.113.31')).status).toBe(201);
    });

    it('applies to login attempts too', async () => {
      for (let i = 1; i <= LOGIN_LIMIT; i++) expect((await badLogin(t, '203.0.113.20')).status).toBe(401);
      expect((await badLogin(t, '203.0.113.20')).status).toBe(429);
      expect((await badLogin(t, '203.0.113.21')).status).toBe(401);
    });
  });

  it('reads TRUST_PROXY: false, hop counts, names and CIDRs; refuses true and garbage', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.168.1.10' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.10',
    ]);
    for (const bad of [
      'true',
      'yes',
      '11',
      'proxy.local',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/8/1',
      'loopback,',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
