import type { ChannelAccountView } from '@guichet/shared';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { decryptCredentials } from '../src/channels/credentials-cipher';
import { APP_SECRETS, type AppSecrets } from '../src/config/config.module';
import { api, login, makeUser } from './factories';
import { startTestApp, type TestApp } from './test-app';

describe('Channel accounts (admin)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    admin = await login(t, (await makeUser(t.db, { role: 'admin' })).email);
  });

  const connect = (body: object, cookie = admin) =>
    api<ChannelAccountView & { details?: string[] }>(t, cookie, '/api/channel-accounts', {
      method: 'POST',
      body,
    });

  it('connects an account with its token encrypted at rest and never returned', async () => {
    const res = await connect({
      platform: 'mastodon',
      externalId: '1001',
      name: '@ville@social.example',
      baseUrl: 'https://social.example',
      credentials: { accessToken: 'super-secret-token' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      platform: 'mastodon',
      status: 'active',
      hasCredentials: true,
      lastError: null,
    });
    expect(JSON.stringify(res.body)).not.toContain('super-secret-token');
    const list = await api<ChannelAccountView[]>(t, admin, '/api/channel-accounts');
    expect(JSON.stringify(list.body)).not.toContain('super-secret');
    const [row] = await t.db.query<Array<{ credentials_encrypted: string }>>(
      'SELECT credentials_encrypted FROM channel_accounts',
    );
    expect(row?.credentials_encrypted).not.toContain('super-secret');
    expect(
      decryptCredentials(row?.credentials_encrypted ?? '', t.app.get<AppSecrets>(APP_SECRETS).credentialsKey),
    ).toEqual({
      accessToken: 'super-secret-token',
    });
  });

  it('pauses and resumes an account, and replaces its token', async () => {
    const created = await connect({
      platform: 'facebook',
      externalId: '104857362948571',
      name: 'Ville',
      credentials: { pageAccessToken: 'a' },
    });
    const paused = await api<ChannelAccountView>(t, admin, `/api/channel-accounts/${created.body.id}`, {
      method: 'PATCH',
      body: { status: 'paused' },
    });
    expect(paused.body.status).toBe('paused');
    const resumed = await api<ChannelAccountView>(t, admin, `/api/channel-accounts/${created.body.id}`, {
      method: 'PATCH',
      body: { status: 'active', credentials: { pageAccessToken: 'b' } },
    });
    expect(resumed.body).toMatchObject({ status: 'active', hasCredentials: true });
    expect(resumed.body.nextPollAt).not.toBeNull();
  });

  it.each([
    [{ platform: 'myspace', externalId: '1', name: 'x', credentials: {} }, 'platform'],
    [{ platform: 'facebook', externalId: '1', name: 'x', credentials: {} }, 'credentials.pageAccessToken'],
    [
      { platform: 'x', externalId: '1', name: 'x', credentials: { bearerToken: 'b' } },
      'credentials.userAccessToken',
    ],
    [{ platform: 'mastodon', externalId: '1', name: 'x', credentials: { accessToken: 't' } }, 'baseUrl'],
    [
      {
        platform: 'mastodon',
        externalId: '1',
        name: 'x',
        baseUrl: 'javascript:alert(1)',
        credentials: { accessToken: 't' },
      },
      'baseUrl',
    ],
    [
      { platform: 'facebook', externalId: 'a b', name: 'x', credentials: { pageAccessToken: 't' } },
      'externalId',
    ],
  ])('answers 400 naming the field for %j and stores nothing', async (body, field) => {
    const res = await connect(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(await t.db.getRepository(ChannelAccount).count()).toBe(0);
  });

  it('is for admins only, and refuses a second connection of the same account', async () => {
    const head = await login(t, (await makeUser(t.db, { role: 'service_head' })).email);
    expect((await api(t, head, '/api/channel-accounts')).status).toBe(403);
    const body = {
      platform: 'facebook',
      externalId: '42',
      name: 'Ville',
      credentials: { pageAccessToken: 't' },
    };
    expect((await connect(body)).status).toBe(201);
    expect((await connect(body)).status).toBe(409);
  });
});
