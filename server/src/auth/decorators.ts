import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@guichet/shared';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'guichet:public';
export const ROLES_KEY = 'guichet:roles';
export const TICKET_SCOPE_KEY = 'guichet:ticket-scope';

/** No session needed (login, webhooks, public APIs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The route's `param` is a ticket id: the caller must belong to the ticket's service (404 otherwise). */
export const TicketScoped = (param = 'id') => SetMetadata(TICKET_SCOPE_KEY, param);

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
