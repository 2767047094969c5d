import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimitService } from '../../common/rate-limit/rate-limit.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * Limits login attempts per client address and e-mail (so one attacker cannot lock a whole office
 * out), and per address overall (so one address cannot try many accounts).
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const body = req.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
    const { limit, windowSeconds } = this.config.loginRateLimit;
    const ip = req.ip ?? 'unknown';
    const perAccount = await this.limits.hit(`login:${ip}|${email}`, limit, windowSeconds);
    const perAddress = await this.limits.hit(`login:${ip}`, limit * 5, windowSeconds);
    const refused = [perAccount, perAddress].find((v) => !v.allowed);
    if (refused) {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('Retry-After', String(refused.retryAfterSeconds));
      throw new HttpException(
        `Trop de tentatives de connexion : réessayez dans ${refused.retryAfterSeconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
