import { BadRequestException, Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { LoginDto } from '@guichet/shared/dto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';

/** Validates the login body (guards run before pipes), then lets passport-local check the password. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const body: unknown = req.body;
    const errors = await validate(
      plainToInstance(LoginDto, typeof body === 'object' && body !== null ? body : {}),
      {
        whitelist: true,
        forbidNonWhitelisted: true,
      },
    );
    if (errors.length > 0) {
      throw new BadRequestException(errors.flatMap((e) => Object.values(e.constraints ?? {})));
    }
    return (await super.canActivate(context)) as boolean;
  }
}
