import type { Page, TicketSummary } from '@guichet/shared';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { ConfigError } from '../src/config/app-config';
import { loadConfig } from '../src/config/load-config';
import { Contact } from '../src/contacts/contact.entity';
import type { BusinessCalendar } from '../src/domain/sla';
import type { GeoReportError } from '../src/open311/open311-error';
import type { GeoReportCreated, GeoReportRequest, GeoReportService } from '../src/open311/open311.types';
import type { Service } from '../src/services/service.entity';
import { TicketSlaClock } from '../src/sla/ticket-sla-clock.entity';
import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import {
  api,
  feedDelivery,
  login,
  makePageAccount,
  makeService,
  makeSlaPolicy,
  makeTown,
  makeUser,
  postMetaWebhook,
} from './factories';
import { startTestApp, type TestApp } from './test-app';

const API_KEY = 'cle-portail-citoyen-0001';
const OTHER_KEY = 'cle-formulaire-web-0002';
const POST_LIMIT = 20;

// Open every minute of every day: a resolution deadline on this calendar is creation + target.
const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  hours: {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '24:00']],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  },
  frenchHolidays: null,
};

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let voirie: Service;
  let etatCivil: Service;

  beforeAll(async () => {
    t = await startTestApp({
      OPEN311_API_KEYS: ` ${API_KEY}, ${OTHER_KEY} `,
      OPEN311_POST_RATE_LIMIT: String(POST_LIMIT),
      // No background sweep is needed here, and one running during reset()'s TRUNCATE can deadlock it.
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
    ({ voirie } = await makeTown(t.db));
    etatCivil = await makeService(t.db, {
      slug: 'etat-civil',
      name: 'État civil',
      description: 'Actes de naissance, mariage, décès',
      keywords: ['acte de naissance', 'mariage'],
      calendar: ALWAYS_OPEN,
    });
    await makeSlaPolicy(t.db, { resolutionMinutes: 2100 });
  });

  async function call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
    const res = await fetch(`${t.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  const get = <T>(path: string) => call<T>(`/open311/v2/${path}`);

  const postForm = <T = GeoReportCreated[]>(fields: Record<string, string>) =>
    call<T>('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  const postJson = <T = GeoReportCreated[]>(body: unknown) =>
    call<T>('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const stored = async () => ({
    tickets: await t.db.getRepository(Ticket).count(),
    messages: await t.db.getRepository(Message).count(),
    contacts: await t.db.getRepository(Contact).count(),
  });

  const nothing = { tickets: 0, messages: 0, contacts: 0 };

  /** A valid request; overrides replace fields, `undefined` removes one. */
  function request(overrides: Record<string, string | undefined> = {}): Record<string, string> {
    const fields: Record<string, string | undefined> = {
      api_key: API_KEY,
      service_code: 'voirie',
      description: 'Le lampadaire devant le 12 rue des Lilas ne fonctionne plus.',
      address_string: '12 rue des Lilas, Valbrune',
      ...overrides,
    };
    return Object.fromEntries(
      Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined),
    );
  }

  async function createOne(fields: Record<string, string>): Promise<string> {
    const res = await postForm(fields);
    expect(res.status).toBe(201);
    return res.body[0].service_request_id;
  }

  const ticketOf = (reference: string) =>
    t.db.getRepository(Ticket).findOneOrFail({
      where: { reference: Number(reference) },
      relations: { service: true, contact: true },
    });

  describe('services', () => {
    it('lists every service but triage, as GeoReport services', async () => {
      const res = await get<GeoReportService[]>('services.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body.map((s) => s.service_code).sort()).toEqual(['etat-civil', 'proprete', 'voirie']);
      expect(res.body.find((s) => s.service_code === 'etat-civil')).toEqual({
        service_code: 'etat-civil',
        service_name: 'État civil',
        description: 'Actes de naissance, mariage, décès',
        metadata: false,
        type: 'realtime',
        keywords: 'acte de naissance,mariage',
        group: 'Ville',
      });
    });

    it('describes one service (no attributes) and 404s an unknown or triage one', async () => {
      const one = await get('services/voirie.json');
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ service_code: 'voirie', attributes: [] });
      for (const code of ['nope', 'accueil']) {
        const res = await get<GeoReportError[]>(`services/${code}.json`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual([
          { code: 404, description: expect.stringContaining('service_code') as unknown },
        ]);
      }
    });

    it('is served outside /api, without a session', async () => {
      expect((await call('/api/open311/v2/services.json')).status).toBe(404);
      expect((await get('services.json')).status).toBe(200);
    });
  });

  describe('POST requests', () => {
    it('turns a form post into a ticket of the named service, with contact and raw request', async () => {
      const res = await postForm(
        request({
          service_code: 'etat-civil',
          // Keyword routing alone would send this to Voirie: the citizen's choice wins.
          description: "Demande d'acte : et il y a un nid de poule devant la mairie annexe.",
          address_string: '3 place de la Mairie',
          lat: '48.8566',
          long: '2.3522',
          media_url: 'https://photos.example/p/123.jpg',
          email: 'Marie.Dupont@Example.FR',
          first_name: 'Marie',
          last_name: 'Dupont',
          phone: '06 12 34 56 78',
          device_id: 'device-abc',
          jurisdiction_id: 'valbrune.fr',
          'attribute[urgence]': 'non',
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual([
        {
          service_request_id: expect.stringMatching(/^\d+$/) as unknown,
          token: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
          service_notice: 'Votre demande a été transmise au service État civil.',
          account_id: null,
        },
      ]);
      const ticket = await ticketOf(res.body[0].service_request_id);
      expect(ticket.service.slug).toBe('etat-civil');
      expect(ticket.platform).toBe('open311');
      expect(ticket.routingExplanation).toBe('Open311 : service_code « etat-civil » → État civil');
      expect(ticket.contact).toMatchObject({
        platform: 'open311',
        platformUserId: 'marie.dupont@example.fr',
        displayName: 'Marie Dupont',
        handle: 'marie.dupont@example.fr',
      });
      const message = await t.db
        .getRepository(Message)
        .createQueryBuilder('m')
        .addSelect('m.raw')
        .where('m.ticketId = :id', { id: ticket.id })
        .getOneOrFail();
      expect(message).toMatchObject({ direction: 'inbound', kind: 'request', deliveryStatus: 'received' });
      // The token is the message's platform id: the unique index that dedupes webhooks dedupes it too.
      expect(message.platformMessageId).toBe(res.body[0].token);
      expect(ticket.threadKey).toBe(message.platformMessageId);
      expect(message.body).toBe(
        [
          "Demande d'acte : et il y a un nid de poule devant la mairie annexe.",
          '',
          'Adresse : 3 place de la Mairie',
          'Position : 48.8566, 2.3522',
          'Photo : https://photos.example/p/123.jpg',
        ].join('\n'),
      );
      expect(message.raw).toMatchObject({
        service_code: 'etat-civil',
        email: 'Marie.Dupont@Example.FR',
        phone: '06 12 34 56 78',
        device_id: 'device-abc',
        jurisdiction_id: 'valbrune.fr',
        lat: '48.8566',
      });
      expect(message.raw).not.toHaveProperty('api_key');
      expect(JSON.stringify(message.raw)).not.toContain(API_KEY);
      const account = await t.db.getRepository(ChannelAccount).findOneByOrFail({ platform: 'open311' });
      expect(account.externalId).toBe('open311');
      expect(ticket.channelAccountId).toBe(account.id);
      // Opened directly in the chosen service: never routed elsewhere first.
      const created = await t.db.getRepository(AuditEvent).findOneByOrFail({ action: 'ticket.created' });
      expect(created).toMatchObject({ targetId: ticket.id, actorUserId: null });
      expect(created.details).toMatchObject({ serviceId: etatCivil.id });
      expect(await t.db.getRepository(AuditEvent).countBy({ action: 'ticket.rerouted' })).toBe(0);
    });

    it('accepts JSON, identifies the citizen by phone, and shows the ticket to the service only', async () => {
      const res = await postJson({
        api_key: OTHER_KEY,
        service_code: 'voirie',
        description: 'Trou dans la chaussée',
        lat: 48.85,
        long: 2.35,
        phone: '+33 6 12 34 56 78',
      });
      expect(res.status).toBe(201);
      const ticket = await ticketOf(res.body[0].service_request_id);
      expect(ticket.service.id).toBe(voirie.id);
      expect(ticket.contact).toMatchObject({ platformUserId: '+33612345678', displayName: null });

      const voirieAgent = await makeUser(t.db, { services: [voirie] });
      const civilAgent = await makeUser(t.db, { services: [etatCivil] });
      const seen = await api<Page<TicketSummary>>(t, await login(t, voirieAgent.email), '/api/tickets');
      expect(seen.body.items.map((i) => i.id)).toEqual([ticket.id]);
      const notSeen = await api<Page<TicketSummary>>(t, await login(t, civilAgent.email), '/api/tickets');
      expect(notSeen.body.items).toEqual([]);
    });

    it('keeps one contact per e-mail, and none for an anonymous request', async () => {
      await createOne(request({ email: 'jean@example.fr' }));
      await createOne(request({ email: 'JEAN@example.fr', first_name: 'Jean' }));
      const anonymous = await createOne(request({ first_name: 'Sans', last_name: 'Contact' }));
      expect(await t.db.getRepository(Contact).count()).toBe(1);
      expect((await ticketOf(anonymous)).contactId).toBeNull();
      const byDevice = await createOne(request({ device_id: 'abc-123' }));
      expect((await ticketOf(byDevice)).contact?.platformUserId).toBe('device:abc-123');
    });

    it('accepts a photo without description', async () => {
      const ref = await createOne(request({ description: undefined, media_url: 'http://x.example/a.png' }));
      const message = await t.db
        .getRepository(Message)
        .findOneByOrFail({ ticketId: (await ticketOf(ref)).id });
      expect(message.body).toBe('Adresse : 12 rue des Lilas, Valbrune\nPhoto : http://x.example/a.png');
    });

    it.each([
      ['no api_key', { api_key: undefined }, 'clé obligatoire'],
      ['a wrong api_key', { api_key: 'cle-portail-citoyen-0009' }, 'clé invalide'],
      ['a prefix of a key', { api_key: API_KEY.slice(0, -1) }, 'clé invalide'],
    ])('refuses %s with 403 and stores nothing', async (_label, overrides, reason) => {
      const res = await postForm<GeoReportError[]>(request(overrides));
      expect(res.status).toBe(403);
      expect(res.body).toEqual([{ code: 403, description: `api_key : ${reason}` }]);
      expect(await stored()).toEqual(nothing);
      expect(await t.db.getRepository(ChannelAccount).count()).toBe(0);
    });

    it('refuses every post when no key is configured and the web form is off', async () => {
      const keys = t.config.open311.apiKeys;
      t.config.open311.apiKeys = [];
      t.config.open311.webForm = false;
      try {
        const res = await postForm<GeoReportError[]>(request());
        expect(res.status).toBe(403);
        expect(res.body[0].description).toContain('OPEN311_API_KEYS');
      } finally {
        t.config.open311.apiKeys = keys;
        t.config.open311.webForm = true;
      }
      expect(await stored()).toEqual(nothing);
    });

    it.each([
      ['no service_code', { service_code: undefined }, 'service_code'],
      ['an unknown service_code', { service_code: 'piscine' }, 'service_code'],
      ['the triage service', { service_code: 'accueil' }, 'service_code'],
      ['no description', { description: undefined }, 'description'],
      ['a blank description', { description: '   ' }, 'description'],
      ['a description over 4,000 characters', { description: 'é'.repeat(4001) }, 'description'],
      ['no location', { address_string: undefined }, 'address_string'],
      ['lat without long', { lat: '48.85' }, 'long'],
      ['long without lat', { long: '2.35' }, 'lat'],
      ['an out-of-range lat', { lat: '91', long: '2.35' }, 'lat'],
      ['an out-of-range long', { lat: '48', long: '-180.5' }, 'long'],
      ['a lat that is not a number', { lat: '48,85', long: '2.35' }, 'lat'],
      ['a javascript: media_url', { media_url: 'javascript:alert(1)' }, 'media_url'],
      ['an ftp media_url', { media_url: 'ftp://x.example/a.png' }, 'media_url'],
      ['a bad email', { email: 'pas-un-email' }, 'email'],
    ])('refuses %s with 400 naming the field, storing nothing', async (_label, overrides, field) => {
      const res = await postForm<GeoReportError[]>(request(overrides));
      expect(res.status).toBe(400);
      expect(res.body.length).toBeGreaterThan(0);
      for (const e of res.body) expect(e.code).toBe(400);
      expect(res.body.map((e) => e.description).join(' | ')).toContain(field);
      expect(await stored()).toEqual(nothing);
    });

    it('accepts exactly 4,000 characters of description', async () => {
      expect((await postForm(request({ description: 'é'.repeat(4000) }))).status).toBe(201);
    });

    it('refuses a field sent twice or nested (GeoReport shape) and malformed JSON', async () => {
      const twice = await call<GeoReportError[]>('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `api_key=${API_KEY}&service_code=voirie&description=a&description=b&address_string=x`,
      });
      expect(twice.status).toBe(400);
      expect(twice.body[0].description).toContain('description');
      const nested = await postJson<GeoReportError[]>({ ...request(), lat: { $gt: 1 }, long: '2' });
      expect(nested.status).toBe(400);
      expect(nested.body[0].description).toContain('lat');
      const malformed = await call<GeoReportError[]>('/open311/v2/requests.json', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"api_key": ',
      });
      // body-parser fails before routing, so the global filter (ApiError shape) answers this one.
      expect(malformed.status).toBe(400);
      expect(await stored()).toEqual(nothing);
    });

    it('rate-limits posts per client address (before the key is checked)', async () => {
      for (let i = 0; i < POST_LIMIT; i++) {
        expect((await postForm(request({ api_key: 'mauvaise-cle-0000000' }))).status).toBe(403);
      }
      const limited = await postForm<GeoReportError[]>(request());
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual([
        { code: 429, description: expect.stringContaining('Trop de requêtes') as unknown },
      ]);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await stored()).toEqual(nothing);
      // Reading is limited separately.
      expect((await get('services.json')).status).toBe(200);
    });
  });

  describe('GET requests', () => {
    it('shows one request with its SLA, reply and status, and no personal data', async () => {
      const ref = await createOne(
        request({
          service_code: 'etat-civil',
          description: 'Je voudrais un acte de naissance.',
          address_string: '3 place de la Mairie',
          address_id: 'BAN-12345',
          lat: '48.8566',
          long: '2.3522',
          media_url: 'https://photos.example/p/1.jpg',
          email: 'marie.secret@example.fr',
          phone: '0699887766',
          first_name: 'Marietta',
          last_name: 'Confidentielle',
          device_id: 'appareil-prive-42',
          account_id: 'compte-prive-43',
        }),
      );
      const ticket = await ticketOf(ref);
      const clock = await t.db
        .getRepository(TicketSlaClock)
        .findOneByOrFail({ ticketId: ticket.id, kind: 'resolution' });
      // Recomputed on État civil's always-open calendar, not on the keyword-routed service's one.
      expect(clock.deadlineAt?.getTime()).toBe(ticket.createdAt.getTime() + 2100 * 60_000);

      const res = await get<GeoReportRequest[]>(`requests/${ref}.json`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          service_request_id: ref,
          status: 'open',
          status_notes: null,
          service_name: 'État civil',
          service_code: 'etat-civil',
          description: 'Je voudrais un acte de naissance.',
          agency_responsible: 'État civil',
          service_notice: null,
          requested_datetime: ticket.createdAt.toISOString(),
          updated_datetime: expect.any(String) as unknown,
          expected_datetime: clock.deadlineAt?.toISOString(),
          address: '3 place de la Mairie',
          address_id: 'BAN-12345',
          zipcode: null,
          lat: 48.8566,
          long: 2.3522,
          media_url: 'https://photos.example/p/1.jpg',
        },
      ]);
      const listed = JSON.stringify((await get('requests.json')).body);
      for (const text of [JSON.stringify(res.body), listed]) {
        for (const secret of [
          'marie.secret',
          '0699887766',
          'Marietta',
          'Confidentielle',
          'appareil-prive',
          'compte-prive',
          API_KEY,
        ]) {
          expect(text).not.toContain(secret);
        }
      }
    });

    it('shows the latest sent reply as status_notes, and closed once resolved', async () => {
      const ref = await createOne(request());
      const ticket = await ticketOf(ref);
      const agent = await makeUser(t.db, { services: [voirie] });
      const base = {
        ticketId: ticket.id,
        channelAccountId: ticket.channelAccountId,
        direction: 'outbound' as const,
        kind: 'request' as const,
        authorUserId: agent.id,
      };
      await t.db.getRepository(Message).insert([
        {
          ...base,
          body: 'Un agent passera cette semaine.',
          deliveryStatus: 'sent',
          sentAt: new Date(Date.now() + 1000),
        },
        { ...base, body: 'Première réponse.', deliveryStatus: 'sent', sentAt: new Date(Date.now() + 500) },
        // Not sent (e.g. waiting for approval): never public.
        {
          ...base,
          body: 'Brouillon interne.',
          deliveryStatus: 'queued',
          sentAt: new Date(Date.now() + 2000),
        },
        {
          ...base,
          direction: 'internal',
          body: 'Note interne.',
          deliveryStatus: 'received',
          sentAt: new Date(Date.now() + 3000),
        },
      ]);
      const answered = await get<GeoReportRequest[]>(`requests/${ref}.json`);
      expect(answered.body[0]).toMatchObject({
        status: 'open',
        status_notes: 'Un agent passera cette semaine.',
      });

      const cookie = await login(t, agent.email);
      const patched = await api(t, cookie, `/api/tickets/${ticket.id}`, {
        method: 'PATCH',
        body: { status: 'resolved' },
      });
      expect(patched.status).toBe(200);
      const closed = await get<GeoReportRequest[]>(`requests/${ref}.json`);
      expect(closed.body[0].status).toBe('closed');
    });

    it('filters by service_code, status, dates and ids (comma lists), newest first', async () => {
      const a = await createOne(request({ service_code: 'voirie' }));
      const b = await createOne(request({ service_code: 'etat-civil' }));
      const c = await createOne(request({ service_code: 'proprete' }));
      const old = await createOne(request({ service_code: 'voirie' }));
      const oldDate = new Date(Date.now() - 120 * 86_400_000);
      await t.db.getRepository(Ticket).update({ reference: Number(old) }, { createdAt: oldDate });
      await t.db.getRepository(Ticket).update({ reference: Number(c) }, { status: 'resolved' });

      const ids = async (query: string) => {
        const res = await get<GeoReportRequest[]>(`requests.json${query}`);
        expect(res.status).toBe(200);
        return res.body.map((r) => r.service_request_id);
      };
      // Without dates: the last 90 days.
      expect(await ids('')).toEqual([c, b, a]);
      expect(await ids('?service_code=voirie')).toEqual([a]);
      expect(await ids('?service_code=voirie,etat-civil')).toEqual([b, a]);
      expect(await ids('?status=closed')).toEqual([c]);
      expect(await ids('?status=open')).toEqual([b, a]);
      expect(await ids('?status=open,closed')).toEqual([c, b, a]);
      const start = new Date(oldDate.getTime() - 86_400_000).toISOString();
      const end = new Date(oldDate.getTime() + 86_400_000).toISOString();
      expect(await ids(`?start_date=${encodeURIComponent(start)}`)).toEqual([c, b, a, old]);
      expect(await ids(`?start_date=${start}&end_date=${end}`)).toEqual([old]);
      expect(await ids(`?end_date=${end}`)).toEqual([old]);
      expect(await ids(`?start_date=${start}&service_code=voirie&status=open`)).toEqual([a, old]);
      // Explicit ids override every other filter.
      expect(await ids(`?service_request_id=${old},${b}&service_code=proprete`)).toEqual([b, old]);

      for (const [query, field] of [
        ['?status=en-cours', 'status'],
        ['?start_date=hier', 'start_date'],
        ['?end_date=2026-13-45', 'end_date'],
        [`?start_date=${end}&end_date=${start}`, 'start_date'],
        ['?service_request_id=12,abc', 'service_request_id'],
      ]) {
        const res = await get<GeoReportError[]>(`requests.json${query}`);
        expect(res.status).toBe(400);
        expect(res.body).toEqual([{ code: 400, description: expect.stringContaining(field) as unknown }]);
      }
    });

    it('never shows a Facebook ticket', async () => {
      await makePageAccount(t);
      expect(
        (await postMetaWebhook(t, feedDelivery([{ message: 'Lampadaire cassé, Jean Martin' }]))).status,
      ).toBe(200);
      const fb = await t.db.getRepository(Ticket).findOneByOrFail({ platform: 'facebook' });
      const mine = await createOne(request());
      const list = await get<GeoReportRequest[]>('requests.json?service_code=voirie');
      expect(list.body.map((r) => r.service_request_id)).toEqual([mine]);
      expect(JSON.stringify(list.body)).not.toContain('Jean Martin');
      expect((await get(`requests/${fb.reference}.json`)).status).toBe(404);
      const byId = await get<GeoReportRequest[]>(`requests.json?service_request_id=${fb.reference},${mine}`);
      expect(byId.body.map((r) => r.service_request_id)).toEqual([mine]);
    });

    it('answers 404 for an unknown request, 400 for XML and 404 for other paths, in GeoReport shape', async () => {
      for (const id of ['999999', 'abc']) {
        const res = await get<GeoReportError[]>(`requests/${id}.json`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual([
          { code: 404, description: expect.stringContaining('service_request_id') as unknown },
        ]);
      }
      for (const path of ['services.xml', 'requests.xml', 'requests/1.xml', 'services/voirie.xml']) {
        const res = await get<GeoReportError[]>(path);
        expect(res.status).toBe(400);
        expect(res.body).toEqual([{ code: 400, description: expect.stringContaining('JSON') as unknown }]);
      }
      const xmlPost = await call<GeoReportError[]>('/open311/v2/requests.xml', { method: 'POST' });
      expect(xmlPost.status).toBe(400);
      const other = await get<GeoReportError[]>('discovery/abc.json');
      expect(other.status).toBe(404);
      expect(other.body[0].code).toBe(404);
      expect(await stored()).toEqual(nothing);
    });
  });

  describe('settings', () => {
    it('reads OPEN311_* with defaults and refuses short keys', () => {
      expect(loadConfig({}).open311).toEqual({
        apiKeys: [],
        webForm: true,
        postRateLimit: { limit: 30, windowSeconds: 600 },
        getRateLimit: { limit: 300, windowSeconds: 60 },
      });
      expect(loadConfig({ OPEN311_API_KEYS: `${API_KEY},,${OTHER_KEY}` }).open311.apiKeys).toEqual([
        API_KEY,
        OTHER_KEY,
      ]);
      expect(() => loadConfig({ OPEN311_API_KEYS: 'court' })).toThrow(ConfigError);
      expect(() => loadConfig({ OPEN311_POST_RATE_LIMIT: '0' })).toThrow(/OPEN311_POST_RATE_LIMIT/);
    });
  });
});
