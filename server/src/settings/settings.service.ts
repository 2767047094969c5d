import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApprovalPolicy, RoutingSettings, SlaSettings } from '@guichet/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_APPROVAL_POLICY } from '../domain/sensitivity';
import { Setting } from './setting.entity';

export const DEFAULT_SLA_SETTINGS: SlaSettings = { warningRatio: 0.8 };
export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = { confidenceThreshold: 0.75 };

@Injectable()
export class SettingsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async slaSettings(manager: EntityManager = this.db.manager): Promise<SlaSettings> {
    const row = await manager.getRepository(Setting).findOneBy({ key: 'sla' });
    return { ...DEFAULT_SLA_SETTINGS, ...(row?.value as Partial<SlaSettings> | undefined) };
  }

  async saveSlaSettings(
    settings: SlaSettings,
    manager: EntityManager = this.db.manager,
  ): Promise<SlaSettings> {
    await manager.getRepository(Setting).upsert({ key: 'sla', value: settings }, ['key']);
    return settings;
  }

  async routingSettings(manager: EntityManager = this.db.manager): Promise<RoutingSettings> {
    const row = await manager.getRepository(Setting).findOneBy({ key: 'routing' });
    return { ...DEFAULT_ROUTING_SETTINGS, ...(row?.value as Partial<RoutingSettings> | undefined) };
  }

  async saveRoutingSettings(
    settings: RoutingSettings,
    manager: EntityManager = this.db.manager,
  ): Promise<RoutingSettings> {
    await manager.getRepository(Setting).upsert({ key: 'routing', value: settings }, ['key']);
    return settings;
  }

  async approvalPolicy(manager: EntityManager = this.db.manager): Promise<ApprovalPolicy> {
    const row = await manager.getRepository(Setting).findOneBy({ key: 'approval' });
    return { ...DEFAULT_APPROVAL_POLICY, ...(row?.value as Partial<ApprovalPolicy> | undefined) };
  }

  async saveApprovalPolicy(
    policy: ApprovalPolicy,
    manager: EntityManager = this.db.manager,
  ): Promise<ApprovalPolicy> {
    await manager.getRepository(Setting).upsert({ key: 'approval', value: policy }, ['key']);
    return policy;
  }
}
