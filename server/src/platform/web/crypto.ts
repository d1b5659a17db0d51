// `node:crypto` for the web language server: `createHash(...).update(text).digest(...)`, which
// the engine uses to key its parse cache by content. Synchronous (WebCrypto's digest is not):
// two independent 53-bit hashes and the length, so that two different texts practically never
// share a key.
export function createHash(_algorithm: string) {
  let text = '';
  const hash = {
    update(chunk: string) {
      text += chunk;
      return hash;
    },
    digest(_encoding?: string): string {
      return `${cyrb53(text, 0x9e3779b9).toString(36)}.${cyrb53(text, 0x85ebca6b).toString(36)}.${text.length.toString(36)}`;
    },
  };
  return hash;
}

/** `hash(algorithm, text, encoding)`: the one-call form, the same key as createHash's. */
export function hash(algorithm: string, text: string, _encoding?: string): string {
  return createHash(algorithm).update(text).digest();
}

/** cyrb53: a fast 53-bit string hash (public domain). */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
