import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ApprovalPolicyModule } from './approval-policy.module';
import { ApprovalsController } from './approvals.controller';
import { DecideReplyUseCase } from './decide-reply.use-case';

/** The approval queue and the decisions on held replies (approved replies go to the tickets' outbox). */
@Module({
  imports: [ApprovalPolicyModule, AuditModule, RealtimeModule, TicketsModule],
  controllers: [ApprovalsController],
  providers: [DecideReplyUseCase],
})
export class ApprovalsModule {}
