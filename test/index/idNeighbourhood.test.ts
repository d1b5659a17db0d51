import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { IdNeighbourhood } from '../../server/src/index/idNeighbourhood.js';
import { SortedNames } from '../../server/src/index/sortedNames.js';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex.js';
import type { Entity, EntityKind } from '../../server/src/model/entity.js';
import type { ParsedFile } from '../../server/src/model/file.js';
import { closest, closestOfKind, closestScored, idsOfKind } from '../../server/src/rules/support.js';

/**
 * "Did you mean …?" and the safe replacement fix come from the ids near a broken reference. They are
 * found through the declared ids kept sorted (a trie laid flat) instead of comparing with every id; these properties pin
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

describe('SortedNames', () => {
  it('finds exactly the names within k edits, as they are added and removed', () => {
    const step = fc.oneof(fc.record({ add: name }), fc.record({ remove: name }));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), fc.array(step, { maxLength: 40 }), fc.array(name, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 3 }), (initial, steps, queries, k) => {
        const names = new SortedNames(initial);
        const holders = new Map<string, number>();
        for (const n of initial) holders.set(n, (holders.get(n) ?? 0) + 1);
        for (const s of steps) {
          // A walk between changes: the next one must not use what this one built for the names as they were.
          const query = queries[0]!;
          assert.deepEqual(new Map(names.within(query, k).map((n) => [n.name, n.distance])), bruteForce(holders.keys(), query, k), `query '${query}' k=${k} between changes`);
          if ('add' in s) {
            assert.equal(names.add(s.add), !holders.has(s.add), `add '${s.add}': new?`);
            holders.set(s.add, (holders.get(s.add) ?? 0) + 1);
          } else {
            const left = (holders.get(s.remove) ?? 0) - 1;
            assert.equal(names.remove(s.remove), left === 0, `remove '${s.remove}': last?`);
            if (left > 0) holders.set(s.remove, left);
            else holders.delete(s.remove);
          }
        }
        assert.equal(names.count, holders.size);
        assert.deepEqual([...names], [...holders.keys()].sort());
        for (const query of [...queries, ...holders.keys()]) {
          const found = new Map(names.within(query, k).map((n) => [n.name, n.distance]));
          assert.equal(found.size, names.within(query, k).length, 'each name once');
          assert.deepEqual(found, bruteForce(holders.keys(), query, k), `query '${query}' k=${k}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skips a whole run of names with a prefix that is already too far, and finds what lies beyond it', () => {
    const names = new SortedNames(['INIT-a', 'INIT-aa', 'INIT-ab', 'INIT-abc', 'INIT-b', 'KR-1', 'OBJ-smb', 'OBJ-smb', 'OBJ-smbx']);
    assert.deepEqual(names.within('OBJ-smc', 1), [{ name: 'OBJ-smb', distance: 1 }]);
    assert.deepEqual(new Set(names.within('INIT-ab', 1).map((n) => n.name)), new Set(['INIT-a', 'INIT-aa', 'INIT-ab', 'INIT-abc', 'INIT-b']));
  });

  it('holds its first names exactly as given, whatever characters they have (it keeps copies of them)', () => {
    // Characters a copy through JSON escapes: quote, backslash, control, lone surrogates of either half.
    const given = ['OBJ-"q"', 'OBJ-\\b', 'OBJ-\n\t\u0000', 'KR-\ud800', 'KR-\udc00x', 'KR-😀', 'OBJ-\u2028'];
    const names = new SortedNames([...given, 'KR-😀']);
    assert.deepEqual([...names], [...given].sort());
    for (const name of given) {
      assert.equal(names.has(name), true, JSON.stringify(name));
      assert.deepEqual(names.within(name, 0), [{ name, distance: 0 }], JSON.stringify(name));
    }
    assert.equal(names.remove('KR-😀'), false, 'two holders: one is left');
    assert.equal(names.remove('KR-😀'), true);
  });

  it('forgets a name with its last holder', () => {
    const names = new SortedNames();
    names.add('OBJ-smb');
    names.add('OBJ-smb');
    names.remove('OBJ-smb');
    assert.deepEqual(names.within('OBJ-smc', 1), [{ name: 'OBJ-smb', distance: 1 }]);
    names.remove('OBJ-smb');
    assert.deepEqual(names.within('OBJ-smc', 1), []);
    assert.equal(names.has('OBJ-smb'), false);
  });
});

describe('IdNeighbourhood', () => {
  it('finds the ids equal but for case, as ids are declared and taken away', () => {
    const step = fc.oneof(fc.record({ add: name }), fc.record({ remove: name }));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), fc.array(step, { maxLength: 30 }), fc.array(name, { maxLength: 4 }), (initial, steps, queries) => {
        const ids = new IdNeighbourhood(initial);
        const holders = new Map<string, number>();
        for (const n of initial) if (n) holders.set(n, (holders.get(n) ?? 0) + 1);
        for (const s of steps) {
          if ('add' in s) {
            ids.add(s.add);
            if (s.add) holders.set(s.add, (holders.get(s.add) ?? 0) + 1);
          } else {
            ids.remove(s.remove);
            const left = (holders.get(s.remove) ?? 0) - 1;
            if (left > 0) holders.set(s.remove, left);
            else holders.delete(s.remove);
          }
        }
        assert.equal(ids.size, holders.size);
        for (const query of [...queries, ...holders.keys()]) {
          const expected = [...holders.keys()].filter((id) => id.toLowerCase() === query.toLowerCase()).sort();
          assert.deepEqual([...ids.sameButCase(query)].sort(), expected, `query '${query}'`);
        }
      }),
      { numRuns: 300 },
    );
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
