import {
  PLATFORMS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_VIEWS,
  type Platform,
  type TicketPriority,
  type TicketStatus,
  type TicketView,
} from '@guichet/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TicketListFilter } from '../../../lib/query-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** `a,b` in the URL; unknown values are dropped so an old or edited link still opens. */
function listOf<T extends string>(allowed: readonly T[], value: string | null): T[] | undefined {
  const items = (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return items.length > 0 ? items : undefined;
}

/** Tags as the API takes them: `a,b`, each 1 to 40 characters, at most 20. */
function tagsOf(value: string | null): string[] | undefined {
  const tags = (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0 && tag.length <= 40)
    .slice(0, 20);
  return tags.length > 0 ? tags : undefined;
}

/** Reads the inbox filter from a query string; the defaults (services view, activity order) are left out. */
export function filterFromParams(params: URLSearchParams): TicketListFilter {
  const q = params.get('q')?.trim();
  const serviceId = params.get('serviceId') ?? '';
  const assigneeId = params.get('assigneeId') ?? '';
  const filter: TicketListFilter = {
    view: oneOf<TicketView>(TICKET_VIEWS, params.get('view')),
    status: listOf<TicketStatus>(TICKET_STATUSES, params.get('status')),
    priority: listOf<TicketPriority>(TICKET_PRIORITIES, params.get('priority')),
    platform: listOf<Platform>(PLATFORMS, params.get('platform')),
    tag: tagsOf(params.get('tag')),
    serviceId: UUID.test(serviceId) ? serviceId : undefined,
    assigneeId: UUID.test(assigneeId) ? assigneeId : undefined,
    q: q ? q.slice(0, 200) : undefined,
    sort: params.get('sort') === 'due' ? 'due' : undefined,
  };
  if (filter.view === 'services') filter.view = undefined;
  // Absent keys, not `undefined` ones: the filter is a react-query key and must compare equal.
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

export function paramsFromFilter(filter: TicketListFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as Array<[string, string | string[] | undefined]>) {
    if (value === undefined || value.length === 0) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : value);
  }
  return params;
}

/**
 * The inbox view and filters live in the URL (?view=mine&status=new,open&q=poubelle): shareable, and
 * the back button undoes a filter change. Typing in the search box replaces the entry instead.
 */
export function useInboxFilters(): [
  TicketListFilter,
  (patch: Partial<TicketListFilter>, options?: { replace?: boolean }) => void,
] {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const update = useCallback(
    (patch: Partial<TicketListFilter>, options?: { replace?: boolean }) => {
      setParams((current) => paramsFromFilter({ ...filterFromParams(current), ...patch }), {
        replace: options?.replace ?? false,
      });
    },
    [setParams],
  );
  return [filter, update];
}
