import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import type { SlaPolicyView, SlaSettings } from '@guichet/shared';
import { ReorderDto, SlaPolicyDto, SlaSettingsDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { SlaPoliciesService } from './sla-policies.service';

@Controller()
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Roles('admin', 'service_head')
  @Get('sla-policies')
  list(): Promise<SlaPolicyView[]> {
    return this.policies.list();
  }

  @Roles('admin')
  @Post('sla-policies')
  create(@CurrentUser() user: AuthUser, @Body() dto: SlaPolicyDto): Promise<SlaPolicyView> {
    return this.policies.create(user, dto);
  }

  // Declared before ':id' so "order" is not taken for an id.
  @Roles('admin')
  @Put('sla-policies/order')
  reorder(@CurrentUser() user: AuthUser, @Body() dto: ReorderDto): Promise<SlaPolicyView[]> {
    return this.policies.reorder(user, dto.ids);
  }

  @Roles('admin')
  @Put('sla-policies/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SlaPolicyDto,
  ): Promise<SlaPolicyView> {
    return this.policies.update(user, id, dto);
  }

  @Roles('admin')
  @Delete('sla-policies/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.policies.remove(user, id);
  }

  @Roles('admin', 'service_head', 'agent')
  @Get('sla-settings')
  settings(): Promise<SlaSettings> {
    return this.policies.getSettings();
  }

  @Roles('admin')
  @Put('sla-settings')
  saveSettings(@CurrentUser() user: AuthUser, @Body() dto: SlaSettingsDto): Promise<SlaSettings> {
    return this.policies.saveSettings(user, dto);
  }
}
