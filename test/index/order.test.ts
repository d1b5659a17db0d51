import { strict as assert } from 'node:assert';
import { LintEngine } from '../../server/src/engine/engine.js';
import { configFor, ROOT } from '../helpers/workspace.js';

/** A file declaring objective `id` whose initiative links to objective OBJ-shared and is owned by @sam. */
const plan = (id: string, owner = '"@sam"') => `objectives:\n  - id: ${id}\n    title: T\n    initiatives:\n      - id: INIT-${id}\n        title: T\n        objective: OBJ-shared\n        owner: ${owner}\n`;
const names = ['a', 'b', 'c', 'd'].map((n) => `${ROOT}/${n}.strategy.yaml`);

/** What depends on the index's order: its files, the entities of a kind, the references to a key. */
function orderOf(engine: LintEngine): { files: string[]; objectives: string[]; toShared: string[]; toSam: string[] } {
  const index = engine.index;
  return {
    files: [...index.allFiles()].map((f) => f.path),
    objectives: [...index.entitiesOfKind('objective')].map((e) => e.id),
    toShared: index.referencesByKey('id:OBJ-shared').map((r) => r.from.id),
    toSam: index.referencesByKey('id:sam').map((r) => r.from.id),
  };
}

describe('WorkspaceIndex.setOrder', () => {
  it('keeps files, kinds and references in the given order whatever order files are set, replaced or added in', () => {
    // A run that loads a, b, c, d in order…
    const straight = new LintEngine(configFor());
    names.forEach((n, i) => straight.load(n, plan(`O${i}`)));
    // …and one that restores b, c, d, then replaces c, adds a and replaces d with an owner-less version and back.
    const shuffled = new LintEngine(configFor());
    shuffled.index.setOrder(names);
    shuffled.load(names[1]!, plan('O1'));
    shuffled.load(names[2]!, plan('old'));
    shuffled.load(names[3]!, plan('O3'));
    shuffled.update(names[2]!, plan('O2'));
    shuffled.update(names[0]!, plan('O0'));
    shuffled.update(names[3]!, plan('O3', '"@kim"'));
    shuffled.update(names[3]!, plan('O3'));
    assert.deepEqual(orderOf(shuffled), orderOf(straight));
    assert.deepEqual(orderOf(shuffled).toShared, ['INIT-O0', 'INIT-O1', 'INIT-O2', 'INIT-O3']);
  });

  it('without an order, a replaced file goes last (the editor\'s index, unchanged)', () => {
    const engine = new LintEngine(configFor());
    names.slice(0, 2).forEach((n, i) => engine.load(n, plan(`O${i}`)));
    engine.update(names[0]!, plan('O0', '"@kim"'));
    assert.deepEqual(orderOf(engine).files, [names[1], names[0]]);
  });
});
