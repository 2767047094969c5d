import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageView, PendingApprovalView } from '@guichet/shared';
import { ApproveReplyDto, RejectReplyDto } from '@guichet/shared/dto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DomainError } from '../common/domain-error';
import { pendingApprovals } from './approval-queue.query';
import { DecideReplyUseCase } from './decide-reply.use-case';

/** The approval queue of service heads (and administrators), and their decisions. */
@Roles('agent', 'service_head', 'admin')
@Controller('approvals')
export class ApprovalsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly decide: DecideReplyUseCase,
  ) {}

  @Get()
  queue(@CurrentUser() user: AuthUser): Promise<PendingApprovalView[]> {
    if (user.role !== 'admin' && user.headOfServiceIds.length === 0) {
      throw new DomainError('forbidden', 'The approval queue is for service heads and administrators');
    }
    return pendingApprovals(this.db, user);
  }

  @Post(':messageId/approve')
  @HttpCode(200)
  approve(
    @CurrentUser() user: AuthUser,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Body() dto: ApproveReplyDto,
  ): Promise<MessageView> {
    return this.decide.approve(user, messageId, dto.body);
  }

  @Post(':messageId/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() user: AuthUser,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Body() dto: RejectReplyDto,
  ): Promise<MessageView> {
    return this.decide.reject(user, messageId, dto.comment);
  }
}
