/** What went wrong, independent of HTTP; the exception filter maps each code to a status. */
export const DOMAIN_ERROR_STATUS = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  unprocessable: 422,
  unauthorized: 401,
  unavailable: 503,
  bad_gateway: 502,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
