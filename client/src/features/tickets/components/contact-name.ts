import type { ContactView } from '@guichet/shared';

/** How to name a citizen: the display name, else the platform handle; null when the platform told us nothing. */
export function contactName(contact: ContactView | null): string | null {
  return contact?.displayName?.trim() || contact?.handle?.trim() || null;
}
