import { Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { canAccessService, type AuthUser } from '../auth-user';
import { TICKET_SCOPE_KEY } from '../decorators';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The service a ticket belongs to, or null when there is no such ticket. */
export async function ticketServiceId(db: DataSource, ticketId: string): Promise<string | null> {
  if (!UUID_PATTERN.test(ticketId)) return null;
  const rows: Array<{ service_id: string }> = await db.query('SELECT service_id FROM tickets WHERE id = $1', [
    ticketId,
  ]);
  return rows[0]?.service_id ?? null;
}

/**
 * Global: on a route marked @TicketScoped(), the ticket must belong to one of the caller's services.
 * Another service's ticket answers 404 like a missing one, so ids cannot be probed.
 */
@Injectable()
export class ServiceScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const param = this.reflector.getAllAndOverride<string | undefined>(TICKET_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!param) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const ticketId = req.params[param];
    const serviceId = typeof ticketId === 'string' ? await ticketServiceId(this.db, ticketId) : null;
    if (!req.user || serviceId === null || !canAccessService(req.user, serviceId)) {
      throw new NotFoundException('Ticket introuvable');
    }
    return true;
  }
}
