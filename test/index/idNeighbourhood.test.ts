import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { NameTrie } from '../../server/src/index/nameTrie.js';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex.js';
import type { Entity, EntityKind } from '../../server/src/model/entity.js';
import type { ParsedFile } from '../../server/src/model/file.js';
import { closest, closestOfKind, closestScored, idsOfKind } from '../../server/src/rules/support.js';

/**
 * "Did you mean …?" and the safe replacement fix come from the ids near a broken reference. They are
 * found through a trie of the declared ids instead of comparing with every id; these properties pin
 * that the answer is exactly the one-by-one comparison's: same ids, same distances, same order.
 */

// Few letters, so that random ids are often near each other; case pairs, a letter whose lower case
// depends on its position (Σ), and a character outside the BMP (two UTF-16 code units).
const letter = fc.constantFrom('a', 'A', 'b', 'B', 'c', '-', '1', 'Σ', 'σ', 'ς', '😀');
const name = fc.array(letter, { maxLength: 7 }).map((chars) => chars.join(''));

function bruteForce(names: Iterable<string>, query: string, k: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const n of names) {
    const d = distance(query, n);
    if (d <= k) found.set(n, d);
  }
  return found;
}

describe('NameTrie', () => {
  it('finds exactly the names within k edits, as they are added and removed', () => {
    const step = fc.oneof(fc.record({ add: name }), fc.record({ remove: name }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(name, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 3 }), (steps, queries, k) => {
        const trie = new NameTrie();
        const holders = new Map<string, number>();
        for (const s of steps) {
          if ('add' in s) {
            trie.add(s.add);
            holders.set(s.add, (holders.get(s.add) ?? 0) + 1);
          } else if (holders.has(s.remove)) {
            trie.remove(s.remove);
            const left = holders.get(s.remove)! - 1;
            if (left) holders.set(s.remove, left);
            else holders.delete(s.remove);
          }
        }
        assert.equal(trie.count, holders.size);
        for (const query of [...queries, ...holders.keys()]) {
          const found = new Map(trie.within(query, k).map((n) => [n.name, n.distance]));
          assert.deepEqual(found, bruteForce(holders.keys(), query, k), `query '${query}' k=${k}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('forgets a name with its last holder', () => {
    const trie = new NameTrie();
    trie.add('OBJ-smb');
    trie.add('OBJ-smb');
    trie.remove('OBJ-smb');
    assert.deepEqual(trie.within('OBJ-smc', 1), [{ name: 'OBJ-smb', distance: 1 }]);
    trie.remove('OBJ-smb');
    assert.deepEqual(trie.within('OBJ-smc', 1), []);
    assert.equal(trie.has('OBJ-smb'), false);
  });
});

function fileOf(path: string, ids: [EntityKind, string][]): ParsedFile {
  const entities = ids.map(([kind, id], i) => ({ kind, form: 'yaml', file: path, id, anchor: { start: i, end: i + 1 }, extent: { start: i, end: i + 1 }, fields: [], refs: [] }) as unknown as Entity);
  return { path, language: 'yaml', hash: path, hasBom: false, eol: '\n', participates: true, entities, notes: [], suppressions: [] } as unknown as ParsedFile;
}

describe('closest over the ids of a kind', () => {
  const kind = fc.constantFrom<EntityKind>('objective', 'owner');
  const fileContent = fc.array(fc.tuple(kind, name), { maxLength: 6 });
  const change = fc.record({ file: fc.integer({ min: 0, max: 4 }), content: fc.option(fileContent, { nil: undefined }) });

  it('answers like comparing the query with every id, through edits of the workspace', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), fc.array(name, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (changes, queries, k) => {
        const index = new WorkspaceIndex();
        for (const c of changes) {
          const path = `/ws/f${c.file}.strategy.yaml`;
          if (c.content) index.setFile(fileOf(path, c.content));
          else index.removeFile(path);
          for (const kindOf of ['objective', 'owner'] as const) {
            const ids = idsOfKind(index, kindOf);
            for (const query of [...queries, ...ids.slice(0, 3)]) {
              // A copy is an ordinary iterable: closest compares the query with each of its ids.
              const oneByOne = closestScored(query, [...ids], k);
              assert.deepEqual(closestScored(query, ids, k), oneByOne, `${kindOf} '${query}' k=${k} among ${JSON.stringify(ids)}`);
              assert.deepEqual(closestOfKind(index, kindOf, query, k), oneByOne);
              assert.deepEqual(closest(query, ids, k), oneByOne.map((c) => c.name));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks a case-only difference first, then by distance, ties alphabetically', () => {
    const index = new WorkspaceIndex();
    index.setFile(fileOf('/ws/a.strategy.yaml', [['objective', 'OBJ-SMB'], ['objective', 'OBJ-smx'], ['objective', 'OBJ-sma'], ['objective', 'OBJ-s'], ['objective', 'OBJ-far-away']]));
    assert.deepEqual(closest('OBJ-smb', idsOfKind(index, 'objective')), ['OBJ-SMB', 'OBJ-sma', 'OBJ-smx', 'OBJ-s']);
  });
});
