import { Message } from '../src/tickets/message.entity';
import { Ticket } from '../src/tickets/ticket.entity';
import { feedDelivery, makePageAccount, makeTown, PAGE_ID, postMetaWebhook } from './factories';
import { startTestApp, type TestApp } from './test-app';

describe('Replayed webhook deliveries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await makeTown(t.db);
    await makePageAccount(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores each of 100 comments once through 1,000 deliveries, replays and concurrency included', async () => {
    const deliveries = Array.from({ length: 100 }, (_, i) =>
      JSON.stringify(
        feedDelivery([
          {
            commentId: `7100_${i}`,
            postId: `${PAGE_ID}_7100`,
            parentId: i % 10 === 0 ? undefined : `7100_${i - (i % 10)}`,
            message: `Signalement ${i} : nid de poule`,
          },
        ]),
      ),
    );
    const all = Array.from({ length: 1000 }, (_, i) => deliveries[(i * 37) % 100]);
    const statuses: number[] = [];
    for (let i = 0; i < all.length; i += 25) {
      const batch = await Promise.all(all.slice(i, i + 25).map((body) => postMetaWebhook(t, body)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await t.db.getRepository(Message).count()).toBe(100);
    // Ten threads of ten: each top-level comment and its nine replies.
    expect(await t.db.getRepository(Ticket).count()).toBe(10);
  }, 180_000);
});
