import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { refKey } from '../../server/src/index/workspaceIndex.js';
import type { LintEngine } from '../../server/src/engine/engine.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { fileEdit, fileName, runs, seed, workspaceFiles } from '../fuzz/workspaces.js';

/** Every reference of the workspace by its key, in file order, from the entities themselves. */
function scanned(engine: LintEngine): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const file of engine.index.allFiles()) {
    for (const entity of file.entities) {
      for (const ref of entity.refs) {
        const key = refKey(ref);
        byKey.set(key, [...(byKey.get(key) ?? []), `${entity.file}:${entity.id}:${ref.text}`]);
      }
    }
  }
  return byKey;
}

/** The index's reverse references, keyed and listed as `scanned` does. */
function indexed(engine: LintEngine): Map<string, string[]> {
  const index = engine.index;
  const byKey = new Map<string, string[]>();
  const list = (key: string) => index.referencesByKey(key).map((e) => `${e.from.file}:${e.from.id}:${e.ref.text}`);
  for (const id of index.referencedIds()) {
    assert.deepEqual(index.referencesToId(id), index.referencesByKey(`id:${id}`));
    byKey.set(`id:${id}`, list(`id:${id}`));
  }
  for (const key of index.linkKeys()) byKey.set(key, list(key));
  return byKey;
}

const sorted = (m: Map<string, string[]>) => new Map([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The index keeps the references that name an id apart from links to documents and anchors, each
 * key's entries alone or in a list: what it hands back must be every reference of the workspace
 * under its key, in file order, through edits that add, replace and remove files.
 */
describe('WorkspaceIndex reverse references', () => {
  it('list every reference under its key, in file order, through edits (property)', () => {
    fc.assert(
      fc.property(workspaceFiles, fc.array(fileEdit, { maxLength: 6 }), (files, edits) => {
        const engine = workspace(files);
        assert.deepEqual(sorted(indexed(engine)), sorted(scanned(engine)));
        for (const edit of edits) {
          const path = `${ROOT}/${fileName(edit.slot, edit.file?.form ?? 'yaml')}`;
          if (edit.file) engine.update(path, edit.file.text);
          else engine.remove(path);
          assert.deepEqual(sorted(indexed(engine)), sorted(scanned(engine)));
        }
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });
});
