import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SettingsModule } from '../settings/settings.module';
import { ClassifierTrainingWorker } from './classifier-training.worker';
import { ClassifierService } from './classifier.service';
import { RoutingRulesService } from './routing-rules.service';
import { RoutingSettingsService } from './routing-settings.service';
import { RoutingController } from './routing.controller';
import { RoutingService } from './routing.service';

@Module({
  imports: [AuditModule, SettingsModule],
  controllers: [RoutingController],
  providers: [
    RoutingService,
    ClassifierService,
    ClassifierTrainingWorker,
    RoutingRulesService,
    RoutingSettingsService,
  ],
  exports: [RoutingService, ClassifierService],
})
export class RoutingModule {}
