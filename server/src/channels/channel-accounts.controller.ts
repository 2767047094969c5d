import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import type { ChannelAccountView } from '@guichet/shared';
import { CreateChannelAccountDto, UpdateChannelAccountDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ChannelAccountsService } from './channel-accounts.service';

@Roles('admin')
@Controller('channel-accounts')
export class ChannelAccountsController {
  constructor(private readonly accounts: ChannelAccountsService) {}

  @Get()
  list(): Promise<ChannelAccountView[]> {
    return this.accounts.list();
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateChannelAccountDto): Promise<ChannelAccountView> {
    return this.accounts.create(user, dto);
  }

  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateChannelAccountDto,
  ): Promise<ChannelAccountView> {
    return this.accounts.update(user, id, dto);
  }
}
