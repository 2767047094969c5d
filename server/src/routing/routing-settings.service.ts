import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RoutingSettings } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { SettingsService } from '../settings/settings.service';

/** The classifier's confidence threshold, edited by administrators; audited. */
@Injectable()
export class RoutingSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<RoutingSettings> {
    return this.settings.routingSettings();
  }

  save(user: AuthUser, dto: RoutingSettings): Promise<RoutingSettings> {
    return this.db.transaction(async (manager) => {
      const saved = await this.settings.saveRoutingSettings(
        { confidenceThreshold: dto.confidenceThreshold },
        manager,
      );
      await this.audit.record(
        user.id,
        'routing_settings.updated',
        'settings',
        'routing',
        { ...saved },
        manager,
      );
      return saved;
    });
  }
}
