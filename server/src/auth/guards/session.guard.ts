import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_COOKIE } from '@guichet/shared';
import type { Request } from 'express';
import type { AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';
import { IS_PUBLIC } from '../decorators';

/** Global: every route needs a valid session cookie unless marked @Public(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const cookies = req.cookies as Record<string, string | undefined> | undefined;
    const user = await this.auth.userFromToken(cookies?.[AUTH_COOKIE]);
    if (!user) throw new UnauthorizedException('Authentification requise');
    req.user = user;
    return true;
  }
}
