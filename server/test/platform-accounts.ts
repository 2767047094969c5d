import type { MessageView } from '@guichet/shared';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { ChannelPollService } from '../src/channels/channel-poll.service';
import { encryptCredentials } from '../src/channels/credentials-cipher';
import { APP_SECRETS, type AppSecrets } from '../src/config/config.module';
import { InboundQueue } from '../src/tickets/inbound-queue';
import { Message } from '../src/tickets/message.entity';
import { ReplyOutboxWorker } from '../src/tickets/reply-outbox.worker';
import { Ticket } from '../src/tickets/ticket.entity';
import { api, login, makeUser } from './factories';
import type { TestApp } from './test-app';

/** A connected account of the town on one of the fake platforms of `t.platform`. */
export async function connectFakeAccount(
  t: TestApp,
  platform: 'facebook' | 'instagram' | 'mastodon' | 'x',
  overrides: Partial<ChannelAccount> = {},
): Promise<ChannelAccount> {
  const { meta, mastodon, x } = t.platform;
  const secrets = t.app.get<AppSecrets>(APP_SECRETS);
  const setup = {
    facebook: { externalId: meta.pageId, credentials: { pageAccessToken: 'page-token-123' }, baseUrl: null },
    instagram: {
      externalId: meta.instagramId,
      credentials: { pageAccessToken: 'ig-token-123' },
      baseUrl: null,
    },
    mastodon: {
      externalId: mastodon.town.id,
      credentials: { accessToken: 'masto-token' },
      baseUrl: t.platform.url,
    },
    // X's base URL comes from X_API_URL, pointed at the fake by startTestApp.
    x: {
      externalId: x.town.id,
      credentials: { bearerToken: 'x-app-bearer', userAccessToken: 'x-user-token' },
      baseUrl: null,
    },
  }[platform];
  return t.db.getRepository(ChannelAccount).save({
    platform,
    externalId: setup.externalId,
    name: `Ville sur ${platform}`,
    baseUrl: setup.baseUrl,
    credentialsEncrypted: encryptCredentials(setup.credentials, secrets.credentialsKey),
    ...overrides,
  });
}

/** Waits until every received event (webhook, poll, stream) has been processed into tickets. */
export function settle(t: TestApp): Promise<void> {
  return t.app.get(InboundQueue).settle();
}

/** Makes every account due, runs one polling pass and processes what it fetched; returns how many accounts were polled. */
export async function pollNow(t: TestApp): Promise<number> {
  await t.db.query('UPDATE channel_accounts SET next_poll_at = now()');
  return pollDue(t);
}

/** Runs one polling pass without touching the schedule (what the worker would do now). */
export async function pollDue(t: TestApp): Promise<number> {
  const polled = await t.app.get(ChannelPollService).pollDue();
  await settle(t);
  return polled;
}

export const accountRow = (t: TestApp, platform: ChannelAccount['platform']) =>
  t.db.getRepository(ChannelAccount).findOneByOrFail({ platform });

/** Citizen messages stored, once everything received is processed. */
export async function inboundCount(t: TestApp): Promise<number> {
  await settle(t);
  return t.db.getRepository(Message).countBy({ direction: 'inbound' });
}

/** An agent of the service the message's ticket was routed to, logged in. */
export async function agentFor(
  t: TestApp,
  platformMessageId: string,
): Promise<{ cookie: string; ticketId: string }> {
  await settle(t);
  const message = await t.db.getRepository(Message).findOneByOrFail({ platformMessageId });
  const ticket = await t.db
    .getRepository(Ticket)
    .findOneOrFail({ where: { id: message.ticketId }, relations: { service: true } });
  const user = await makeUser(t.db, { services: [ticket.service] });
  return { cookie: await login(t, user.email), ticketId: ticket.id };
}

export function replyTo(t: TestApp, cookie: string, ticketId: string, body: string) {
  return api<MessageView>(t, cookie, `/api/tickets/${ticketId}/replies`, { method: 'POST', body: { body } });
}

/** Time passes: every queued retry is due now; then one outbox sweep. */
export async function sweepOutboxNow(t: TestApp): Promise<number> {
  await t.db.query(`UPDATE messages SET next_attempt_at = now() WHERE delivery_status = 'queued'`);
  return t.app.get(ReplyOutboxWorker).sweep();
}
