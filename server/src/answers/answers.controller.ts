import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { AnswerDetail, AnswerSuggestions, AnswerSummary, Page } from '@guichet/shared';
import {
  AnswerSuggestionsQuery,
  AnswerTagsQuery,
  CreateAnswerDto,
  ListAnswersQuery,
  UpdateAnswerDto,
  ValidateAnswerDto,
} from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, TicketScoped } from '../auth/decorators';
import { AnswerSuggestionsService } from './answer-suggestions.service';
import { AnswersService } from './answers.service';

// Elected officials read aggregates only.
@Roles('agent', 'service_head', 'admin')
@Controller('answers')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListAnswersQuery): Promise<Page<AnswerSummary>> {
    return this.answers.list(user, query);
  }

  @Get('tags')
  tags(@CurrentUser() user: AuthUser, @Query() query: AnswerTagsQuery): Promise<string[]> {
    return this.answers.tags(user, query.serviceId);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AnswerDetail> {
    return this.answers.get(user, id);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAnswerDto): Promise<AnswerDetail> {
    return this.answers.create(user, dto);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateAnswerDto,
  ): Promise<AnswerDetail> {
    return this.answers.update(user, id, dto);
  }

  @HttpCode(200)
  @Post(':id/validate')
  validate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: ValidateAnswerDto,
  ): Promise<AnswerDetail> {
    return this.answers.validate(user, id, dto.version);
  }

  @HttpCode(200)
  @Post(':id/archive')
  archive(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AnswerDetail> {
    return this.answers.archive(user, id);
  }

  @HttpCode(200)
  @Post(':id/restore')
  restore(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AnswerDetail> {
    return this.answers.restore(user, id);
  }
}

/** The best-fitting validated answers for a ticket (scoped like the ticket itself). */
@Roles('agent', 'service_head', 'admin')
@Controller('tickets')
export class AnswerSuggestionsController {
  constructor(private readonly suggestions: AnswerSuggestionsService) {}

  @TicketScoped('id')
  @Get(':id/answer-suggestions')
  suggest(@Param('id') id: string, @Query() query: AnswerSuggestionsQuery): Promise<AnswerSuggestions> {
    return this.suggestions.forTicket(id, query.limit);
  }
}
