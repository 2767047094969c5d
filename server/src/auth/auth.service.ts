import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Me } from '@guichet/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth-user';
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { verifyPassword } from './password';

interface SessionPayload {
  sub: string;
}

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
  async loadUser(id: string): Promise<AuthUser | null> {
    const user = await this.db
      .getRepository(User)
      .findOne({ where: { id, active: true }, relations: { services: true } });
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      serviceIds: user.services.map((s) => s.id),
    };
  }

  async me(id: string): Promise<Me | null> {
    const user = await this.db
      .getRepository(User)
      .findOne({ where: { id, active: true }, relations: { services: true } });
    if (!user) return null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      services: user.services
        .map((s) => ({ id: s.id, slug: s.slug, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    };
  }

  issueToken(user: AuthUser): string {
    return this.jwt.sign({ sub: user.id } satisfies SessionPayload, {
      expiresIn: this.config.sessionHours * 3600,
    });
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
    if (typeof payload.sub !== 'string') return null;
    return this.loadUser(payload.sub);
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
