import { partitionPoint } from './partitionPoint.js';

/** A name found near a query, with its edit distance. */
export interface NearName {
  name: string;
  distance: number;
}

/**
 * A multiset of names that answers "which names are within k edits (Levenshtein, UTF-16 code
 * units, as fastest-levenshtein counts) of this one?" without comparing the query with every name.
 *
 * The names are kept in one sorted array (code-unit order, one entry per holder: several
 * declarations may share a name), which is a trie laid flat: the names that share a prefix are
 * neighbours. A walk down the array carries one row of the edit-distance table per character,
 * keeps the rows of the prefix a name shares with the one before it, and as soon as every cell of
 * a row exceeds k skips every name with that prefix, as a trie walk abandons a branch. Only the
 * cells of the band |i - depth| ≤ k can be within k, so a row costs O(k), not the query's length.
 * Beside each name it keeps how many characters the name shares with the one before it (two bytes)
 * and where the names sharing that much end (four, rebuilt by the first walk after a change), so
 * the walk compares no characters to know which rows it keeps, and skips a run of names in a few
 * jumps. That is 14 bytes per name where a trie held three objects (node, children, label): the
 * id neighbourhoods were ~14 MB of a 10k heavy workspace's heap as tries, ~1 MB so, for walks as fast.
 */
export class SortedNames {
  /** Sorted by code units; a name held n times is there n times, side by side. */
  private readonly names: string[];
  /**
   * shared[i]: how many characters names[i] shares with names[i - 1] from their start (capped at
   * MAX_SHARED; 0 for the first). Its length is a capacity, grown by doubling.
   */
  private shared: Uint16Array;
  /** nextShorterShares of `shared`, made by the first walk after a change. */
  private next: Int32Array | undefined;
  private distinct = 0;

  /**
   * The names of `initial`, sorted once (adding them one by one would move the array each time),
   * each in a copy of its own made here: a walk reads the characters of thousands of names, and the
   * strings the index's entities hold lie scattered across its whole heap (each beside the rest of
   * its file's parse), where these copies lie side by side. In the language server's first scan at
   * 10k heavy documents a walk took a median 0.16-0.19 ms with the entities' strings and 0.08 ms
   * with copies (the CLI's: 0.06-0.07 ms), for the same 1195 walks: ~0.4 s of the scan's CPU
   * (2026-12-06, alternating runs). The copies are ~2 MB there (63k ids of five kinds).
   */
  constructor(initial: Iterable<string> = []) {
    const names = (this.names = copiesOf([...initial]).sort(byCodeUnits));
    this.shared = new Uint16Array(Math.max(16, names.length));
    for (let i = 0; i < names.length; i++) {
      if (i > 0) this.shared[i] = sharedLength(names[i - 1]!, names[i]!);
      if (i === 0 || names[i] !== names[i - 1]) this.distinct++;
    }
  }

  /** How many distinct names it holds. */
  get count(): number {
    return this.distinct;
  }

  /** The distinct names, in code-unit order. */
  *[Symbol.iterator](): Generator<string> {
    const names = this.names;
    for (let i = 0; i < names.length; i++) if (i === 0 || names[i] !== names[i - 1]) yield names[i]!;
  }

  /** Adds one holder of `name`; true when the name is new. */
  add(name: string): boolean {
    const at = firstAtOrAfter(this.names, name);
    const isNew = this.names[at] !== name;
    this.names.splice(at, 0, name);
    this.next = undefined;
    if (this.names.length > this.shared.length) {
      const grown = new Uint16Array(this.shared.length * 2);
      grown.set(this.shared);
      this.shared = grown;
    }
    this.shared.copyWithin(at + 1, at, this.names.length - 1);
    this.shareAt(at);
    this.shareAt(at + 1);
    if (isNew) this.distinct++;
    return isNew;
  }

  /** Sets shared[at] from the names at `at` and before it. */
  private shareAt(at: number): void {
    if (at < this.names.length) this.shared[at] = at === 0 ? 0 : sharedLength(this.names[at - 1]!, this.names[at]!);
  }

  /** Removes one holder of `name`; true when that was its last holder and the name left. */
  remove(name: string): boolean {
    const at = firstAtOrAfter(this.names, name);
    if (this.names[at] !== name) return false;
    this.names.splice(at, 1);
    this.next = undefined;
    this.shared.copyWithin(at, at + 1, this.names.length + 1);
    this.shareAt(at);
    if (this.names[at] === name) return false;
    this.distinct--;
    return true;
  }

  has(name: string): boolean {
    return this.names[firstAtOrAfter(this.names, name)] === name;
  }

  /** Every name within `maxDistance` edits of `query` (the query itself included, at 0), in no particular order. */
  within(query: string, maxDistance: number): NearName[] {
    const found: NearName[] = [];
    const n = query.length;
    const k = Math.max(0, Math.floor(maxDistance));
    const infinity = k + 1;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = query.charCodeAt(i);
    // rows[d][i]: distance between the first d characters of the name and the first i of the query,
    // capped at k + 1 (anything above k is as good as infinite).
    const rows: Int32Array[] = [];
    const rowAt = (depth: number): Int32Array => (rows[depth] ??= new Int32Array(n + 1));
    const first = rowAt(0);
    for (let i = 0; i <= n; i++) first[i] = Math.min(i, infinity);

    /** Fills the row of `depth` from the row above for one more character `c`; false when nothing in it is within k. */
    const step = (depth: number, c: number): boolean => {
      const previous = rows[depth - 1]!;
      const row = rowAt(depth);
      // Only the band |i - depth| <= k can hold distances within k. Its neighbours are set to
      // "infinite", so the next row reads no stale cell of an earlier name.
      const from = Math.max(1, depth - k);
      const to = Math.min(n, depth + k);
      row[0] = Math.min(depth, infinity);
      if (from > 1 && from - 1 <= n) row[from - 1] = infinity;
      if (to < n) row[to + 1] = infinity;
      let best = from === 1 ? row[0]! : infinity;
      for (let i = from; i <= to; i++) {
        const substitution = previous[i - 1]! + (codes[i - 1] === c ? 0 : 1);
        const cell = Math.min(substitution, previous[i]! + 1, row[i - 1]! + 1, infinity);
        row[i] = cell;
        if (cell < best) best = cell;
      }
      return best <= k;
    };

    const names = this.names;
    const shared = this.shared;
    const next = (this.next ??= nextShorterShares(shared, names.length));
    // The rows of depths 0..`ready` hold the first `ready` characters of names[at - 1] (and of the
    // name last looked at: when a run was skipped, the name after it shares with both alike).
    let ready = 0;
    let at = 0;
    while (at < names.length) {
      const name = names[at]!;
      let depth = at === 0 ? 0 : Math.min(ready, shared[at]!);
      if (at > 0 && depth === name.length && name === names[at - 1]) {
        at++; // another holder of a name already looked at
        continue;
      }
      while (depth < name.length && step(depth + 1, name.charCodeAt(depth))) depth++;
      ready = depth;
      if (depth < name.length) {
        // No name that starts with these depth + 1 characters can be within k: skip them all.
        // The names after it that start alike are those whose `shared` stays above depth.
        const length = depth + 1;
        at++;
        while (at < names.length && shared[at]! >= length) at = next[at]!;
        continue;
      }
      const end = name.length;
      if (end + k >= n && end - k <= n && rows[end]![n]! <= k) found.push({ name, distance: rows[end]![n]! });
      at++;
    }
    return found;
  }
}

/**
 * Fresh copies of `names`, allocated one after the other: one JSON round trip for them all (JSON
 * writes lone surrogates as escapes and reads them back, so every name comes back exactly).
 */
function copiesOf(names: string[]): string[] {
  return names.length ? (JSON.parse(JSON.stringify(names)) as string[]) : names;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first place in `names` (sorted) whose name is not below `name`. */
function firstAtOrAfter(names: readonly string[], name: string): number {
  return partitionPoint(names.length, (i) => names[i]! < name);
}

/** How many characters `a` and `b` share from their start, up to MAX_SHARED. */
function sharedLength(a: string, b: string): number {
  const most = Math.min(a.length, b.length, MAX_SHARED);
  let i = 0;
  while (i < most && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** What `shared` can hold; names sharing more are taken to share this much (only a walk's speed depends on it). */
const MAX_SHARED = 0xffff;

/**
 * For each place i, the first place after it whose name shares fewer characters with its
 * predecessor than names[i] does (names.length when none): every name in between shares at least
 * shared[i] characters with names[i - 1], so a run of names with a prefix is skipped in as many
 * jumps as the prefix is shorter than what its first names share, not name by name.
 */
function nextShorterShares(shared: Uint16Array, length: number): Int32Array {
  const next = new Int32Array(length);
  const stack = new Int32Array(length);
  let top = 0;
  for (let i = length - 1; i >= 1; i--) {
    while (top > 0 && shared[stack[top - 1]!]! >= shared[i]!) top--;
    next[i] = top > 0 ? stack[top - 1]! : length;
    stack[top++] = i;
  }
  return next;
}
