/**
 * The first index in [0, length) at which `before` is false, or `length` when there is none, for a
 * `before` that is true up to some index and false from there on (a sorted list and "does the item
 * at i come before the one sought?"): a binary search, log2(length) calls of `before`. The same
 * contract as Rust's `partition_point`; every sorted list of the index finds its places with it.
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
