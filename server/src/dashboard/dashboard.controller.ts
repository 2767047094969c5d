import { Controller, Get } from '@nestjs/common';
import type { DashboardSummary } from '@guichet/shared';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DashboardService } from './dashboard.service';

@Roles('agent', 'service_head', 'admin', 'elected')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('summary')
  summary(@CurrentUser() user: AuthUser): Promise<DashboardSummary> {
    return this.dashboard.summary(user);
  }
}
