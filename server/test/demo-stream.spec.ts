import { join } from 'node:path';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { loadCorpus } from '../src/demo/corpus';
import { connectDemoPlatforms, isDemoTown, seedDemoTown } from '../src/demo/seed-demo-town';
import { CitizenMessageStream, type EmittedMessage } from '../src/dev/fake-platform/stream';
import { Message } from '../src/tickets/message.entity';
import { inboundCount, pollNow } from './platform-accounts';
import { startTestApp, type TestApp } from './test-app';

/** A fixed sequence, so the test sees the same messages every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('The demo: seeded town and live citizen messages on every platform', () => {
  let t: TestApp;
  const corpus = loadCorpus(
    join(process.cwd().endsWith('server') ? process.cwd() : join(process.cwd(), 'server')),
  );
  beforeAll(async () => {
    t = await startTestApp({ POLL_SWEEP_MS: '600000', MASTODON_STREAMING: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    await seedDemoTown(t.app, corpus, { passwordHashCost: 4, messages: 6 });
    expect(await isDemoTown(t.app)).toBe(true);
    await connectDemoPlatforms(t.app, t.platform.url);
  });

  it('connects Facebook, Instagram, Mastodon and X, and every streamed message reaches the inbox once', async () => {
    const platforms = (await t.db.getRepository(ChannelAccount).find()).map((a) => a.platform).sort();
    expect(platforms).toEqual(['facebook', 'instagram', 'mastodon', 'x']);
    const seededCount = await inboundCount(t);
    const emitted: EmittedMessage[] = [];
    const stream = new CitizenMessageStream(t.platform, corpus, { intervalMs: 0, random: seeded(7) });
    for (let i = 0; i < 40; i++) emitted.push(await stream.emit());
    // Meta's arrive by signed webhook; Mastodon's and X's by polling.
    await pollNow(t);
    expect(await inboundCount(t)).toBe(seededCount + 40);
    for (const m of emitted) {
      expect(await t.db.getRepository(Message).countBy({ platformMessageId: m.platformId })).toBe(1);
    }
    expect(new Set(emitted.map((m) => m.channel)).size).toBeGreaterThanOrEqual(5);
    expect(emitted.some((m) => m.followUp)).toBe(true);
    const accounts = await t.db.getRepository(ChannelAccount).find();
    expect(accounts.map((a) => a.lastError)).toEqual([null, null, null, null]);
  });

  it('keeps its pace in the background until stopped', async () => {
    const before = await inboundCount(t);
    const stream = new CitizenMessageStream(t.platform, corpus, { intervalMs: 40, random: seeded(3) });
    stream.start();
    await new Promise((r) => setTimeout(r, 600));
    await stream.stop();
    await pollNow(t);
    const after = await inboundCount(t);
    expect(after - before).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 200));
    await pollNow(t);
    expect(await inboundCount(t)).toBe(after);
  });
});
