import { InboundQueue } from '../src/tickets/inbound-queue';
import type { Role, ServiceMemberRole } from '@guichet/shared';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/password';
import { ChannelAccount } from '../src/channels/channel-account.entity';
import { encryptCredentials } from '../src/channels/credentials-cipher';
import { signMetaPayload } from '../src/channels/meta/meta-signature';
import { APP_SECRETS, type AppSecrets } from '../src/config/config.module';
import { DEFAULT_SERVICE_CALENDAR } from '../src/domain/sla';
import { Service } from '../src/services/service.entity';
import { SlaPolicy } from '../src/sla/sla-policy.entity';
import { User } from '../src/users/user.entity';
import { ServiceMember } from '../src/services/service-member.entity';
import { RoutingRuleRecord } from '../src/routing/routing-rule.entity';
import type { BusinessCalendar } from '../src/domain/sla';
import { TEST_APP_SECRET, type TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';
export const PAGE_ID = '104857362948571';

let counter = 0;
const next = () => ++counter;

export async function makeService(db: DataSource, overrides: Partial<Service> = {}): Promise<Service> {
  const n = next();
  return db.getRepository(Service).save({
    slug: `service-${n}`,
    name: `Service ${n}`,
    keywords: [],
    isTriage: false,
    calendar: DEFAULT_SERVICE_CALENDAR,
    ...overrides,
  });
}

/**
 * A person and their memberships: a service head heads each of `services`, anyone else is an agent
 * there (`memberRole` overrides).
 */
export async function makeUser(
  db: DataSource,
  overrides: {
    role?: Role;
    services?: Service[];
    memberRole?: ServiceMemberRole;
    email?: string;
    active?: boolean;
    displayName?: string;
    calendar?: BusinessCalendar | null;
  } = {},
): Promise<User> {
  const n = next();
  const role = overrides.role ?? 'agent';
  const user = await db.getRepository(User).save({
    email: overrides.email ?? `user${n}@ville.example`,
    displayName: overrides.displayName ?? `Agent ${n}`,
    role,
    active: overrides.active ?? true,
    passwordHash: await hashPassword(PASSWORD, 4),
    calendar: overrides.calendar ?? null,
  });
  const memberRole = overrides.memberRole ?? (role === 'service_head' ? 'service_head' : 'agent');
  const services = overrides.services ?? [];
  if (services.length > 0) {
    await db
      .getRepository(ServiceMember)
      .insert(services.map((s) => ({ userId: user.id, serviceId: s.id, role: memberRole })));
  }
  return user;
}

/** A routing rule, last in the order. */
export async function makeRule(
  db: DataSource,
  rule: Pick<RoutingRuleRecord, 'name' | 'conditions' | 'actions'> & Partial<RoutingRuleRecord>,
): Promise<RoutingRuleRecord> {
  const last = (await db.getRepository(RoutingRuleRecord).maximum('position')) ?? 0;
  return db.getRepository(RoutingRuleRecord).save({ position: last + 1, ...rule });
}

/** The town's Facebook Page, with a page token encrypted under the app's SECRET_KEY-derived key. */
export async function makePageAccount(
  t: TestApp,
  overrides: Partial<ChannelAccount> = {},
): Promise<ChannelAccount> {
  const secrets = t.app.get<AppSecrets>(APP_SECRETS);
  return t.db.getRepository(ChannelAccount).save({
    platform: 'facebook',
    externalId: PAGE_ID,
    name: 'Ville de Test',
    credentialsEncrypted: encryptCredentials({ pageAccessToken: 'page-token-123' }, secrets.credentialsKey),
    ...overrides,
  });
}

/** A standard town: triage (Accueil) plus Voirie and Propreté, each with a keyword routing rule. */
export async function makeTown(db: DataSource) {
  const accueil = await makeService(db, { slug: 'accueil', name: 'Accueil', isTriage: true });
  const voirie = await makeService(db, {
    slug: 'voirie',
    name: 'Voirie',
    keywords: ['nid de poule', 'nids de poule', 'lampadaire*', 'trottoir*'],
  });
  const proprete = await makeService(db, {
    slug: 'proprete',
    name: 'Propreté',
    keywords: ['poubelle*', 'ordures', 'encombrants'],
  });
  for (const service of [voirie, proprete]) {
    await makeRule(db, {
      name: service.name,
      conditions: { keywords: service.keywords },
      actions: { serviceId: service.id },
    });
  }
  return { accueil, voirie, proprete };
}

export interface FeedComment {
  commentId?: string | number;
  postId?: string;
  parentId?: string;
  message?: string;
  from?: { id: string | number; name?: string } | null;
  senderId?: string | number;
  senderName?: string;
  verb?: string;
  createdTime?: number | string;
  pageId?: string;
}

/** A Page `feed` webhook delivery shaped like Meta's documented examples. */
export function feedDelivery(comments: FeedComment[]): Record<string, unknown> {
  return {
    object: 'page',
    entry: comments.map((c) => {
      const n = next();
      const pageId = c.pageId ?? PAGE_ID;
      const postId = c.postId ?? `${pageId}_900${n}`;
      const value: Record<string, unknown> = {
        item: 'comment',
        verb: c.verb ?? 'add',
        comment_id: c.commentId ?? `${postId.split('_')[1]}_${100000 + n}`,
        post_id: postId,
        parent_id: c.parentId ?? postId,
        created_time: c.createdTime ?? Math.floor(Date.now() / 1000),
        message: c.message ?? 'Bonjour, il y a un nid de poule rue de la République.',
        post: {
          status_type: 'added_photos',
          is_published: true,
          permalink_url: `https://www.facebook.com/${postId}`,
        },
      };
      if (c.from !== null) value.from = c.from ?? { id: `${7000 + n}`, name: `Citoyen ${n}` };
      if (c.senderId !== undefined) value.sender_id = c.senderId;
      if (c.senderName !== undefined) value.sender_name = c.senderName;
      return { id: pageId, time: Math.floor(Date.now() / 1000), changes: [{ field: 'feed', value }] };
    }),
  };
}

/** POSTs a raw body to the Meta webhook, signed with the test app secret unless told otherwise. */
export async function postMetaWebhook(
  t: TestApp,
  body: unknown,
  options: { signature?: string | null; secret?: string; settle?: boolean } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature =
    options.signature === undefined
      ? signMetaPayload(raw, options.secret ?? TEST_APP_SECRET)
      : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${t.url}/api/webhooks/meta`, { method: 'POST', headers, body: raw });
  // The webhook is acknowledged once stored; by default, wait for its processing too.
  if (res.ok && options.settle !== false) await t.app.get(InboundQueue).settle();
  return res;
}

/** Logs in and returns the session cookie header value. */
export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${t.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0];
}

export async function api<T = unknown>(
  t: TestApp,
  cookie: string | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${t.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // plain text answer (the webhook handshake)
  }
  return { status: res.status, body: body as T };
}

/** An SLA policy matching every ticket unless told otherwise (targets in business minutes). */
export async function makeSlaPolicy(db: DataSource, overrides: Partial<SlaPolicy> = {}): Promise<SlaPolicy> {
  const position = ((await db.getRepository(SlaPolicy).maximum('position')) ?? 0) + 1;
  return db.getRepository(SlaPolicy).save({
    name: `Politique ${position}`,
    position,
    priority: null,
    platform: null,
    firstResponseMinutes: 420,
    nextResponseMinutes: 840,
    resolutionMinutes: 2100,
    ...overrides,
  });
}
