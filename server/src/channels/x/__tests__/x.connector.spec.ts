import { PlatformError, type ConnectorAccount, type ReplyTarget } from '../../connector';
import {
  loadFixture,
  startTestHttpServer,
  type CannedResponse,
  type TestHttpServer,
} from '../../mastodon/__tests__/test-http-server';
import { XConnector, type XCredentials } from '../x.connector';

const TOWN = '1300000000000000007';
const NOW = Date.parse('2025-01-10T12:00:00.000Z');

async function platformError(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

describe('XConnector', () => {
  let server: TestHttpServer;
  let account: ConnectorAccount<XCredentials>;
  const connector = new XConnector({ now: () => NOW });

  beforeAll(async () => {
    server = await startTestHttpServer();
    account = {
      externalId: TOWN,
      baseUrl: server.baseUrl,
      credentials: { bearerToken: 'app-bearer', userAccessToken: 'user-token' },
    };
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  describe('fetchSince', () => {
    it('follows next_token with since_id until X omits it, and returns events oldest first', async () => {
      server.respond((req) =>
        req.url.searchParams.get('pagination_token') === null
          ? { body: loadFixture('x', 'mentions-page-1.json') }
          : { body: loadFixture('x', 'mentions-last-page.json') },
      );
      const result = await connector.fetchSince(account, '1877600000000000000');
      expect(server.requests).toHaveLength(2);
      const [first, second] = server.requests;
      expect(first.url.pathname).toBe(`/2/users/${TOWN}/mentions`);
      expect(first.headers.authorization).toBe('Bearer app-bearer');
      expect(Object.fromEntries(first.url.searchParams)).toEqual({
        max_results: '100',
        'tweet.fields':
          'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,entities,note_tweet',
        expansions: 'author_id',
        'user.fields': 'name,username',
        since_id: '1877600000000000000',
      });
      expect(second.url.searchParams.get('since_id')).toBe('1877600000000000000');
      expect(second.url.searchParams.get('pagination_token')).toBe(
        '7140dibdnow9c7btw481sbz2t8dy0bhg3w7tecqbf7q9z',
      );
      expect(result.events.map((e) => e.type === 'message' && e.platformMessageId)).toEqual([
        '1877680000000000009',
        '1877700000000000000',
        '1877712345678901250',
      ]);
      expect(result.cursor).toBe('1877712345678901250');
    });

    it('reads only the newest page on the first poll', async () => {
      server.respond(() => ({ body: loadFixture('x', 'mentions-page-1.json') }));
      const result = await connector.fetchSince(account, null);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].url.searchParams.has('since_id')).toBe(false);
      expect(result.events).toHaveLength(2);
      expect(result.cursor).toBe('1877712345678901250');
    });

    it('keeps the cursor on an empty page', async () => {
      server.respond(() => ({ body: loadFixture('x', 'mentions-empty.json') }));
      expect(await connector.fetchSince(account, '1877712345678901250')).toEqual({
        events: [],
        cursor: '1877712345678901250',
      });
      expect(server.requests).toHaveLength(1);
    });

    it('compares ids as big integers, not as Numbers', async () => {
      // 9007199254740993 and 9007199254740992 are the same Number.
      server.respond(() => ({
        body: {
          data: [
            { id: '9007199254740993', text: 'b', author_id: '5' },
            { id: '9007199254740992', text: 'a', author_id: '5' },
          ],
          meta: { result_count: 2 },
        },
      }));
      const result = await connector.fetchSince(account, '9007199254740991');
      expect(result.cursor).toBe('9007199254740993');
      expect(result.events.map((e) => e.type === 'message' && e.body)).toEqual(['a', 'b']);
    });

    it('keeps what it read but not the cursor when the rate limit runs out mid-walk, and waits for the reset', async () => {
      server.respond(() => ({
        body: loadFixture('x', 'mentions-page-1.json'),
        headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + 600) },
      }));
      const result = await connector.fetchSince(account, '1');
      expect(server.requests).toHaveLength(1);
      // Moving the cursor to the newest id would leave the unread older pages behind it.
      expect(result.cursor).toBe('1');
      expect(result.events).toHaveLength(2);
      expect(result.waitMs).toBe(600_000);
    });

    it('treats a 200 carrying only errors as a refusal', async () => {
      server.respond(() => ({
        body: { errors: [{ title: 'Not Found Error', detail: `Could not find user with id: [${TOWN}].` }] },
      }));
      const err = await platformError(connector.fetchSince(account, null));
      expect(err.kind).toBe('rejected');
      expect(err.message).toBe(`Could not find user with id: [${TOWN}].`);
    });

    it('stops a pagination that never ends', async () => {
      let n = 0;
      server.respond(() => ({
        body: { data: [{ id: String(100 + n), text: 'x', author_id: '5' }], meta: { next_token: `t${n++}` } },
      }));
      const err = await platformError(new XConnector({ maxPages: 3 }).fetchSince(account, '1'));
      expect(err.kind).toBe('transient');
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('sendReply', () => {
    const target: ReplyTarget = {
      platformMessageId: '1877712345678901250',
      kind: 'mention',
      hints: { username: 'lucasb' },
      sentAt: new Date(NOW),
    };

    it('posts a reply with the user token and returns data.id', async () => {
      server.respond(() => ({ status: 201, body: { data: { id: '1877800000000000001', text: 'ok' } } }));
      const result = await connector.sendReply(
        account,
        target,
        'Merci, nous transmettons au service Voirie.',
      );
      expect(result).toEqual({ platformMessageId: '1877800000000000001' });
      const [req] = server.requests;
      expect(req.method).toBe('POST');
      expect(req.url.pathname).toBe('/2/tweets');
      expect(req.headers.authorization).toBe('Bearer user-token');
      expect(JSON.parse(req.body)).toEqual({
        text: 'Merci, nous transmettons au service Voirie.',
        reply: { in_reply_to_tweet_id: '1877712345678901250' },
      });
    });

    it('refuses a body over 280 characters without calling X', async () => {
      const err = await platformError(connector.sendReply(account, target, 'é'.repeat(281)));
      expect(err.kind).toBe('rejected');
      expect(server.requests).toHaveLength(0);
      server.respond(() => ({ status: 201, body: { data: { id: '1' } } }));
      await expect(connector.sendReply(account, target, 'é'.repeat(280))).resolves.toEqual({
        platformMessageId: '1',
      });
    });

    it.each<[string, CannedResponse, Pick<PlatformError, 'kind' | 'message' | 'options'>]>([
      [
        '429 with a plain-text body',
        {
          status: 429,
          body: 'Too Many Requests',
          headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + 90) },
        },
        {
          kind: 'rate_limited',
          message: 'Too Many Requests',
          options: { httpStatus: 429, retryAfterMs: 90_000 },
        },
      ],
      [
        '429 of the daily posting cap, JSON body',
        {
          status: 429,
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
          headers: {
            'x-rate-limit-remaining': '99',
            'x-rate-limit-reset': String(NOW / 1000 + 60),
            'x-user-limit-24hour-remaining': '0',
            'x-user-limit-24hour-reset': String(NOW / 1000 + 3600),
          },
        },
        {
          kind: 'rate_limited',
          message: 'Too Many Requests',
          options: { httpStatus: 429, retryAfterMs: 3_600_000 },
        },
      ],
      [
        '500',
        { status: 500, body: 'Internal Server Error' },
        { kind: 'transient', message: 'Internal Server Error', options: { httpStatus: 500 } },
      ],
      [
        '401',
        {
          status: 401,
          body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
        },
        { kind: 'auth', message: 'Unauthorized', options: { httpStatus: 401 } },
      ],
      [
        '403 duplicate content',
        {
          status: 403,
          body: {
            detail: 'You are not allowed to create a Tweet with duplicate content.',
            type: 'about:blank',
            title: 'Forbidden',
            status: 403,
          },
        },
        {
          kind: 'rejected',
          message: 'You are not allowed to create a Tweet with duplicate content.',
          options: { httpStatus: 403 },
        },
      ],
      [
        '400 invalid request',
        {
          status: 400,
          body: {
            errors: [{ parameters: { text: [''] }, message: 'text must not be empty' }],
            title: 'Invalid Request',
            detail: 'One or more parameters to your request was invalid.',
            type: 'https://api.twitter.com/2/problems/invalid-request',
          },
        },
        {
          kind: 'rejected',
          message: 'One or more parameters to your request was invalid. — text must not be empty',
          options: { httpStatus: 400 },
        },
      ],
    ])('maps %s', async (_label, response, expected) => {
      server.respond(() => response);
      const err = await platformError(connector.sendReply(account, target, 'x'));
      expect({ kind: err.kind, message: err.message, options: err.options }).toEqual(expected);
    });

    it('maps a timeout to transient', async () => {
      server.respond(() => ({ status: 201, body: { data: { id: '1' } }, delayMs: 1000 }));
      const err = await platformError(new XConnector({ timeoutMs: 100 }).sendReply(account, target, 'x'));
      expect(err.kind).toBe('transient');
    });
  });
});
