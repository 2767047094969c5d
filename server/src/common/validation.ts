import { ValidationPipe } from '@nestjs/common';

/** The one validation pipe: unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
}
