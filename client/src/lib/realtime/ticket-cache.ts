import type { Me, MessageView, Page, TicketDetail, TicketSummary } from '@guichet/shared';
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys, type TicketListFilter } from '../query-keys';

type TicketPages = InfiniteData<Page<TicketSummary>, string | null>;

/**
 * Whether a ticket belongs in a list, judged here from the summary alone; undefined when only the
 * server can tell (text search, "due soon" which depends on the service's calendar).
 */
function matchesFilter(
  ticket: TicketSummary,
  filter: TicketListFilter,
  me: Me | null | undefined,
): boolean | undefined {
  if (filter.q || filter.view === 'due') return undefined;
  if (filter.view === 'approval' && !ticket.awaitingApproval) return false;
  if (filter.view === 'mine' && ticket.assignee?.id !== me?.id) return false;
  if (filter.view === 'unassigned' && ticket.assignee !== null) return false;
  if (filter.status && !filter.status.includes(ticket.status)) return false;
  if (filter.priority && !filter.priority.includes(ticket.priority)) return false;
  if (filter.platform && !filter.platform.includes(ticket.platform)) return false;
  if (filter.serviceId && ticket.service.id !== filter.serviceId) return false;
  if (filter.assigneeId && ticket.assignee?.id !== filter.assigneeId) return false;
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
 * A fetch in flight may have been answered by the server before this change: when it lands, its
 * older answer would silently undo the change. Apply the change once more on top of it.
 */
function againAfterFetch(queryClient: QueryClient, queryKey: QueryKey, apply: () => void): void {
  const query = queryClient.getQueryCache().find({ queryKey, exact: true });
  if (query?.state.fetchStatus !== 'fetching') return;
  void query.promise?.then(apply, () => undefined);
}

/**
 * Puts a created or updated ticket where it belongs in every cached inbox list: inserted or moved in
 * the list's order (last activity or deadline), or removed when it no longer matches the list's filter.
 * A list whose filter only the server can judge is fetched again. The server's order wins at the next fetch.
 */
export function upsertTicketInLists(queryClient: QueryClient, ticket: TicketSummary): void {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.tickets.lists })) {
    upsertTicketInList(queryClient, query.queryKey, ticket);
    againAfterFetch(queryClient, query.queryKey, () =>
      upsertTicketInList(queryClient, query.queryKey, ticket),
    );
  }
}

function upsertTicketInList(queryClient: QueryClient, queryKey: QueryKey, ticket: TicketSummary): void {
  const me = queryClient.getQueryData<Me | null>(queryKeys.me);
  const data = queryClient.getQueryData<TicketPages>(queryKey);
  if (!data || data.pages.length === 0) return;
  const items = data.pages.flatMap((page) => page.items);
  const current = items.find((item) => item.id === ticket.id);
  if (isStale(ticket, current)) return;
  const filter = filterOf(queryKey);
  const matches = matchesFilter(ticket, filter, me);
  if (matches === undefined) {
    void queryClient.invalidateQueries({ queryKey, exact: true });
    return;
  }
  if (current === undefined && !matches) return;
  queryClient.setQueryData<TicketPages>(queryKey, placeTicket(data, ticket, matches, filter));
}

/** Removes the ticket from its pages, then inserts it in the first page whose last row sorts after it. */
function placeTicket(
  data: TicketPages,
  ticket: TicketSummary,
  matches: boolean,
  filter: TicketListFilter,
): TicketPages {
  const order = filter.sort === 'due' ? byDueFirst : byLastActivityDesc;
  const present = data.pages.some((page) => page.items.some((item) => item.id === ticket.id));
  let placed = !matches;
  const pages = data.pages.map((page, index) => {
    let pageItems = page.items.filter((item) => item.id !== ticket.id);
    const last = pageItems.at(-1);
    const isLastLoaded = index === data.pages.length - 1;
    // Beyond the loaded pages (there are more on the server): « Charger plus » will bring it.
    const fits = last === undefined || order(ticket, last) <= 0 || (isLastLoaded && !page.nextCursor);
    if (!placed && fits) {
      pageItems = [...pageItems, toSummary(ticket)].sort(order);
      placed = true;
    }
    return { ...page, items: pageItems };
  });
  const delta = matches ? (present ? 0 : 1) : present ? -1 : 0;
  const [first, ...rest] = pages;
  const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
  return { ...data, pages: [{ ...first, total: Math.max(first.total + delta, loaded) }, ...rest] };
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
  mergeIntoDetail(queryClient, ticket);
  againAfterFetch(queryClient, queryKeys.tickets.detail(ticket.id), () =>
    mergeIntoDetail(queryClient, ticket),
  );
}

function mergeIntoDetail(queryClient: QueryClient, ticket: TicketSummary): void {
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
  const key = queryKeys.tickets.detail(message.ticketId);
  upsertMessage(queryClient, message);
  againAfterFetch(queryClient, key, () => upsertMessage(queryClient, message));
}

function upsertMessage(queryClient: QueryClient, message: MessageView): void {
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

/**
 * A ticket became mine: the "mine" lists are fetched again (the ticket may be in none of the cached
 * lists, e.g. in a service whose room this socket is not in, or beyond the loaded pages).
 */
export function refreshMyLists(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({
    queryKey: queryKeys.tickets.lists,
    predicate: (query) => filterOf(query.queryKey).view === 'mine',
  });
}

/**
 * A reply was held for approval, or decided: the approval queue is fetched again. The inbox lists
 * follow the ticket.updated that comes with it (its summary says whether a reply still waits).
 */
export function refreshApprovals(queryClient: QueryClient, message: MessageView): void {
  if (!message.approval) return;
  void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.queue });
}
