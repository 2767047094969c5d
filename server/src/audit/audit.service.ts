import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records one action; pass the transaction's manager so the audit row commits with the change. */
  async record(
    actorUserId: string | null,
    action: string,
    targetType: string,
    targetId: string | null,
    details: Record<string, unknown> = {},
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    await this.recordMany(manager, [{ actorUserId, action, targetType, targetId, details }]);
  }

  /** Several actions in one statement, in the caller's transaction. */
  async recordMany(manager: EntityManager, events: AuditEntry[]): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      AuditEvent,
      events.map((e) => {
        // TypeORM's insert type wants plain JSON objects, not records of unknown values.
        const details: object = e.details ?? {};
        return { ...e, details };
      }),
    );
  }
}
