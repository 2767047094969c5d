import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { APP_SECRETS, type AppSecrets } from '../config/config.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RolesGuard } from './guards/roles.guard';
import { ServiceScopeGuard } from './guards/service-scope.guard';
import { SessionGuard } from './guards/session.guard';
import { LocalStrategy } from './local.strategy';
import { SessionEvents } from './session-events';

@Module({
  imports: [
    AuditModule,
    RateLimitModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_SECRETS],
      useFactory: (secrets: AppSecrets) => {
        // A KeyObject, made once: given raw bytes, jsonwebtoken first tries them as a public key (an
        // exception, about 0.8 ms) on every request that carries a session.
        const key = createSecretKey(secrets.sessionKey);
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LocalStrategy,
    SessionEvents,
    // Order matters: who you are, then what your role allows, then which services you may see.
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: ServiceScopeGuard },
  ],
  exports: [AuthService, SessionEvents],
})
export class AuthModule {}
