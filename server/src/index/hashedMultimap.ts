/**
 * A multimap from string keys to values that keeps no key strings: a value is filed under a 32-bit
 * hash of its key, and a lookup checks the key of each value filed there again (`keyOf`). For keys
 * made for the purpose, one per entity (a lower-cased id or title), each a string of its own: at
 * 10k heavy documents they were ~6 MB of the heap that a lint run keeps.
 * Values come back in the order they were added; a value is held at most once.
 */
export class HashedMultimap<T> {
  /** One value, or several (arrays of exact size); values must not be arrays themselves. */
  private readonly buckets = new Map<number, T | T[]>();

  constructor(private readonly keyOf: (value: T) => string) {}

  add(value: T): void {
    const hash = hashOf(this.keyOf(value));
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, value);
    else if (!Array.isArray(bucket)) {
      if (bucket !== value) this.buckets.set(hash, [bucket, value]);
    } else if (!bucket.includes(value)) this.buckets.set(hash, [...bucket, value]);
  }

  delete(value: T): void {
    const hash = hashOf(this.keyOf(value));
    const bucket = this.buckets.get(hash);
    if (bucket === value) this.buckets.delete(hash);
    else if (Array.isArray(bucket)) {
      const kept = bucket.filter((v) => v !== value);
      this.buckets.set(hash, kept.length === 1 ? kept[0]! : kept);
    }
  }

  /** The values whose key is `key`. */
  get(key: string): T[] {
    const bucket = this.buckets.get(hashOf(key));
    if (bucket === undefined) return [];
    if (!Array.isArray(bucket)) return this.keyOf(bucket) === key ? [bucket] : [];
    return bucket.filter((v) => this.keyOf(v) === key);
  }
}

/** FNV-1a over UTF-16 code units, as a 32-bit signed integer (a small integer to V8: no object per key). */
export function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}
