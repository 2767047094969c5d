/**
 * Orders two platform ids without going through Number: Mastodon and X ids are decimal strings that
 * exceed 2^53. Canonical numeric strings (no leading zeros) compare by length, then character by
 * character; the same rule also orders fixed-length sortable ids (GoToSocial's ULIDs).
 */
export function compareNumericIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The greatest of the ids (null when there are none), by compareNumericIds. */
export function maxNumericId(ids: Iterable<string | null>): string | null {
  let max: string | null = null;
  for (const id of ids) {
    if (id !== null && (max === null || compareNumericIds(id, max) > 0)) max = id;
  }
  return max;
}
