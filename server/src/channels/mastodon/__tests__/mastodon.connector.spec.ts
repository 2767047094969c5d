import { PlatformError, type ConnectorAccount, type ReplyTarget } from '../../connector';
import { compareNumericIds, maxNumericId } from '../compare-numeric-ids';
import {
  MastodonConnector,
  mastodonIdempotencyKey,
  mentionsAcct,
  type MastodonCredentials,
} from '../mastodon.connector';
import {
  startTestHttpServer,
  type CannedResponse,
  type RecordedRequest,
  type TestHttpServer,
} from './test-http-server';

const TOWN = '109302746123456789';
const NOW = Date.parse('2025-01-10T12:00:00.000Z');

/** A minimal mention notification as Mastodon serves it. */
function mention(id: string, opts: { authorId?: string; status?: null; visibility?: string } = {}): unknown {
  const account = {
    id: opts.authorId ?? '42',
    username: 'marie',
    acct: 'marie@piaille.fr',
    display_name: 'Marie',
  };
  return {
    id,
    type: 'mention',
    created_at: '2025-01-10T08:00:00.000Z',
    account,
    status:
      opts.status === null
        ? null
        : {
            id: `s${id}`,
            created_at: '2025-01-10T08:00:00.000Z',
            in_reply_to_id: null,
            visibility: opts.visibility ?? 'public',
            spoiler_text: '',
            content: `<p>message ${id}</p>`,
            account,
            media_attachments: [],
            mentions: [{ id: TOWN, username: 'ville', acct: 'ville' }],
          },
  };
}

async function platformError(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('compareNumericIds', () => {
  it('orders ids beyond 2^53 by length then digits, without Number', () => {
    expect(compareNumericIds('9999999999999999', '10000000000000000')).toBe(-1);
    expect(compareNumericIds('113795424453219857', '113795424453219856')).toBe(1);
    expect(compareNumericIds('113795424453219856', '113795424453219856')).toBe(0);
    // Number would see these two as equal.
    expect(Number('9007199254740993') === Number('9007199254740992')).toBe(true);
    expect(compareNumericIds('9007199254740993', '9007199254740992')).toBe(1);
    expect(maxNumericId([null, '99', '100', null, '7'])).toBe('100');
    expect(maxNumericId([])).toBeNull();
  });
});

describe('MastodonConnector', () => {
  let server: TestHttpServer;
  let account: ConnectorAccount<MastodonCredentials>;
  const connector = new MastodonConnector({ now: () => NOW });

  beforeAll(async () => {
    server = await startTestHttpServer();
    account = { externalId: TOWN, baseUrl: `${server.baseUrl}/`, credentials: { accessToken: 'tok-123' } };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  describe('fetchSince', () => {
    it('reads only the newest page on the first poll, and returns it oldest first', async () => {
      server.respond(() => ({ body: [mention('1003'), mention('1002'), mention('1001')] }));
      const result = await connector.fetchSince(account, null);
      expect(server.requests).toHaveLength(1);
      const [req] = server.requests;
      expect(req.url.pathname).toBe('/api/v1/notifications');
      expect(req.url.searchParams.getAll('types[]')).toEqual(['mention']);
      expect(req.url.searchParams.get('limit')).toBe('40');
      expect(req.url.searchParams.has('min_id')).toBe(false);
      expect(req.headers.authorization).toBe('Bearer tok-123');
      expect(result.events.map((e) => e.type === 'message' && e.platformMessageId)).toEqual([
        's1001',
        's1002',
        's1003',
      ]);
      expect(result.cursor).toBe('1003');
    });

    it('walks forward from the cursor through Link rel="prev" until a page is empty', async () => {
      const pages: Record<string, { items: unknown[]; prev?: string; next?: string }> = {
        '9999999999999998': {
          items: [mention('10000000000000001'), mention('9999999999999999')],
          next: '9999999999999999',
          prev: '10000000000000001',
        },
        '10000000000000001': {
          items: [mention('10000000000000003'), mention('10000000000000002')],
          prev: '10000000000000003',
        },
        '10000000000000003': { items: [] },
      };
      server.respond((req): CannedResponse => {
        const page = pages[req.url.searchParams.get('min_id') ?? ''];
        if (!page) return { status: 404, body: { error: 'Record not found' } };
        const links = [
          page.next &&
            `<${server.baseUrl}/api/v1/notifications?types%5B%5D=mention&max_id=${page.next}>; rel="next"`,
          page.prev &&
            `<${server.baseUrl}/api/v1/notifications?types%5B%5D=mention&min_id=${page.prev}>; rel="prev"`,
        ].filter(Boolean);
        return { body: page.items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
      });
      const result = await connector.fetchSince(account, '9999999999999998');
      expect(server.requests.map((r) => r.url.searchParams.get('min_id'))).toEqual([
        '9999999999999998',
        '10000000000000001',
        '10000000000000003',
      ]);
      expect(result.events.map((e) => e.type === 'message' && e.platformMessageId)).toEqual([
        's9999999999999999',
        's10000000000000001',
        's10000000000000002',
        's10000000000000003',
      ]);
      expect(result.cursor).toBe('10000000000000003');
    });

    it('keeps the cursor when nothing is new', async () => {
      server.respond(() => ({ body: [] }));
      expect(await connector.fetchSince(account, '500')).toEqual({ events: [], cursor: '500' });
      expect(server.requests).toHaveLength(1);
    });

    it("moves the cursor past skipped notifications (deleted status, the town's own post)", async () => {
      server.respond((req) =>
        req.url.searchParams.get('min_id') === '10'
          ? { body: [mention('13', { authorId: TOWN }), mention('12', { status: null }), mention('11')] }
          : { body: [] },
      );
      const result = await connector.fetchSince(account, '10');
      expect(result.events).toHaveLength(1);
      expect(result.cursor).toBe('13');
      // Without a Link header, the next page starts after the newest id of this one.
      expect(server.requests[1].url.searchParams.get('min_id')).toBe('13');
    });

    it('stops early, keeping its progress, when the rate limit is about to run out', async () => {
      server.respond(() => ({
        body: [mention('21')],
        headers: { 'x-ratelimit-remaining': '0', link: `<${server.baseUrl}/x?min_id=21>; rel="prev"` },
      }));
      const result = await connector.fetchSince(account, '20');
      expect(server.requests).toHaveLength(1);
      expect(result.cursor).toBe('21');
      // No X-RateLimit-Reset: Mastodon's five-minute window.
      expect(result.waitMs).toBe(300_000);
    });

    it('maps a 429 to rate_limited with the wait until X-RateLimit-Reset', async () => {
      server.respond(() => ({
        status: 429,
        body: { error: 'Too many requests' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2025-01-10T12:05:00.000Z' },
      }));
      const err = await platformError(connector.fetchSince(account, '1'));
      expect(err.kind).toBe('rate_limited');
      expect(err.retryable).toBe(true);
      expect(err.message).toBe('Too many requests');
      expect(err.options).toEqual({ httpStatus: 429, retryAfterMs: 5 * 60 * 1000 });
    });
  });

  describe('sendReply', () => {
    const target = (hints: Record<string, string>, kind: ReplyTarget['kind'] = 'mention'): ReplyTarget => ({
      platformMessageId: '113795424401112233',
      kind,
      hints,
      sentAt: new Date(NOW),
    });
    const sent = (req: RecordedRequest): Record<string, unknown> =>
      JSON.parse(req.body) as Record<string, unknown>;

    beforeEach(() => server.respond(() => ({ body: { id: '113795999999999999', visibility: 'public' } })));

    it('replies in the same visibility, mentioning the citizen, and returns the status id', async () => {
      const result = await connector.sendReply(
        account,
        target({ visibility: 'unlisted', acct: 'marie@piaille.fr' }),
        'Merci, le service Voirie intervient demain.',
      );
      expect(result).toEqual({ platformMessageId: '113795999999999999' });
      const [req] = server.requests;
      expect(req.method).toBe('POST');
      expect(req.url.pathname).toBe('/api/v1/statuses');
      expect(req.headers.authorization).toBe('Bearer tok-123');
      expect(req.headers['content-type']).toBe('application/json');
      expect(sent(req)).toEqual({
        status: '@marie@piaille.fr Merci, le service Voirie intervient demain.',
        in_reply_to_id: '113795424401112233',
        visibility: 'unlisted',
      });
    });

    it('keeps a direct message direct, and does not mention twice', async () => {
      await connector.sendReply(
        account,
        target({ visibility: 'direct', acct: 'jeanbon' }, 'direct'),
        'Bonjour @jeanbon, votre dossier est en cours.',
      );
      expect(sent(server.requests[0])).toEqual({
        status: 'Bonjour @jeanbon, votre dossier est en cours.',
        in_reply_to_id: '113795424401112233',
        visibility: 'direct',
      });
    });

    it('falls back to direct for a direct target without hints, public otherwise', async () => {
      await connector.sendReply(account, target({}, 'direct'), 'a');
      await connector.sendReply(account, target({}), 'b');
      expect(server.requests.map((r) => sent(r).visibility)).toEqual(['direct', 'public']);
      expect(server.requests.map((r) => sent(r).status)).toEqual(['a', 'b']);
    });

    it('sends the same Idempotency-Key for a retried reply, another for another text or target', async () => {
      const hints = { visibility: 'public', acct: 'marie@piaille.fr' };
      await connector.sendReply(account, target(hints), 'Réponse');
      await connector.sendReply(account, target(hints), 'Réponse');
      await connector.sendReply(account, target(hints), 'Autre réponse');
      await connector.sendReply(account, { ...target(hints), platformMessageId: '1' }, 'Réponse');
      const keys = server.requests.map((r) => r.headers['idempotency-key']);
      expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(keys[1]).toBe(keys[0]);
      expect(new Set(keys).size).toBe(3);
      expect(keys[0]).toBe(
        mastodonIdempotencyKey(account, '113795424401112233', '@marie@piaille.fr Réponse'),
      );
    });

    it.each([
      [
        '429 with Retry-After and a plain-text body',
        { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '30' } },
        {
          kind: 'rate_limited',
          message: 'Too Many Requests',
          options: { httpStatus: 429, retryAfterMs: 30000 },
        },
      ],
      [
        '500',
        { status: 500, body: { error: 'We are sorry, but something went wrong' } },
        {
          kind: 'transient',
          message: 'We are sorry, but something went wrong',
          options: { httpStatus: 500 },
        },
      ],
      [
        '503 HTML page',
        { status: 503, body: '<html><body>Maintenance</body></html>' },
        { kind: 'transient', message: 'HTTP 503', options: { httpStatus: 503 } },
      ],
      [
        '401 invalid token',
        { status: 401, body: { error: 'The access token is invalid' } },
        { kind: 'auth', message: 'The access token is invalid', options: { httpStatus: 401 } },
      ],
      [
        '403 invalid token',
        { status: 403, body: { error: 'The access token is invalid' } },
        { kind: 'auth', message: 'The access token is invalid', options: { httpStatus: 403 } },
      ],
      [
        '403 not allowed',
        { status: 403, body: { error: 'This action is not allowed' } },
        { kind: 'rejected', message: 'This action is not allowed', options: { httpStatus: 403 } },
      ],
      [
        '422 validation',
        { status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } },
        {
          kind: 'rejected',
          message: 'Validation failed: Text character limit of 500 exceeded',
          options: { httpStatus: 422 },
        },
      ],
      [
        '404 deleted target',
        { status: 404, body: { error: 'Record not found' } },
        { kind: 'rejected', message: 'Record not found', options: { httpStatus: 404 } },
      ],
    ])('maps %s', async (_label, response, expected) => {
      server.respond(() => response);
      const err = await platformError(connector.sendReply(account, target({ visibility: 'public' }), 'x'));
      expect({ kind: err.kind, message: err.message, options: err.options }).toEqual(expected);
    });

    it('maps a timeout and an unreachable instance to transient', async () => {
      server.respond(() => ({ body: { id: '1' }, delayMs: 1000 }));
      const slow = new MastodonConnector({ timeoutMs: 100 });
      const timeout = await platformError(slow.sendReply(account, target({}), 'x'));
      expect(timeout.kind).toBe('transient');
      expect(timeout.message).toContain('délai dépassé');

      const down = await platformError(
        connector.sendReply({ ...account, baseUrl: 'http://127.0.0.1:1' }, target({}), 'x'),
      );
      expect(down.kind).toBe('transient');
      expect(down.retryable).toBe(true);
    });
  });
});

describe('mentionsAcct', () => {
  it('recognises a mention only as a whole handle', () => {
    expect(mentionsAcct('Bonjour @marie@piaille.fr !', 'marie@piaille.fr')).toBe(true);
    expect(mentionsAcct('@Marie@Piaille.fr merci', 'marie@piaille.fr')).toBe(true);
    // A bare @marie would reach a local namesake, not the remote citizen.
    expect(mentionsAcct('Bonjour @marie', 'marie@piaille.fr')).toBe(false);
    expect(mentionsAcct('Bonjour @marie.', 'marie')).toBe(true);
    expect(mentionsAcct('Bonjour @marie2', 'marie')).toBe(false);
    expect(mentionsAcct('écrire à jean@marie', 'marie')).toBe(false);
  });
});
