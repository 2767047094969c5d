import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Me } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { ServiceMember } from '../services/service-member.entity';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { verifyPassword } from './password';
import { Session } from './session.entity';

interface SessionPayload {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuthService {
  /** Compared against when the e-mail is unknown, so response time does not tell which accounts exist. */
  private readonly dummyHash: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dummyHash = bcrypt.hashSync(randomBytes(16).toString('hex'), config.passwordHashCost);
  }

  async validateCredentials(email: string, password: string): Promise<AuthUser | null> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = await verifyPassword(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok || !user.active) return null;
    return this.loadUser(user.id);
  }

  /** The user with their current role and services, or null if unknown or deactivated. */
  async loadUser(id: string, sessionId: string | null = null): Promise<AuthUser | null> {
    const user = await this.activeUser(id);
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      serviceIds: user.memberships.map((m) => m.serviceId),
      headOfServiceIds: user.memberships.filter((m) => m.role === 'service_head').map((m) => m.serviceId),
      sessionId,
    };
  }

  async me(id: string): Promise<Me | null> {
    const user = await this.activeUser(id);
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      services: user.memberships
        .map(({ service: s }) => ({ id: s.id, slug: s.slug, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      headOfServiceIds: user.memberships.filter((m) => m.role === 'service_head').map((m) => m.serviceId),
    };
  }

  /** One query: this runs on every authenticated request. */
  private async activeUser(id: string): Promise<(User & { memberships: ServiceMember[] }) | null> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndMapMany('u.memberships', ServiceMember, 'm', 'm.userId = u.id')
      .leftJoinAndSelect('m.service', 'service')
      .where('u.id = :id AND u.active', { id })
      .getOne();
    return user as (User & { memberships: ServiceMember[] }) | null;
  }

  /** Opens a session and returns the token for its cookie. */
  async openSession(
    user: AuthUser,
    userAgent: string | undefined,
  ): Promise<{ token: string; sessionId: string }> {
    const seconds = this.config.sessionHours * 3600;
    const session = await this.db.getRepository(Session).save({
      userId: user.id,
      expiresAt: new Date(Date.now() + seconds * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
      revokedAt: null,
    });
    const token = this.jwt.sign({ sub: user.id, sid: session.id } satisfies SessionPayload, {
      expiresIn: seconds,
    });
    return { token, sessionId: session.id };
  }

  /** Ends a session: its token stops working at once, everywhere. */
  async revokeSession(sessionId: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [
      sessionId,
    ]);
  }

  /** The user a session token belongs to, or null when the token is missing, forged, expired or the user is gone. */
  async userFromToken(token: string | undefined): Promise<AuthUser | null> {
    if (!token) return null;
    let payload: SessionPayload;
    try {
      payload = await this.jwt.verifyAsync<SessionPayload>(token);
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !UUID.test(payload.sid))
      return null;
    // One query for the session and the person, as this runs on every authenticated request.
    const rows: Array<{
      id: string;
      email: string;
      display_name: string;
      role: AuthUser['role'];
      service_ids: string[];
      head_of_service_ids: string[];
    }> = await this.db.query(
      `SELECT u.id, u.email, u.display_name, u.role,
              coalesce(array_agg(m.service_id) FILTER (WHERE m.service_id IS NOT NULL), '{}') AS service_ids,
              coalesce(array_agg(m.service_id) FILTER (WHERE m.role = 'service_head'), '{}') AS head_of_service_ids
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND u.active
         LEFT JOIN user_services m ON m.user_id = u.id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
        GROUP BY u.id`,
      [payload.sid, payload.sub],
    );
    const user = rows[0];
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      serviceIds: user.service_ids,
      headOfServiceIds: user.head_of_service_ids,
      sessionId: payload.sid,
    };
  }

  get cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.config.sessionHours * 3600 * 1000,
    };
  }
}
