import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationView } from '@guichet/shared';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { notFound } from '../common/domain-error';
import { Notification } from './notification.entity';

export function toNotificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    ticketId: n.ticketId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(
    manager: EntityManager,
    userIds: string[],
    notification: Pick<Notification, 'kind' | 'ticketId' | 'title' | 'body'>,
  ): Promise<Notification[]> {
    if (userIds.length === 0) return [];
    const rows = userIds.map((userId) => manager.create(Notification, { ...notification, userId }));
    return manager.save(rows);
  }

  async list(userId: string, unreadOnly: boolean): Promise<NotificationView[]> {
    const rows = await this.db.getRepository(Notification).find({
      where: { userId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map(toNotificationView);
  }

  async markRead(userId: string, id: string): Promise<void> {
    const result = await this.db
      .getRepository(Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    if (!result.affected) throw notFound('Notification');
  }
}
