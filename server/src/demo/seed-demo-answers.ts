import type { DataSource } from 'typeorm';
import { AnswerVersion } from '../answers/answer-version.entity';
import { Answer } from '../answers/answer.entity';
import type { Role } from '@guichet/shared';
import type { Service } from '../services/service.entity';
import { DEMO_ANSWERS } from './demo-answers';

const DAY = 24 * 60 * 60_000;

/** A demo user and the slugs of the services they belong to. */
export interface DemoMember {
  id: string;
  role: Role;
  services: string[];
}

/**
 * The demo's validated answers with their history: each text written by an agent of the service and
 * validated a day later by its head (the admin where the service has none), a month apart.
 */
export async function seedDemoAnswers(
  db: DataSource,
  services: Map<string, Service>,
  users: DemoMember[],
  now: Date,
): Promise<void> {
  const memberOf = (slug: string, role: Role) =>
    users.find((u) => u.role === role && u.services.includes(slug)) ?? null;
  const admin = users.find((u) => u.role === 'admin') ?? null;
  await db.transaction(async (manager) => {
    for (const demo of DEMO_ANSWERS) {
      const service = services.get(demo.service);
      if (!service) continue;
      const author = memberOf(demo.service, 'agent') ?? admin;
      const head = memberOf(demo.service, 'service_head') ?? admin;
      const texts = [...demo.versions, ...(demo.pending ? [demo.pending] : [])];
      const published = demo.versions.length > 0 ? demo.versions.length : null;
      const shown = demo.versions[demo.versions.length - 1] ?? demo.pending ?? '';
      const writtenAt = (i: number) => new Date(now.getTime() - ((texts.length - i) * 30 - 28) * DAY);
      const createdAt = writtenAt(0);
      const inserted = await manager.insert(Answer, {
        serviceId: service.id,
        status: demo.archived ? 'archived' : published ? 'validated' : 'draft',
        title: demo.title,
        body: shown,
        tags: demo.tags,
        suitableFor: demo.suitableFor,
        publishedVersion: published,
        draftVersion: demo.pending ? texts.length : null,
        usageCount: demo.usage,
        lastUsedAt: demo.usage > 0 ? new Date(now.getTime() - (demo.usage % 5) * DAY) : null,
        createdById: author?.id ?? null,
        createdAt,
        updatedAt: writtenAt(texts.length - 1),
      });
      const answerId = (inserted.identifiers[0] as { id: string }).id;
      await manager.insert(
        AnswerVersion,
        texts.map((body, i) => {
          const written = writtenAt(i);
          const validated = i < demo.versions.length;
          return {
            answerId,
            version: i + 1,
            state: validated ? ('validated' as const) : ('draft' as const),
            title: demo.title,
            body,
            tags: demo.tags,
            suitableFor: demo.suitableFor,
            authorId: author?.id ?? null,
            validatedById: validated ? (head?.id ?? null) : null,
            validatedAt: validated ? new Date(written.getTime() + DAY) : null,
            createdAt: written,
            updatedAt: written,
          };
        }),
      );
    }
  });
}
