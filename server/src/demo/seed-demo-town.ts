import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { DEFAULT_SERVICE_CALENDAR } from '../domain/sla';
import { ChannelAccount } from '../channels/channel-account.entity';
import { ChannelsService } from '../channels/channels.service';
import { SlaClockService } from '../sla/sla-clock.service';
import { IngestInboundService } from '../tickets/ingest-inbound.service';
import { TicketStatusService } from '../tickets/ticket-status.service';
import { Message } from '../tickets/message.entity';
import { Ticket } from '../tickets/ticket.entity';
import { ClassifierExample } from '../routing/classifier-example.entity';
import { ClassifierService } from '../routing/classifier.service';
import { RoutingRuleRecord } from '../routing/routing-rule.entity';
import { ServiceMember } from '../services/service-member.entity';
import { Service } from '../services/service.entity';
import { User } from '../users/user.entity';
import type { CorpusMessage } from './corpus';
import {
  DEMO_INSTAGRAM,
  DEMO_MASTODON,
  DEMO_PAGE,
  DEMO_PASSWORD,
  DEMO_RULES,
  DEMO_SERVICES,
  DEMO_USERS,
  DEMO_X,
} from './demo-town';
import { seedDemoAnswers } from './seed-demo-answers';

const SEEDED_SERVICES = new Set(DEMO_SERVICES.map((s) => s.slug));
const REPLIES: Record<string, string> = {
  voirie:
    'Bonjour, merci pour votre signalement. Les services techniques interviendront dans les meilleurs délais.',
  proprete: 'Bonjour, merci de votre message. Le service Propreté a programmé un passage cette semaine.',
  'espaces-verts': 'Bonjour, nos jardiniers vont passer vérifier sur place. Merci de votre vigilance.',
  'etat-civil':
    'Bonjour, vous pouvez prendre rendez-vous en ligne sur le site de la ville ou au 03 00 00 00 00. Bonne journée.',
  accueil: 'Bonjour, merci pour votre message, nous revenons vers vous rapidement.',
};

/** Small deterministic generator so every fresh demo looks the same. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export async function isDatabaseEmpty(app: INestApplication): Promise<boolean> {
  return (await app.get<DataSource>(getDataSourceToken()).getRepository(User).count()) === 0;
}

/** Whether this database holds the demo town (its Facebook Page is connected). */
export async function isDemoTown(app: INestApplication): Promise<boolean> {
  return app
    .get<DataSource>(getDataSourceToken())
    .getRepository(ChannelAccount)
    .existsBy({ platform: 'facebook', externalId: DEMO_PAGE.id });
}

/**
 * The demo's Instagram, Mastodon and X accounts, on the fake platforms at `platformUrl` (X follows
 * X_API_URL, Instagram META_GRAPH_URL; Mastodon keeps its instance URL on the account). Run at every
 * start: the fake listens on a new port each time.
 */
export async function connectDemoPlatforms(app: INestApplication, platformUrl: string): Promise<void> {
  const channels = app.get(ChannelsService);
  await channels.connect('instagram', DEMO_INSTAGRAM.id, `@${DEMO_INSTAGRAM.username}`, {
    pageAccessToken: DEMO_INSTAGRAM.accessToken,
  });
  await channels.connect(
    'mastodon',
    DEMO_MASTODON.id,
    `@${DEMO_MASTODON.username}@${DEMO_MASTODON.domain}`,
    { accessToken: DEMO_MASTODON.accessToken },
    platformUrl,
  );
  await channels.connect('x', DEMO_X.id, `@${DEMO_X.username}`, {
    bearerToken: DEMO_X.bearerToken,
    userAccessToken: DEMO_X.userAccessToken,
  });
}

/**
 * The demo town of Valbrune: five services, a user of each role, a connected Facebook Page, routing
 * rules and a classifier trained on the demo corpus, and citizen comments from the last ten days
 * arriving through the same ingestion path as webhooks.
 */
export async function seedDemoTown(
  app: INestApplication,
  corpus: CorpusMessage[],
  options: { now?: Date; passwordHashCost: number; messages?: number },
): Promise<void> {
  const now = options.now ?? new Date();
  const db = app.get<DataSource>(getDataSourceToken());
  const services = new Map<string, Service>();
  for (const s of DEMO_SERVICES) {
    const saved = await db.getRepository(Service).save({
      slug: s.slug,
      name: s.name,
      description: s.description,
      isTriage: s.isTriage ?? false,
      keywords: s.keywords,
      open311Listed: !s.isTriage,
      assignmentMode: s.assignmentMode ?? 'manual',
      maxOpenPerAgent: s.maxOpenPerAgent ?? null,
      calendar: DEFAULT_SERVICE_CALENDAR,
    });
    services.set(s.slug, saved);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD, options.passwordHashCost);
  const users = new Map<string, User>();
  for (const u of DEMO_USERS) {
    const user = await db.getRepository(User).save({
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      passwordHash,
    });
    if (u.services.length > 0) {
      await db.getRepository(ServiceMember).insert(
        u.services.map((slug) => ({
          userId: user.id,
          serviceId: (services.get(slug) as Service).id,
          role: u.role === 'service_head' ? ('service_head' as const) : ('agent' as const),
        })),
      );
    }
    users.set(u.email, user);
  }
  await seedDemoAnswers(
    db,
    services,
    DEMO_USERS.map((u) => ({ id: (users.get(u.email) as User).id, role: u.role, services: u.services })),
    now,
  );
  const account = await app
    .get(ChannelsService)
    .connect('facebook', DEMO_PAGE.id, DEMO_PAGE.name, { pageAccessToken: DEMO_PAGE.accessToken });

  await seedRouting(app, services, corpus);

  const rand = random(2026);
  const ingest = app.get(IngestInboundService);
  // Messages the classifier never trained on, so the demo shows honest decisions (some stay in triage).
  const picked = corpus
    .filter((m) => SEEDED_SERVICES.has(m.service) && m.split === 'test')
    .slice(0, options.messages ?? 42);
  const posts = ['7001', '7002', '7003', '7004'].map((n) => `${DEMO_PAGE.id}_${n}`);
  const responders = [...users.values()].filter((u) => u.role === 'agent' || u.role === 'service_head');
  for (const [i, m] of picked.entries()) {
    // Spread over the last ten days, oldest first.
    const at = new Date(now.getTime() - ((picked.length - i) * (10 * 24 * 60 * 60_000)) / picked.length);
    const postId = posts[i % posts.length];
    const commentId = `${postId.split('_')[1]}_${100_000 + i}`;
    const result = await ingest.ingest(
      {
        type: 'message',
        platform: 'facebook',
        accountExternalId: DEMO_PAGE.id,
        kind: 'comment',
        platformMessageId: commentId,
        platformParentId: postId,
        threadKey: commentId,
        author: { platformUserId: String(5_000_000_000 + i * 7919), displayName: m.author, handle: null },
        body: m.text,
        sentAt: at,
        context: { postId, permalink: null },
        raw: { demo: true, corpusId: m.id },
      },
      at,
    );
    if (result.outcome !== 'created' || rand() < 0.3) continue;
    const ticket = await db.getRepository(Ticket).findOneByOrFail({ id: result.ticketId });
    const responder = responders[Math.floor(rand() * responders.length)];
    const minutes = Math.round(15 + rand() * rand() * 900);
    const repliedAt = new Date(at.getTime() + minutes * 60_000);
    if (repliedAt > now) continue;
    const slug = [...services.entries()].find(([, s]) => s.id === ticket.serviceId)?.[0] ?? 'accueil';
    await db.getRepository(Message).insert({
      ticketId: ticket.id,
      channelAccountId: account.id,
      platformMessageId: `${commentId}_r`,
      platformParentId: commentId,
      direction: 'outbound',
      kind: 'comment',
      body: REPLIES[slug] ?? REPLIES.accueil,
      authorUserId: responder.id,
      deliveryStatus: 'sent',
      sentAt: repliedAt,
    });
    await db.getRepository(Ticket).update({ id: ticket.id }, { lastMessageAt: repliedAt });
    await db.transaction(async (manager) => {
      const statuses = app.get(TicketStatusService);
      await statuses.change(manager, ticket, 'open', responder.id, repliedAt);
      if (rand() < 0.6) {
        const resolvedAt = new Date(repliedAt.getTime() + 30 * 60_000);
        if (resolvedAt < now)
          await statuses.change(
            manager,
            { id: ticket.id, status: 'open' },
            'resolved',
            responder.id,
            resolvedAt,
          );
      }
      await app.get(SlaClockService).recompute(manager, ticket.id, now);
    });
  }
  // Clocks as of now, so what is overdue shows (and fires) as overdue.
  await db.transaction((manager) => app.get(SlaClockService).recomputeOpen(manager, null, now));
}

/**
 * The rules, and the classifier's cold start: the corpus's training split as examples (slugs mapped
 * to the town's services, the others left out), trained before the demo messages arrive.
 */
async function seedRouting(app: INestApplication, services: Map<string, Service>, corpus: CorpusMessage[]) {
  const db = app.get<DataSource>(getDataSourceToken());
  await db.getRepository(RoutingRuleRecord).insert(
    DEMO_RULES.map(({ actions: { serviceSlug, ...actions }, ...rule }, i) => ({
      position: i + 1,
      name: rule.name,
      enabled: rule.enabled ?? true,
      continues: rule.continue ?? false,
      conditions: rule.conditions,
      actions: serviceSlug ? { ...actions, serviceId: (services.get(serviceSlug) as Service).id } : actions,
    })),
  );
  const examples = corpus.flatMap((m) => {
    const service = services.get(m.service);
    return m.split === 'train' && service ? [{ text: m.text, serviceId: service.id, source: 'corpus' }] : [];
  });
  await db.getRepository(ClassifierExample).insert(examples);
  const classifier = app.get(ClassifierService);
  // The start-up check may be training (on nothing) at this very moment: try again shortly.
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await classifier.train('seed')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The demo classifier could not be trained');
}
