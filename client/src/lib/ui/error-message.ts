import type { TFunction } from 'i18next';
import { isApiRequestError } from '../api-client';

/** What to tell a person about a failed request: the server's own message, or a network hint. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiRequestError(error)) {
    if (error.status === 403 && !error.body.message) return t('common.forbidden');
    return error.body.message;
  }
  return t('common.networkError');
}
