import { Module } from '@nestjs/common';
import { AnswersModule } from '../answers/answers.module';
import { ApprovalPolicyModule } from '../approvals/approval-policy.module';
import { AuditModule } from '../audit/audit.module';
import { ConnectorRegistry } from '../channels/connector-registry';
import { NotificationsModule } from '../notifications/notifications.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoutingModule } from '../routing/routing.module';
import { ServicesModule } from '../services/services.module';
import { SettingsModule } from '../settings/settings.module';
import { SlaModule } from '../sla/sla.module';
import { TicketStatusService } from './ticket-status.service';
import { IngestInboundService } from './ingest-inbound.service';
import { InboundQueue } from './inbound-queue';
import { ReplyOutboxService } from './reply-outbox.service';
import { ReplyOutboxWorker } from './reply-outbox.worker';
import { ReplyToTicketUseCase } from './reply-to-ticket.use-case';
import { TicketsController } from './tickets.controller';
import { TicketNotesController } from './ticket-notes.controller';
import { AddNoteUseCase } from './add-note.use-case';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    AuditModule,
    AnswersModule,
    ApprovalPolicyModule,
    NotificationsModule,
    RealtimeModule,
    RoutingModule,
    ServicesModule,
    SettingsModule,
    SlaModule,
  ],
  controllers: [TicketsController, TicketNotesController],
  providers: [
    TicketsService,
    IngestInboundService,
    InboundQueue,
    ReplyToTicketUseCase,
    AddNoteUseCase,
    TicketStatusService,
    ReplyOutboxService,
    ReplyOutboxWorker,
    ConnectorRegistry,
  ],
  exports: [IngestInboundService, InboundQueue, ConnectorRegistry, ReplyOutboxService],
})
export class TicketsModule {}
