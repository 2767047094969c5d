import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import type { BusinessCalendarDto, ServiceView } from '@guichet/shared';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ServicesService } from './services.service';

@Roles('agent', 'service_head', 'admin')
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<ServiceView[]> {
    return this.services.list(user);
  }

  @Get(':id/calendar')
  calendar(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BusinessCalendarDto> {
    return this.services.calendar(user, id);
  }

  /** The body is checked field by field by the SLA engine's validator, which names each bad field. */
  @Put(':id/calendar')
  saveCalendar(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<BusinessCalendarDto> {
    return this.services.saveCalendar(user, id, body);
  }
}
