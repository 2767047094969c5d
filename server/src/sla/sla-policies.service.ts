import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SlaPolicyRequest, SlaPolicyView, SlaSettings } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { SettingsService } from '../settings/settings.service';
import { SlaClockService } from './sla-clock.service';
import { SlaPolicy } from './sla-policy.entity';

const toView = (p: SlaPolicy): SlaPolicyView => ({
  id: p.id,
  name: p.name,
  position: p.position,
  priority: p.priority,
  platform: p.platform,
  firstResponseMinutes: p.firstResponseMinutes,
  nextResponseMinutes: p.nextResponseMinutes,
  resolutionMinutes: p.resolutionMinutes,
});

/** SLA policies and settings; every change recomputes the clocks of the tickets still open. */
@Injectable()
export class SlaPoliciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clocks: SlaClockService,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(manager: EntityManager = this.db.manager): Promise<SlaPolicyView[]> {
    return (await manager.getRepository(SlaPolicy).find({ order: { position: 'ASC' } })).map(toView);
  }

  create(user: AuthUser, dto: SlaPolicyRequest): Promise<SlaPolicyView> {
    return this.db.transaction(async (manager) => {
      const last = await manager.getRepository(SlaPolicy).maximum('position');
      const saved = await manager.save(manager.create(SlaPolicy, { ...dto, position: (last ?? 0) + 1 }));
      await this.audit.record(user.id, 'sla_policy.created', 'sla_policy', saved.id, { ...dto }, manager);
      await this.clocks.recomputeOpen(manager, null);
      return toView(saved);
    });
  }

  update(user: AuthUser, id: string, dto: SlaPolicyRequest): Promise<SlaPolicyView> {
    return this.db.transaction(async (manager) => {
      const policy = await manager.getRepository(SlaPolicy).findOneBy({ id });
      if (!policy) throw notFound('SLA policy');
      await manager.update(SlaPolicy, { id }, dto);
      await this.audit.record(user.id, 'sla_policy.updated', 'sla_policy', id, { ...dto }, manager);
      await this.clocks.recomputeOpen(manager, null);
      return toView({ ...policy, ...dto });
    });
  }

  remove(user: AuthUser, id: string): Promise<void> {
    return this.db.transaction(async (manager) => {
      const result = await manager.delete(SlaPolicy, { id });
      if (!result.affected) throw notFound('SLA policy');
      await this.audit.record(user.id, 'sla_policy.deleted', 'sla_policy', id, {}, manager);
      await this.clocks.recomputeOpen(manager, null);
    });
  }

  /** Atomic: the new order names every policy exactly once, or nothing changes. */
  reorder(user: AuthUser, ids: string[]): Promise<SlaPolicyView[]> {
    return this.db.transaction(async (manager) => {
      const current = await manager.getRepository(SlaPolicy).find({ lock: { mode: 'pessimistic_write' } });
      const known = new Set(current.map((p) => p.id));
      if (
        ids.length !== current.length ||
        new Set(ids).size !== ids.length ||
        ids.some((id) => !known.has(id))
      ) {
        throw new DomainError('invalid', 'ids must list every SLA policy exactly once', [
          'ids: must list every SLA policy exactly once',
        ]);
      }
      for (const [i, id] of ids.entries()) await manager.update(SlaPolicy, { id }, { position: i + 1 });
      await this.audit.record(user.id, 'sla_policy.reordered', 'sla_policy', null, { ids }, manager);
      await this.clocks.recomputeOpen(manager, null);
      return this.list(manager);
    });
  }

  getSettings(): Promise<SlaSettings> {
    return this.settings.slaSettings();
  }

  saveSettings(user: AuthUser, dto: SlaSettings): Promise<SlaSettings> {
    return this.db.transaction(async (manager) => {
      const saved = await this.settings.saveSlaSettings({ warningRatio: dto.warningRatio }, manager);
      await this.audit.record(user.id, 'sla_settings.updated', 'settings', 'sla', { ...saved }, manager);
      await this.clocks.recomputeOpen(manager, null);
      return saved;
    });
  }
}
