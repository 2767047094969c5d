import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { open311Request, retryOpen311 } from './open311-client';

/** The server's longest value per field, in characters (the same limits it checks). */
export interface FieldLimits {
  description: number;
  address_string: number;
  email: number;
  phone: number;
  first_name: number;
  last_name: number;
  media_url: number;
}

/** What the form needs before posting: the town's public web-form key and the limits. */
export interface WebFormSettings {
  api_key: string;
  limits: FieldLimits;
}

export function useWebFormSettings() {
  return useQuery({
    queryKey: queryKeys.open311.webForm,
    queryFn: ({ signal }) => open311Request<WebFormSettings>('/web-form.json', { signal }),
    staleTime: Infinity,
    retry: retryOpen311,
  });
}
