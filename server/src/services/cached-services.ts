import type { EntityManager } from 'typeorm';
import type { ConfigCache } from '../settings/config-cache';
import { Service } from './service.entity';

/**
 * Every service, by name, from the configuration cache: routing, SLA clocks and round-robin read them
 * for every ingestion batch. Shared objects: callers must not change them.
 */
export function cachedServices(cache: ConfigCache, manager: EntityManager): Promise<readonly Service[]> {
  return cache.get(manager, 'services', (m) => m.getRepository(Service).find({ order: { name: 'ASC' } }));
}
