import type { MessageView, Page, TicketDetail, TicketSummary } from '@guichet/shared';
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

/** A clock with a deadline first (earliest first), then paused clocks, then tickets without a clock. */
function dueRank(ticket: TicketSummary): number {
  if (!ticket.sla) return 2;
  return ticket.sla.dueAt ? 0 : 1;
}

function byDueFirst(a: TicketSummary, b: TicketSummary): number {
  const rank = dueRank(a) - dueRank(b);
  if (rank !== 0) return rank;
  if (a.sla?.dueAt && b.sla?.dueAt) {
    const due = Date.parse(a.sla.dueAt) - Date.parse(b.sla.dueAt);
    if (due !== 0) return due;
  }
  if (a.sla && b.sla && !a.sla.dueAt && !b.sla.dueAt) {
    const remaining = a.sla.remainingMinutes - b.sla.remainingMinutes;
    if (remaining !== 0) return remaining;
  }
  return byLastActivityDesc(a, b);
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
 * inserted or moved in the page's order (last activity or deadline), or removed when it no longer
 * matches the page's filter. The server's order wins again at the next fetch.
 */
export function upsertTicketInLists(queryClient: QueryClient, ticket: TicketSummary): void {
  const cached = queryClient.getQueriesData<Page<TicketSummary>>({ queryKey: queryKeys.tickets.lists });
  for (const [queryKey, page] of cached) {
    if (!page) continue;
    const current = page.items.find((item) => item.id === ticket.id);
    if (isStale(ticket, current)) continue;
    const present = current !== undefined;
    const filter = filterOf(queryKey);
    const matches = matchesFilter(ticket, filter);
    if (!present && !matches) continue;

    const others = page.items.filter((item) => item.id !== ticket.id);
    const order = filter.sort === 'due' ? byDueFirst : byLastActivityDesc;
    const items = matches ? [toSummary(ticket), ...others].sort(order) : others;
    const total = page.total + (matches ? (present ? 0 : 1) : -1);
    queryClient.setQueryData<Page<TicketSummary>>(queryKey, { items, total: Math.max(total, items.length) });
  }
}

/** An inbox row only: a ticket page's answer must not carry its whole thread into the list cache. */
export function toSummary(ticket: TicketSummary | TicketDetail): TicketSummary {
  if (!('messages' in ticket)) return ticket;
  const { messages: _messages, context: _context, slaClocks: _slaClocks, ...summary } = ticket;
  return summary;
}

/** Same clock, ignoring the remaining time of a running clock (it only says when it was computed). */
function sameSla(a: TicketSummary['sla'] | undefined, b: TicketSummary['sla'] | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.kind !== b.kind || a.state !== b.state || a.dueAt !== b.dueAt) return false;
  return a.dueAt !== null || a.remainingMinutes === b.remainingMinutes;
}

/**
 * Refreshes the header fields of an open ticket page, keeping its thread. The event carries only the
 * summary clock: when it changed, the page's detailed clocks are refetched.
 */
export function mergeTicketIntoDetail(queryClient: QueryClient, ticket: TicketSummary): void {
  const key = queryKeys.tickets.detail(ticket.id);
  const detail = queryClient.getQueryData<TicketDetail>(key);
  if (!detail || isStale(ticket, detail)) return;
  const clocksChanged = !sameSla(detail.sla, ticket.sla);
  queryClient.setQueryData<TicketDetail>(key, { ...detail, ...toSummary(ticket) });
  if (clocksChanged) void queryClient.invalidateQueries({ queryKey: key });
}

/** Stores a ticket page the server just returned (after a change made here), and its inbox rows. */
export function storeTicketDetail(queryClient: QueryClient, detail: TicketDetail): void {
  queryClient.setQueryData<TicketDetail>(queryKeys.tickets.detail(detail.id), (current) =>
    current && isStale(detail, current) ? current : detail,
  );
  upsertTicketInLists(queryClient, detail);
}

/** The clocks of a ticket moved on their own (a warning or a breach): fetch them again where shown. */
export function refreshTicketClocks(queryClient: QueryClient, ticketId: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.detail(ticketId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.lists });
}

function byWrittenAt(a: MessageView, b: MessageView): number {
  return Date.parse(a.sentAt) - Date.parse(b.sentAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/**
 * The reply's HTTP answer can arrive after the socket already said it was sent or failed. A reply
 * only goes back to queued through a retry, which keeps the last error: a queued copy without error is
 * that late first answer, never news. Sent is final.
 */
function keepNewer(current: MessageView, incoming: MessageView): MessageView {
  if (current.deliveryStatus === 'sent' && incoming.deliveryStatus !== 'sent') return current;
  const lateFirstAnswer = incoming.deliveryStatus === 'queued' && incoming.deliveryError === null;
  return lateFirstAnswer && current.deliveryStatus === 'failed' ? current : incoming;
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
