import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import type {
  ClassifierStatus,
  RoutingRuleTestResult,
  RoutingRuleView,
  RoutingSettings,
} from '@guichet/shared';
import { RoutingSettingsDto } from '@guichet/shared/dto';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { DomainError } from '../common/domain-error';
import { ClassifierService } from './classifier.service';
import { RoutingRulesService } from './routing-rules.service';
import { RoutingSettingsService } from './routing-settings.service';

/**
 * Routing administration. Rule bodies are checked by the domain's validator (every bad field named
 * in the 400), so they come in as plain JSON rather than DTO classes.
 */
@Roles('admin')
@Controller('routing')
export class RoutingController {
  constructor(
    private readonly rules: RoutingRulesService,
    private readonly classifier: ClassifierService,
    private readonly settings: RoutingSettingsService,
  ) {}

  @Get('rules')
  list(): Promise<RoutingRuleView[]> {
    return this.rules.list();
  }

  @Post('rules')
  create(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<RoutingRuleView> {
    return this.rules.create(user, body);
  }

  // Declared before 'rules/:id' so "order" and "test" are not taken for ids.
  @Put('rules/order')
  reorder(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<RoutingRuleView[]> {
    return this.rules.reorder(user, body);
  }

  @Post('rules/test')
  @HttpCode(200)
  test(@Body() body: unknown): Promise<RoutingRuleTestResult> {
    return this.rules.test(body);
  }

  @Put('rules/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<RoutingRuleView> {
    return this.rules.update(user, id, body);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.rules.remove(user, id);
  }

  @Get('settings')
  getSettings(): Promise<RoutingSettings> {
    return this.settings.get();
  }

  @Put('settings')
  saveSettings(@CurrentUser() user: AuthUser, @Body() dto: RoutingSettingsDto): Promise<RoutingSettings> {
    return this.settings.save(user, dto);
  }

  @Get('classifier')
  classifierStatus(): Promise<ClassifierStatus> {
    return this.classifier.status();
  }

  /** Retrains now (e.g. after many re-routes); 409 while another training runs or with too few examples. */
  @Post('classifier/train')
  @HttpCode(200)
  async train(): Promise<ClassifierStatus> {
    const status = await this.classifier.train('admin');
    if (!status) {
      throw new DomainError(
        'conflict',
        "Entraînement impossible pour l'instant : un autre est en cours, ou les exemples ne couvrent pas encore deux services",
      );
    }
    return status;
  }
}
