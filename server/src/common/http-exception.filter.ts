import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { ApiError } from '@guichet/shared';
import type { Response } from 'express';
import { DOMAIN_ERROR_STATUS, DomainError } from './domain-error';

const reason = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** One error shape for the whole API: `{ statusCode, error, message, details? }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof DomainError) {
      const statusCode = DOMAIN_ERROR_STATUS[exception.code];
      return {
        statusCode,
        error: reason(statusCode),
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      let message = exception.message;
      let details: string[] | undefined;
      if (typeof response === 'object' && response !== null) {
        const m = (response as { message?: unknown }).message;
        if (Array.isArray(m)) {
          details = m.map(String);
          message = details.join('; ');
        } else if (typeof m === 'string') {
          message = m;
        }
      }
      return { statusCode, error: reason(statusCode), message, details };
    }
    // body-parser errors (malformed JSON, payload too large) carry their status.
    const status = (exception as { status?: unknown; type?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, error: reason(status), message: (exception as Error).message };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
  }
}
