import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AnswerSuggestionsService } from './answer-suggestions.service';
import { AnswerUsageService } from './answer-usage.service';
import { AnswerSuggestionsController, AnswersController } from './answers.controller';
import { AnswersService } from './answers.service';

@Module({
  imports: [AuditModule],
  controllers: [AnswersController, AnswerSuggestionsController],
  providers: [AnswersService, AnswerSuggestionsService, AnswerUsageService],
  exports: [AnswerUsageService],
})
export class AnswersModule {}
