import { Body, Controller, Get, Put } from '@nestjs/common';
import type { ApprovalPolicy } from '@guichet/shared';
import { ApprovalPolicyDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DomainError } from '../common/domain-error';
import { ApprovalPolicyService } from './approval-policy.service';

/** The approval policy: service heads read it (to explain a held reply), administrators set it. */
@Roles('agent', 'service_head', 'admin')
@Controller('approval/settings')
export class ApprovalSettingsController {
  constructor(private readonly policy: ApprovalPolicyService) {}

  @Get()
  get(@CurrentUser() user: AuthUser): Promise<ApprovalPolicy> {
    if (user.role !== 'admin' && user.headOfServiceIds.length === 0) {
      throw new DomainError('forbidden', 'The approval policy is for service heads and administrators');
    }
    return this.policy.get();
  }

  @Roles('admin')
  @Put()
  save(@CurrentUser() user: AuthUser, @Body() dto: ApprovalPolicyDto): Promise<ApprovalPolicy> {
    return this.policy.save(user, dto);
  }
}
