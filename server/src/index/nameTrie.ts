/** A name found near a query, with its edit distance. */
export interface NearName {
  name: string;
  distance: number;
}

interface TrieNode {
  /** UTF-16 code units of the children's edges, parallel to `children`. */
  chars: number[];
  children: TrieNode[];
  /** The name that ends here, while at least one holder of it remains. */
  name?: string;
  holders: number;
}

const newNode = (): TrieNode => ({ chars: [], children: [], holders: 0 });

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
  private readonly root = newNode();
  private size = 0;

  get count(): number {
    return this.size;
  }

  /** Adds one holder of `name`; true when the name is new to the trie. */
  add(name: string): boolean {
    let node = this.root;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const at = node.chars.indexOf(c);
      if (at !== -1) node = node.children[at]!;
      else {
        const child = newNode();
        node.chars.push(c);
        node.children.push(child);
        node = child;
      }
    }
    if (node.holders++ > 0) return false;
    node.name = name;
    this.size++;
    return true;
  }

  /** Removes one holder of `name`; true when that was its last holder and the name left the trie. */
  remove(name: string): boolean {
    const path: TrieNode[] = [this.root];
    let node = this.root;
    for (let i = 0; i < name.length; i++) {
      const at = node.chars.indexOf(name.charCodeAt(i));
      if (at === -1) return false;
      node = node.children[at]!;
      path.push(node);
    }
    if (node.holders === 0 || --node.holders > 0) return false;
    node.name = undefined;
    this.size--;
    // Prune the branch that led only to this name.
    for (let depth = name.length; depth > 0; depth--) {
      const child = path[depth]!;
      if (child.holders > 0 || child.children.length > 0) break;
      const parent = path[depth - 1]!;
      const at = parent.children.indexOf(child);
      parent.chars.splice(at, 1);
      parent.children.splice(at, 1);
    }
    return true;
  }

  has(name: string): boolean {
    let node = this.root;
    for (let i = 0; i < name.length; i++) {
      const at = node.chars.indexOf(name.charCodeAt(i));
      if (at === -1) return false;
      node = node.children[at]!;
    }
    return node.holders > 0;
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

    const walk = (node: TrieNode, depth: number, c: number): void => {
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
      if (best > k) return; // every longer path only adds edits
      if (node.holders > 0 && to === n && row[n]! <= k) found.push({ name: node.name!, distance: row[n]! });
      for (let j = 0; j < node.children.length; j++) walk(node.children[j]!, depth + 1, node.chars[j]!);
    };
    for (let j = 0; j < this.root.children.length; j++) walk(this.root.children[j]!, 1, this.root.chars[j]!);
    return found;
  }
}
