import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { open311Request, retryOpen311 } from './open311-client';

/** A service a citizen may address, as GeoReport v2 lists it (names in French). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
}

export function useOpen311Services() {
  return useQuery({
    queryKey: queryKeys.open311.services,
    queryFn: ({ signal }) => open311Request<Open311Service[]>('/v2/services.json', { signal }),
    staleTime: 5 * 60_000,
    retry: retryOpen311,
  });
}
