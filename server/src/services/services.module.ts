import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { SlaModule } from '../sla/sla.module';
import { AssignmentService } from './assignment.service';
import { ServicesController } from './services.controller';
import { ServicesService } from './services.service';

@Module({
  imports: [AuditModule, SettingsModule, SlaModule],
  controllers: [ServicesController],
  providers: [ServicesService, AssignmentService],
  exports: [AssignmentService],
})
export class ServicesModule {}
