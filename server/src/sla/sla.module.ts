import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SettingsModule } from '../settings/settings.module';
import { SlaAlertsWorker } from './sla-alerts.worker';
import { SlaClockService } from './sla-clock.service';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';

@Module({
  imports: [AuditModule, NotificationsModule, RealtimeModule, SettingsModule],
  controllers: [SlaPoliciesController],
  providers: [SlaClockService, SlaPoliciesService, SlaAlertsWorker],
  exports: [SlaClockService],
})
export class SlaModule {}
