import type { Presence, PresenceViewer } from '@guichet/shared';
import type { AuthUser } from '../auth/auth-user';

/**
 * What a socket carries. It lives with the socket (and travels with fetchSockets() from other
 * instances), so presence needs no shared in-memory map.
 */
export interface SocketData {
  user: AuthUser;
  /** Tickets whose presence room this socket joined. */
  viewing: string[];
  /** Per ticket: until when (ms since epoch) this socket counts as typing a reply. */
  typingUntil: Record<string, number>;
}

export const presenceRoom = (ticketId: string) => `presence:${ticketId}`;

/** One viewer per user (several tabs count once), typing if any of their sockets is. */
export function presenceOf(
  ticketId: string,
  sockets: Array<{ data: Partial<SocketData> }>,
  now: number,
): Presence {
  const byUser = new Map<string, PresenceViewer>();
  for (const { data } of sockets) {
    if (!data.user) continue;
    const typing = (data.typingUntil?.[ticketId] ?? 0) > now;
    const seen = byUser.get(data.user.id);
    byUser.set(data.user.id, {
      userId: data.user.id,
      displayName: data.user.displayName,
      typing: typing || (seen?.typing ?? false),
    });
  }
  return {
    ticketId,
    viewers: [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr')),
  };
}
