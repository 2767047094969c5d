import type { DeliveryStatus, MessageView, Page, TicketDetail, TicketSummary } from '@guichet/shared';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys, type TicketListFilter } from '../query-keys';

function matchesFilter(ticket: TicketSummary, filter: TicketListFilter): boolean {
  if (filter.status && ticket.status !== filter.status) return false;
  if (filter.serviceId && ticket.service.id !== filter.serviceId) return false;
  return true;
}

function byLastActivityDesc(a: TicketSummary, b: TicketSummary): number {
  return Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
}

function filterOf(queryKey: QueryKey): TicketListFilter {
  const filter = queryKey[2];
  return typeof filter === 'object' && filter !== null ? filter : {};
}

/** A socket event can overtake an HTTP answer (or the reverse): never let an older snapshot win. */
function isStale(incoming: TicketSummary, current: TicketSummary | undefined): boolean {
  return current !== undefined && Date.parse(incoming.updatedAt) < Date.parse(current.updatedAt);
}

/**
 * Puts a created or updated ticket where it belongs in every cached inbox page:
 * inserted or moved by last activity, or removed when it no longer matches the page's filter.
 */
export function upsertTicketInLists(queryClient: QueryClient, ticket: TicketSummary): void {
  const cached = queryClient.getQueriesData<Page<TicketSummary>>({ queryKey: queryKeys.tickets.lists });
  for (const [queryKey, page] of cached) {
    if (!page) continue;
    const current = page.items.find((item) => item.id === ticket.id);
    if (isStale(ticket, current)) continue;
    const present = current !== undefined;
    const matches = matchesFilter(ticket, filterOf(queryKey));
    if (!present && !matches) continue;

    const others = page.items.filter((item) => item.id !== ticket.id);
    const items = matches ? [ticket, ...others].sort(byLastActivityDesc) : others;
    const total = page.total + (matches ? (present ? 0 : 1) : -1);
    queryClient.setQueryData<Page<TicketSummary>>(queryKey, { items, total: Math.max(total, items.length) });
  }
}

/** Refreshes the header fields of an open ticket page, keeping its thread. */
export function mergeTicketIntoDetail(queryClient: QueryClient, ticket: TicketSummary): void {
  queryClient.setQueryData<TicketDetail>(queryKeys.tickets.detail(ticket.id), (detail) =>
    detail && !isStale(ticket, detail) ? { ...detail, ...ticket } : detail,
  );
}

function byWrittenAt(a: MessageView, b: MessageView): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

// The reply's HTTP answer (queued) can arrive after the socket already said it was sent or failed.
const DELIVERY_RANK: Record<DeliveryStatus, number> = { received: 0, queued: 0, failed: 1, sent: 2 };

function keepNewer(current: MessageView, incoming: MessageView): MessageView {
  return DELIVERY_RANK[incoming.deliveryStatus] < DELIVERY_RANK[current.deliveryStatus] ? current : incoming;
}

/** Adds or replaces one message in its ticket's thread; the same message may arrive by socket and by HTTP. */
export function upsertMessageInDetail(queryClient: QueryClient, message: MessageView): void {
  queryClient.setQueryData<TicketDetail>(queryKeys.tickets.detail(message.ticketId), (detail) => {
    if (!detail) return detail;
    const index = detail.messages.findIndex((item) => item.id === message.id);
    const messages =
      index === -1
        ? [...detail.messages, message].sort(byWrittenAt)
        : detail.messages.map((item) => (item.id === message.id ? keepNewer(item, message) : item));
    return { ...detail, messages };
  });
}
