import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SlaModule } from '../sla/sla.module';
import { ServicesController } from './services.controller';
import { ServicesService } from './services.service';

@Module({
  imports: [AuditModule, SlaModule],
  controllers: [ServicesController],
  providers: [ServicesService],
})
export class ServicesModule {}
