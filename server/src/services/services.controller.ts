import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import type { BusinessCalendarDto, ServiceMemberView, ServiceView } from '@guichet/shared';
import { ServiceDto, ServiceMembersDto } from '@guichet/shared/dto';
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

  @Roles('admin')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: ServiceDto): Promise<ServiceView> {
    return this.services.create(user, dto);
  }

  @Roles('admin')
  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ServiceDto,
  ): Promise<ServiceView> {
    return this.services.update(user, id, dto);
  }

  /** Members of one's own services (to assign a ticket); every service for an administrator. */
  @Get(':id/members')
  members(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ServiceMemberView[]> {
    return this.services.members(user, id);
  }

  @Roles('admin')
  @Put(':id/members')
  saveMembers(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ServiceMembersDto,
  ): Promise<ServiceMemberView[]> {
    return this.services.saveMembers(user, id, dto);
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
