import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { HashedMultimap, hashOf } from '../../server/src/index/hashedMultimap.js';

/**
 * The index's case-blind lookups ("did you mean OBJ-Growth?", an entity named by its title) keep no
 * lower-cased copy of each id or title: values are filed under a hash of their key. A lookup must
 * still answer exactly what a map keyed by the strings would, whatever shares a hash.
 */
describe('HashedMultimap', () => {
  const lower = (s: string) => s.toLowerCase();

  it('answers as a map of lists keyed by the strings would, through adds and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('OBJ-a', 'obj-A', 'Obj-b', 'INIT-x', 'init-X', 'ä', 'Ä', '')), { maxLength: 40 }), (steps) => {
        const hashed = new HashedMultimap<string>(lower);
        const plain = new Map<string, string[]>();
        for (const [adding, value] of steps) {
          const list = plain.get(lower(value)) ?? [];
          if (adding) {
            hashed.add(value);
            if (!list.includes(value)) plain.set(lower(value), [...list, value]);
          } else {
            hashed.delete(value);
            plain.set(lower(value), list.filter((v) => v !== value));
          }
        }
        for (const key of ['obj-a', 'obj-b', 'init-x', 'ä', '', 'nothing']) assert.deepEqual(hashed.get(key), plain.get(key) ?? []);
      }),
    );
  });

  it('keeps apart two keys that share a hash', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const key = `title ${i}`;
      const other = seen.get(hashOf(key));
      if (other !== undefined) pair = [other, key];
      else seen.set(hashOf(key), key);
    }
    const [a, b] = pair;
    const titles = new HashedMultimap<{ title: string }>((e) => e.title);
    const first = { title: a };
    const second = { title: b };
    titles.add(first);
    titles.add(second);
    assert.deepEqual(titles.get(a), [first]);
    assert.deepEqual(titles.get(b), [second]);
    titles.delete(first);
    assert.deepEqual(titles.get(a), []);
    assert.deepEqual(titles.get(b), [second]);
  });
});
