import { Controller, Get, HttpCode, Post, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { AUTH_COOKIE, type Me } from '@guichet/shared';
import type { Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginRateLimitGuard } from './guards/login-rate-limit.guard';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  @Public()
  @UseGuards(LoginRateLimitGuard, LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  async login(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<Me> {
    res.cookie(AUTH_COOKIE, this.auth.issueToken(user), this.auth.cookieOptions);
    await this.audit.record(user.id, 'auth.login', 'user', user.id);
    return this.me(user);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Res({ passthrough: true }) res: Response): void {
    const { maxAge: _ignored, ...options } = this.auth.cookieOptions;
    res.clearCookie(AUTH_COOKIE, options);
  }

  @Get('me')
  async me(@CurrentUser() user: AuthUser): Promise<Me> {
    const me = await this.auth.me(user.id);
    if (!me) throw new UnauthorizedException('Authentification requise');
    return me;
  }
}
