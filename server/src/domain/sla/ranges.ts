/**
 * Sets of instants as flat arrays [start0, end0, start1, end1, …] of epoch milliseconds, half-open.
 * Flat number arrays keep the hot loop free of per-range allocations.
 */
export type Ranges = readonly number[];

export const NO_RANGES: Ranges = Object.freeze([]);

/** Sorts and merges overlapping or touching ranges; empty ones are dropped. */
export function normalizeRanges(flat: readonly number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i] < flat[i + 1]) pairs.push([flat[i], flat[i + 1]]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]) {
      merged[last] = Math.max(merged[last], end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

/** `spans` minus `cuts`; both normalised. A cut partly inside a span removes just the overlap. */
export function subtractRanges(spans: Ranges, cuts: Ranges): number[] {
  const result: number[] = [];
  let k = 0;
  for (let i = 0; i < spans.length; i += 2) {
    let start = spans[i];
    const end = spans[i + 1];
    while (k < cuts.length && cuts[k + 1] <= start) k += 2;
    for (let j = k; j < cuts.length && cuts[j] < end; j += 2) {
      if (cuts[j] > start) result.push(start, cuts[j]);
      start = Math.max(start, cuts[j + 1]);
      if (start >= end) break;
    }
    if (start < end) result.push(start, end);
  }
  return result;
}
