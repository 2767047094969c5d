import {
  All,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { RateLimitService } from '../common/rate-limit/rate-limit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, APP_SECRETS, type AppSecrets } from '../config/config.module';
import { isKnownApiKey } from './open311-api-key';
import { Open311Error } from './open311-error';
import { Open311ExceptionFilter } from './open311-exception.filter';
import {
  asFields,
  FIELD_MAX,
  parseIdempotencyKey,
  parseRequestFilters,
  parseRequestInput,
} from './open311-input';
import { webFormKey, type WebFormSettings } from './open311-web-form';
import { Open311Service } from './open311.service';
import type {
  GeoReportCreated,
  GeoReportRequest,
  GeoReportService,
  GeoReportServiceDefinition,
  GeoReportToken,
} from './open311.types';

/**
 * Open311 GeoReport v2 (JSON), outside the /api prefix, for the town's web form and citizen portals.
 * Public: posting needs an API key (OPEN311_API_KEYS, or the web form's); reading shows no personal data.
 */
@Public()
@UseFilters(new Open311ExceptionFilter())
@Controller('open311')
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_SECRETS) private readonly secrets: AppSecrets,
  ) {}

  /** The town's contact form reads its key and the field limits here (404 when OPEN311_WEB_FORM=false). */
  @Get('web-form.json')
  async webForm(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WebFormSettings> {
    await this.throttle(req, res, 'get');
    if (!this.config.open311.webForm) {
      throw new Open311Error(404, 'formulaire : le formulaire de contact en ligne est désactivé');
    }
    return { api_key: webFormKey(this.secrets), limits: FIELD_MAX };
  }

  @Get('v2/services.json')
  async services(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GeoReportService[]> {
    await this.throttle(req, res, 'get');
    return this.open311.services();
  }

  @Get('v2/services/:code.json')
  async service(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('code') code: string,
  ): Promise<GeoReportServiceDefinition> {
    await this.throttle(req, res, 'get');
    return this.open311.serviceDefinition(code);
  }

  @Post('v2/requests.json')
  @HttpCode(201)
  async create(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
    @Query() query: unknown,
  ): Promise<GeoReportCreated[]> {
    // Before the key check, so keys cannot be guessed at speed.
    await this.throttle(req, res, 'post');
    const fields = asFields(body);
    this.checkApiKey(fields.api_key ?? asFields(query).api_key);
    const input = parseRequestInput(fields);
    const idempotencyKey = parseIdempotencyKey(req.header('idempotency-key'), fields.idempotency_key);
    const { api_key: _key, ...raw } = fields;
    return this.open311.create(input, raw, idempotencyKey);
  }

  @Get('v2/tokens/:token.json')
  async token(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('token') token: string,
  ): Promise<GeoReportToken[]> {
    await this.throttle(req, res, 'get');
    return this.open311.token(token);
  }

  @Get('v2/requests.json')
  async list(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Query() query: unknown,
  ): Promise<GeoReportRequest[]> {
    await this.throttle(req, res, 'get');
    return this.open311.list(parseRequestFilters(query, new Date()));
  }

  @Get('v2/requests/:id.json')
  async one(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('id') id: string,
  ): Promise<GeoReportRequest[]> {
    await this.throttle(req, res, 'get');
    return this.open311.one(id);
  }

  /** Anything else under /open311: XML is not offered (400), other paths do not exist (404). */
  @All('{*path}')
  async other(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<never> {
    await this.throttle(req, res, req.method === 'POST' ? 'post' : 'get');
    if (/\.xml$/i.test(req.path)) {
      throw new Open311Error(
        400,
        'format : seul le format JSON est pris en charge (remplacez .xml par .json)',
      );
    }
    throw new Open311Error(404, `${req.method} ${req.path} : cette adresse n’existe pas dans l’API Open311`);
  }

  private checkApiKey(given: unknown): void {
    const { apiKeys, webForm } = this.config.open311;
    const keys = webForm ? [...apiKeys, webFormKey(this.secrets)] : apiKeys;
    if (keys.length === 0) {
      throw new Open311Error(
        403,
        'api_key : aucune clé n’est configurée sur ce serveur (OPEN311_API_KEYS), les demandes ne sont pas acceptées',
      );
    }
    if (typeof given !== 'string' || given === '') throw new Open311Error(403, 'api_key : clé obligatoire');
    if (!isKnownApiKey(given, keys)) throw new Open311Error(403, 'api_key : clé invalide');
  }

  private async throttle(req: Request, res: Response, kind: 'get' | 'post'): Promise<void> {
    const { limit, windowSeconds } =
      kind === 'post' ? this.config.open311.postRateLimit : this.config.open311.getRateLimit;
    const verdict = await this.limits.hit(`open311:${kind}:${req.ip ?? 'unknown'}`, limit, windowSeconds);
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
      throw new Open311Error(429, `Trop de requêtes : réessayez dans ${verdict.retryAfterSeconds} s`);
    }
  }
}
