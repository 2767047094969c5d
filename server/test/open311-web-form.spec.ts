import { randomUUID } from 'node:crypto';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { loadConfig } from '../src/config/load-config';
import { Contact } from '../src/contacts/contact.entity';
import type { GeoReportError } from '../src/open311/open311-error';
import { FIELD_MAX } from '../src/open311/open311-input';
import type { WebFormSettings } from '../src/open311/open311-web-form';
import type { GeoReportCreated, GeoReportRequest, GeoReportToken } from '../src/open311/open311.types';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeSlaPolicy, makeTown, postMetaWebhook } from './factories';
import { startTestApp, type TestApp } from './test-app';

const PARTNER_KEY = 'cle-portail-citoyen-0001';

interface Answer<T> {
  status: number;
  body: T;
}

describe('Open311: the town’s web form, idempotent posts and tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      OPEN311_API_KEYS: PARTNER_KEY,
      SLA_SWEEP_MS: '60000',
      OUTBOX_SWEEP_MS: '60000',
      POLL_SWEEP_MS: '600000',
    });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    t.config.open311.webForm = true;
    await makeTown(t.db);
    await makeSlaPolicy(t.db);
  });

  async function call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
    const res = await fetch(`${t.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  const formKey = async (): Promise<string> => {
    const res = await call<WebFormSettings>('/open311/web-form.json');
    expect(res.status).toBe(200);
    return res.body.api_key;
  };

  /** As the contact form posts: JSON, with the idempotency key in a header. */
  const post = <T = GeoReportCreated[]>(body: Record<string, unknown>, idempotencyKey?: string) =>
    call<T>('/open311/v2/requests.json', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });

  const request = (apiKey: string, overrides: Record<string, unknown> = {}) => ({
    api_key: apiKey,
    service_code: 'voirie',
    description: 'Un nid de poule profond devant l’école Jules-Ferry.',
    address_string: '4 rue de l’École',
    first_name: 'Lucie',
    last_name: 'Martin',
    email: 'lucie.martin@example.fr',
    phone: '06 11 22 33 44',
    ...overrides,
  });

  const stored = async () => ({
    tickets: await t.db.getRepository(Ticket).count(),
    messages: await t.db.getRepository(Message).count(),
    contacts: await t.db.getRepository(Contact).count(),
  });

  describe('the form’s key', () => {
    it('is published with the field limits, stable, and lets the form post', async () => {
      const settings = await call<WebFormSettings>('/open311/web-form.json');
      expect(settings.status).toBe(200);
      expect(settings.body.limits).toEqual(FIELD_MAX);
      expect(settings.body.limits.description).toBe(4000);
      expect(settings.body.api_key).toMatch(/^formulaire-web-[A-Za-z0-9_-]{32}$/);
      expect(await formKey()).toBe(settings.body.api_key);
      // Not a partner key, and not anything a session cookie would contain.
      expect(settings.body.api_key).not.toBe(PARTNER_KEY);

      const res = await post(request(settings.body.api_key));
      expect(res.status).toBe(201);
      const ticket = await t.db.getRepository(Ticket).findOneOrFail({
        where: { reference: Number(res.body[0].service_request_id) },
        relations: { service: true },
      });
      expect(ticket.service.slug).toBe('voirie');
      const message = await t.db
        .getRepository(Message)
        .createQueryBuilder('m')
        .addSelect('m.raw')
        .where('m.ticketId = :id', { id: ticket.id })
        .getOneOrFail();
      expect(JSON.stringify(message.raw)).not.toContain(settings.body.api_key);
    });

    it('is the same on a second instance with the same SECRET_KEY, and differs with another', async () => {
      const secret = 'une-cle-secrete-de-test-assez-longue-0123456789';
      const a = await startTestApp({ SECRET_KEY: secret });
      const b = await startTestApp({ SECRET_KEY: secret });
      const c = await startTestApp({ SECRET_KEY: `${secret}-autre` });
      try {
        const keyOf = async (app: TestApp) =>
          ((await (await fetch(`${app.url}/open311/web-form.json`)).json()) as WebFormSettings).api_key;
        expect(await keyOf(a)).toBe(await keyOf(b));
        expect(await keyOf(a)).not.toBe(await keyOf(c));
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });

    it('is withdrawn with OPEN311_WEB_FORM=false; partner keys still work', async () => {
      const key = await formKey();
      t.config.open311.webForm = false;
      const settings = await call<GeoReportError[]>('/open311/web-form.json');
      expect(settings.status).toBe(404);
      expect(settings.body).toEqual([
        { code: 404, description: expect.stringContaining('désactivé') as unknown },
      ]);
      const refused = await post<GeoReportError[]>(request(key));
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual([{ code: 403, description: 'api_key : clé invalide' }]);
      expect(await stored()).toEqual({ tickets: 0, messages: 0, contacts: 0 });
      expect((await post(request(PARTNER_KEY))).status).toBe(201);
    });

    it('reads OPEN311_WEB_FORM', () => {
      expect(loadConfig({}).open311.webForm).toBe(true);
      expect(loadConfig({ OPEN311_WEB_FORM: 'false' }).open311.webForm).toBe(false);
      expect(() => loadConfig({ OPEN311_WEB_FORM: 'peut-être' })).toThrow(/OPEN311_WEB_FORM/);
    });
  });

  describe('idempotency', () => {
    it('stores a request sent twice with the same key once, and answers with the same id and token', async () => {
      const key = await formKey();
      const idempotencyKey = randomUUID();
      const first = await post(request(key), idempotencyKey);
      const again = await post(request(key), idempotencyKey);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(first.body[0].token).toBe(idempotencyKey);
      expect(await stored()).toEqual({ tickets: 1, messages: 1, contacts: 1 });
      // A new key is a new request.
      const other = await post(request(key), randomUUID());
      expect(other.body[0].service_request_id).not.toBe(first.body[0].service_request_id);
      expect(await t.db.getRepository(Ticket).count()).toBe(2);
    });

    it('takes the key as a form field too (plain HTML forms), equal to the header when both are sent', async () => {
      const idempotencyKey = randomUUID();
      const form = (extra: Record<string, string>, headers: Record<string, string> = {}) =>
        call<GeoReportCreated[] & GeoReportError[]>('/open311/v2/requests.json', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: new URLSearchParams({
            api_key: PARTNER_KEY,
            service_code: 'proprete',
            description: 'Encombrants abandonnés',
            address_string: 'Place du marché',
            ...extra,
          }).toString(),
        });
      const first = await form({ idempotency_key: idempotencyKey });
      expect(first.status).toBe(201);
      const both = await form({ idempotency_key: idempotencyKey }, { 'idempotency-key': idempotencyKey });
      expect(both.body[0].service_request_id).toBe(first.body[0].service_request_id);
      const mismatch = await form({ idempotency_key: idempotencyKey }, { 'idempotency-key': randomUUID() });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body).toEqual([
        { code: 400, description: expect.stringContaining('idempotency_key') as unknown },
      ]);
      expect(await t.db.getRepository(Ticket).count()).toBe(1);
    });

    it('stores once when the same request arrives many times at once (double click, retries)', async () => {
      const key = await formKey();
      const idempotencyKey = randomUUID();
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(request(key), idempotencyKey)));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((a) => a.body[0].service_request_id)).size).toBe(1);
      expect(await stored()).toEqual({ tickets: 1, messages: 1, contacts: 1 });
    });

    it('refuses the same key with a different request (422), naming the first, and changes nothing', async () => {
      const key = await formKey();
      const idempotencyKey = randomUUID();
      const first = await post(request(key), idempotencyKey);
      const before = await stored();
      const ticketBefore = await t.db.getRepository(Ticket).findOneByOrFail({});
      const changed = await post<GeoReportError[]>(
        request(key, { description: 'Finalement, c’est un lampadaire éteint.' }),
        idempotencyKey,
      );
      expect(changed.status).toBe(422);
      expect(changed.body).toEqual([
        {
          code: 422,
          description: expect.stringContaining(`n° ${first.body[0].service_request_id}`) as unknown,
        },
      ]);
      expect(changed.body[0].description).toMatch(/^idempotency_key : /);
      expect(await stored()).toEqual(before);
      const ticketAfter = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticketBefore.id });
      expect(ticketAfter.updatedAt).toEqual(ticketBefore.updatedAt);
      expect(ticketAfter.subject).toBe(ticketBefore.subject);
    });

    it.each([
      ['too short', 'abc'],
      ['with spaces', 'une clé avec des espaces 123'],
      ['too long', 'a'.repeat(101)],
    ])('refuses a key %s with 400 in GeoReport shape, storing nothing', async (_label, idempotencyKey) => {
      const res = await post<GeoReportError[]>(request(await formKey()), idempotencyKey);
      expect(res.status).toBe(400);
      expect(res.body).toEqual([
        { code: 400, description: expect.stringContaining('idempotency_key') as unknown },
      ]);
      expect(await stored()).toEqual({ tickets: 0, messages: 0, contacts: 0 });
    });

    it('refuses bad input from the form with 400, storing nothing, and the key stays usable', async () => {
      const key = await formKey();
      const idempotencyKey = randomUUID();
      const bad = await post<GeoReportError[]>(
        request(key, {
          description: 'x'.repeat(FIELD_MAX.description + 1),
          address_string: undefined,
          email: 'pas-une-adresse',
          phone: 'appelez-moi',
        }),
        idempotencyKey,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.map((e) => e.code)).toEqual([400, 400, 400, 400]);
      expect(bad.body.map((e) => e.description.split(' : ')[0])).toEqual([
        'description',
        'lat/long, address_string ou address_id',
        'email',
        'phone',
      ]);
      expect(await stored()).toEqual({ tickets: 0, messages: 0, contacts: 0 });
      expect(await t.db.getRepository(ChannelAccount).count()).toBe(0);
      // Corrected, the same form instance (same key) gets its request stored.
      const good = await post(request(key), idempotencyKey);
      expect(good.status).toBe(201);
      expect(await t.db.getRepository(Ticket).count()).toBe(1);
    });
  });

  describe('tokens', () => {
    it('turns the token of a post into its request id, with or without a client key', async () => {
      const key = await formKey();
      const idempotencyKey = randomUUID();
      const withKey = await post(request(key), idempotencyKey);
      const without = await post(request(key));
      for (const created of [withKey.body[0], without.body[0]]) {
        const res = await call<GeoReportToken[]>(`/open311/v2/tokens/${created.token}.json`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
      }
      expect(without.body[0].token).not.toBe(idempotencyKey);
      // And the id leads to the request, with its expected answer time.
      const one = await call<GeoReportRequest[]>(
        `/open311/v2/requests/${withKey.body[0].service_request_id}.json`,
      );
      expect(one.body[0].expected_datetime).toEqual(expect.any(String));
    });

    it('answers 404 in GeoReport shape for an unknown token or another channel’s message id', async () => {
      await makePageAccount(t);
      expect(
        (
          await postMetaWebhook(
            t,
            feedDelivery([{ commentId: '123456789012345_678901234567', message: 'Lampadaire' }]),
          )
        ).status,
      ).toBe(200);
      const fb = await t.db
        .getRepository(Message)
        .findOneByOrFail({ platformMessageId: '123456789012345_678901234567' });
      // Long enough to be a token: only the Open311 account's messages are looked at.
      expect(fb.platformMessageId?.length).toBeGreaterThanOrEqual(16);
      for (const token of [randomUUID(), fb.platformMessageId as string, 'court', 'a%20b']) {
        const res = await call<GeoReportError[]>(`/open311/v2/tokens/${token}.json`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual([{ code: 404, description: expect.stringContaining('token') as unknown }]);
      }
    });
  });
});
