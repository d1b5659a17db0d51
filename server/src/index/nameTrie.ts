/** A name found near a query, with its edit distance. */
export interface NearName {
  name: string;
  distance: number;
}

/**
 * A node of a radix trie: the edge into it is labelled with one or more characters (chains of
 * single children are merged, so a workspace of n ids has fewer than 2n nodes).
 */
interface TrieNode {
  label: string;
  /** Children, their labels starting with distinct characters; arrays of exact size (they are many and small). */
  children: TrieNode[];
  /** The name that ends here, while at least one holder of it remains. */
  name: string | undefined;
  holders: number;
}

/** The children of every leaf: arrays are replaced, never changed in place, so one empty array serves all. */
const NO_CHILDREN: TrieNode[] = [];

const newNode = (label: string, children: TrieNode[] = NO_CHILDREN): TrieNode => ({ label, children, name: undefined, holders: 0 });

/**
 * A multiset of names that answers "which names are within k edits (Levenshtein, UTF-16 code
 * units, as fastest-levenshtein counts) of this one?" without comparing the query with every name:
 * a depth-first walk of a trie that carries one row of the edit-distance table per depth and
 * abandons a branch as soon as every cell of its row exceeds k. Only the cells of the band
 * |i - depth| ≤ k can be within k, so a row costs O(k), not the query's length.
 * Names are counted (several declarations may share one) and removed when the count drops to zero,
 * so an editor session that types and deletes ids does not grow the trie.
 */
export class NameTrie {
  private readonly root = newNode('');
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds one holder of `name`; true when the name is new to the trie. */
  add(name: string): boolean {
    let node = this.root;
    let at = 0;
    while (at < name.length) {
      const index = childStartingWith(node, name.charCodeAt(at));
      if (index === -1) {
        const leaf = newNode(name.slice(at));
        node.children = [...node.children, leaf];
        node = leaf;
        at = name.length;
        break;
      }
      const child = node.children[index]!;
      const shared = commonPrefixLength(child.label, name, at);
      if (shared < child.label.length) {
        // Split the edge: the shared part becomes a node of its own, above the child.
        const middle = newNode(child.label.slice(0, shared), [child]);
        child.label = child.label.slice(shared);
        node.children = replaced(node.children, index, middle);
        node = middle;
      } else node = child;
      at += shared;
    }
    if (node.holders++ > 0) return false;
    node.name = name;
    this.size++;
    return true;
  }

  /** Removes one holder of `name`; true when that was its last holder and the name left the trie. */
  remove(name: string): boolean {
    const path = this.pathTo(name);
    if (!path) return false;
    const node = path[path.length - 1]!;
    if (node.holders === 0 || --node.holders > 0) return false;
    node.name = undefined;
    this.size--;
    // Drop a node that leads nowhere now, and merge a node left with a single child into it.
    if (node !== this.root && node.children.length === 0) {
      const parent = path[path.length - 2]!;
      parent.children = parent.children.filter((c) => c !== node);
      if (parent !== this.root && parent.holders === 0 && parent.children.length === 1) mergeWithOnlyChild(parent);
    } else if (node !== this.root && node.children.length === 1) mergeWithOnlyChild(node);
    return true;
  }

  has(name: string): boolean {
    const path = this.pathTo(name);
    return path !== undefined && path[path.length - 1]!.holders > 0;
  }

  /** The nodes from the root to the one that spells `name` exactly, or undefined when no node does. */
  private pathTo(name: string): TrieNode[] | undefined {
    const path: TrieNode[] = [this.root];
    let node = this.root;
    let at = 0;
    while (at < name.length) {
      const index = childStartingWith(node, name.charCodeAt(at));
      if (index === -1) return undefined;
      const child = node.children[index]!;
      if (!name.startsWith(child.label, at)) return undefined;
      at += child.label.length;
      node = child;
      path.push(node);
    }
    return path;
  }

  /** Every name within `maxDistance` edits of `query` (the query itself included, at 0), in no particular order. */
  within(query: string, maxDistance: number): NearName[] {
    const found: NearName[] = [];
    const n = query.length;
    const k = Math.max(0, Math.floor(maxDistance));
    const infinity = k + 1;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = query.charCodeAt(i);
    // rows[d][i]: distance between the first d characters of the path and the first i of the query,
    // capped at k + 1 (anything above k is as good as infinite).
    const rows: Int32Array[] = [];
    const rowAt = (depth: number): Int32Array => (rows[depth] ??= new Int32Array(n + 1));
    const first = rowAt(0);
    for (let i = 0; i <= n; i++) first[i] = Math.min(i, infinity);
    if (this.root.holders > 0 && first[n]! <= k) found.push({ name: this.root.name!, distance: first[n]! });

    /** Fills the row of `depth` from the row above for one more character `c`; false when nothing in it is within k. */
    const step = (depth: number, c: number): boolean => {
      const previous = rows[depth - 1]!;
      const row = rowAt(depth);
      // Only the band |i - depth| <= k can hold distances within k. Its neighbours are set to
      // "infinite", so the next row reads no stale cell of an earlier branch.
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

    const walk = (node: TrieNode, depth: number): void => {
      const label = node.label;
      for (let j = 0; j < label.length; j++) {
        if (!step(depth + j + 1, label.charCodeAt(j))) return; // every longer path only adds edits
      }
      const end = depth + label.length;
      if (node.holders > 0 && end + k >= n && end - k <= n && rows[end]![n]! <= k) found.push({ name: node.name!, distance: rows[end]![n]! });
      for (const child of node.children) walk(child, end);
    };
    for (const child of this.root.children) walk(child, 0);
    return found;
  }
}

function childStartingWith(node: TrieNode, code: number): number {
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.label.charCodeAt(0) === code) return i;
  return -1;
}

/** How many characters `label` shares with `name` from `at` on. */
function commonPrefixLength(label: string, name: string, at: number): number {
  let i = 0;
  while (i < label.length && at + i < name.length && label.charCodeAt(i) === name.charCodeAt(at + i)) i++;
  return i;
}

function replaced<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

/** A node that ends no name and has one child becomes that child, with the two labels joined. */
function mergeWithOnlyChild(node: TrieNode): void {
  const child = node.children[0]!;
  node.label += child.label;
  node.children = child.children;
  node.name = child.name;
  node.holders = child.holders;
}
