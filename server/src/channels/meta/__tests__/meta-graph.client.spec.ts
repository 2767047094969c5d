import { startTestHttpServer, type TestHttpServer } from '../../mastodon/__tests__/test-http-server';
import { PlatformError } from '../../connector';
import { MetaGraphClient } from '../meta-graph.client';
import { metaUsage } from '../meta-usage';

describe('MetaGraphClient', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });
  const client = () =>
    new MetaGraphClient(
      { externalId: '1', baseUrl: `${server.baseUrl}/v23.0`, credentials: { pageAccessToken: 'tok' } },
      2000,
    );

  it('follows paging.next on the same host only, never sending the token elsewhere', async () => {
    server.respond((req) =>
      req.url.searchParams.get('after') === '2'
        ? { body: { data: [{ id: 'c' }], paging: { next: 'https://elsewhere.example/v23.0/x?after=3' } } }
        : {
            body: { data: [{ id: 'a' }, { id: 'b' }], paging: { next: `${server.baseUrl}/v23.0/x?after=2` } },
          },
    );
    const pages: unknown[][] = [];
    for await (const page of client().pages('x')) pages.push(page);
    expect(pages).toEqual([[{ id: 'a' }, { id: 'b' }], [{ id: 'c' }]]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok', 'Bearer tok']);
  });

  it('remembers the usage headers and maps throttling to rate_limited with the time to regain access', async () => {
    const usage = JSON.stringify({
      '1': [
        {
          type: 'pages',
          call_count: 100,
          total_cputime: 12,
          total_time: 30,
          estimated_time_to_regain_access: 7,
        },
      ],
    });
    server.respond(() => ({
      status: 400,
      headers: { 'x-business-use-case-usage': usage, 'x-app-usage': '{"call_count":40}' },
      body: { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32 } },
    }));
    const graph = client();
    const err = await graph.get('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect((err as PlatformError).kind).toBe('rate_limited');
    expect((err as PlatformError).options.retryAfterMs).toBe(7 * 60_000);
    expect(graph.nearLimit).toBe(true);
  });
});

describe('metaUsage', () => {
  it('takes the highest share across X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage', () => {
    const headers = new Headers({
      'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":25}',
      'x-page-usage': '{"call_count":61,"total_time":5,"total_cputime":5}',
      'x-business-use-case-usage':
        '{"9":[{"type":"pages","call_count":3,"estimated_time_to_regain_access":0}]}',
    });
    expect(metaUsage(headers)).toEqual({ percent: 61, regainMs: 0 });
    expect(metaUsage(new Headers({ 'x-app-usage': 'not json' }))).toEqual({ percent: 0, regainMs: 0 });
  });
});
