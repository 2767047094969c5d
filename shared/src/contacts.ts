import type { ContactView } from './views.js';

/** An agent's label for a citizen (« presse », « élu »): short, so that routing rules can name it. */
export const CONTACT_TAG_MAX_LENGTH = 50;
export const CONTACT_TAGS_MAX = 20;

/** Search text for the merge picker, in characters once trimmed. */
export const CONTACT_SEARCH_MIN_LENGTH = 2;
export const CONTACT_SEARCH_MAX_LENGTH = 100;
export const CONTACT_SEARCH_LIMIT = 20;

/**
 * The stored form of a tag: trimmed, inner spaces collapsed, lower case (accents kept for reading;
 * routing rules compare tags without accents anyway).
 */
export function normalizeContactTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
}

/** Body of `PATCH /api/contacts/:id`. */
export interface UpdateContactRequest {
  /** Replaces the person's tags. */
  tags: string[];
}

/** One person found by `GET /api/contacts?q=`: the main identity, never one merged into another. */
export interface ContactMatch extends ContactView {
  /** Every identity of the person (this one first). */
  identities: ContactView[];
  /** Their tickets the reader may see. */
  ticketCount: number;
}
