import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import type { ApprovalCheck, MessageView, Page, TicketDetail, TicketSummary } from '@guichet/shared';
import { CreateReplyDto, ListTicketsQuery, UpdateTicketDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles, TicketScoped } from '../auth/decorators';
import { ReplyToTicketUseCase } from './reply-to-ticket.use-case';
import { TicketsService } from './tickets.service';

// Elected officials read aggregates only, never citizens' messages.
@Roles('agent', 'service_head', 'admin')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly replies: ReplyToTicketUseCase,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ListTicketsQuery): Promise<Page<TicketSummary>> {
    return this.tickets.list(user, query);
  }

  @TicketScoped('id')
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TicketDetail> {
    return this.tickets.detail(user, id);
  }

  @TicketScoped('id')
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: UpdateTicketDto,
  ): Promise<TicketDetail> {
    return this.tickets.update(user, id, dto);
  }

  /** Sends a failed reply again (the platform's error was shown to the agent). */
  @TicketScoped('id')
  @Post(':id/messages/:messageId/retry')
  retry(@Param('id') id: string, @Param('messageId', ParseUUIDPipe) messageId: string): Promise<MessageView> {
    return this.replies.retry(id, messageId);
  }

  /** Whether this reply would wait for a service head's approval, and why; nothing is stored. */
  @TicketScoped('id')
  @Post(':id/replies/check')
  @HttpCode(200)
  checkReply(@Param('id') id: string, @Body() dto: CreateReplyDto): Promise<ApprovalCheck> {
    return this.replies.check(id, dto.body, answerSource(dto));
  }

  @TicketScoped('id')
  @Post(':id/replies')
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() dto: CreateReplyDto,
  ): Promise<MessageView> {
    return this.replies.execute(user, id, dto.body, undefined, answerSource(dto));
  }
}

function answerSource(dto: CreateReplyDto): { answerId: string; answerVersion: number } | null {
  return dto.answerId !== undefined && dto.answerVersion !== undefined
    ? { answerId: dto.answerId, answerVersion: dto.answerVersion }
    : null;
}
