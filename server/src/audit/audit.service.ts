import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { bulkInsert, type BulkColumn, type BulkRows } from '../database/bulk-insert';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

const AUDIT_COLUMNS: Array<BulkColumn<AuditEntry>> = [
  { name: 'actor_user_id', type: 'uuid', value: (e) => e.actorUserId },
  { name: 'action', type: 'text', value: (e) => e.action },
  { name: 'target_type', type: 'text', value: (e) => e.targetType },
  { name: 'target_id', type: 'text', value: (e) => e.targetId },
  { name: 'details', type: 'jsonb', value: (e) => e.details ?? {} },
];

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
    await bulkInsert(manager, 'audit_events', AUDIT_COLUMNS, events);
  }

  /** The rows `recordMany` inserts, for a caller that inserts them with others (bulkInsertTogether). */
  rowsOf(events: AuditEntry[]): BulkRows<AuditEntry> {
    return { table: 'audit_events', columns: AUDIT_COLUMNS, rows: events };
  }
}
