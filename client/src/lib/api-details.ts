import { isApiRequestError } from './api-client';

/** One validation detail of an `ApiError`: "hours.tue[1]: intervals overlap" → path and message. */
export interface FieldDetail {
  path: string;
  message: string;
}

export function parseDetail(detail: string): FieldDetail {
  const separator = detail.indexOf(': ');
  if (separator <= 0) return { path: '', message: detail };
  return { path: detail.slice(0, separator), message: detail.slice(separator + 2) };
}

/** The field-level details of a 400 answer; empty for any other failure. */
export function validationDetails(error: unknown): FieldDetail[] {
  if (!isApiRequestError(error, 400)) return [];
  return (error.body.details ?? []).map(parseDetail);
}
