import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether `given` is one of `keys`, in time independent of where they differ: digests make the
 * lengths equal, and every key is compared (no early exit).
 */
export function isKnownApiKey(given: string, keys: readonly string[]): boolean {
  const candidate = digest(given);
  let found = false;
  for (const key of keys) found = timingSafeEqual(candidate, digest(key)) || found;
  return found;
}
