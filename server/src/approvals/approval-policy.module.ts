import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SettingsModule } from '../settings/settings.module';
import { ApprovalCheckService } from './approval-check.service';
import { ApprovalNotifier } from './approval-notifier.service';
import { ApprovalPolicyService } from './approval-policy.service';
import { ApprovalSettingsController } from './approval-settings.controller';

/**
 * The approval policy, the check every reply goes through and the notices about held replies. Apart from ApprovalsModule (the queue
 * and the decisions), which needs the tickets' outbox: the tickets module needs this one.
 */
@Module({
  imports: [AuditModule, NotificationsModule, RealtimeModule, SettingsModule],
  controllers: [ApprovalSettingsController],
  providers: [ApprovalPolicyService, ApprovalCheckService, ApprovalNotifier],
  exports: [ApprovalCheckService, ApprovalNotifier],
})
export class ApprovalPolicyModule {}
