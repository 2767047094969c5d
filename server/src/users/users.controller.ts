import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import type { BusinessCalendarDto, UserView } from '@guichet/shared';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Get()
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  /** A person's own hours: an administrator's, or their own. */
  @Roles('agent', 'service_head', 'admin')
  @Get(':id/calendar')
  shift(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ calendar: BusinessCalendarDto | null }> {
    return this.users.shift(user, id);
  }

  @Roles('agent', 'service_head', 'admin')
  @Put(':id/calendar')
  saveShift(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<{ calendar: BusinessCalendarDto | null }> {
    return this.users.saveShift(user, id, body);
  }

  /** Back to the services' hours. */
  @Roles('agent', 'service_head', 'admin')
  @Delete(':id/calendar')
  clearShift(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ calendar: null }> {
    return this.users.clearShift(user, id);
  }
}
