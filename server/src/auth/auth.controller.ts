import { Controller, Get, HttpCode, Post, Req, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import { AUTH_COOKIE, type Me } from '@guichet/shared';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { SessionEvents } from './session-events';
import { LocalAuthGuard } from './guards/local-auth.guard';
import { LoginRateLimitGuard } from './guards/login-rate-limit.guard';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly sessionEvents: SessionEvents,
  ) {}

  @Public()
  @UseGuards(LoginRateLimitGuard, LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  async login(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Me> {
    const { token, sessionId } = await this.auth.openSession(user, req.header('user-agent'));
    res.cookie(AUTH_COOKIE, token, this.auth.cookieOptions);
    await this.audit.record(user.id, 'auth.login', 'user', user.id, { sessionId });
    return this.me(user);
  }

  /** Ends the session server-side (the token stops working), closes its sockets, clears the cookie. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookies = req.cookies as Record<string, string | undefined> | undefined;
    const user = await this.auth.userFromToken(cookies?.[AUTH_COOKIE]);
    if (user?.sessionId) {
      await this.auth.revokeSession(user.sessionId);
      this.sessionEvents.emit('session.revoked', user.sessionId);
      await this.audit.record(user.id, 'auth.logout', 'user', user.id, { sessionId: user.sessionId });
    }
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
