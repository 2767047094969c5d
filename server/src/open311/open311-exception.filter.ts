import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DOMAIN_ERROR_STATUS, DomainError } from '../common/domain-error';
import { Open311Error, type GeoReportError } from './open311-error';

/**
 * GeoReport v2 clients read errors as `[{ code, description }]` with the HTTP status; the global
 * filter's ApiError shape stays for /api.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const errors = this.toGeoReportErrors(exception);
    const code = errors[0].code;
    if (code >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    if (res.headersSent) return;
    res.status(code).json(errors);
  }

  private toGeoReportErrors(exception: unknown): GeoReportError[] {
    if (exception instanceof Open311Error) {
      return exception.descriptions.map((description) => ({ code: exception.status, description }));
    }
    return [this.toGeoReportError(exception)];
  }

  private toGeoReportError(exception: unknown): GeoReportError {
    if (exception instanceof DomainError) {
      return { code: DOMAIN_ERROR_STATUS[exception.code], description: exception.message };
    }
    if (exception instanceof HttpException) {
      const code = exception.getStatus();
      return { code, description: code >= 500 ? 'Erreur interne du serveur' : exception.message };
    }
    // body-parser errors (malformed JSON, payload too large) carry their status.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { code: status, description: (exception as Error).message };
    }
    return { code: 500, description: 'Erreur interne du serveur' };
  }
}
