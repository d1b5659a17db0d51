import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { refKey } from '../../server/src/index/workspaceIndex.js';
import type { LintEngine } from '../../server/src/engine/engine.js';
import type { Entity } from '../../server/src/model/entity.js';
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

  describe('incoming', () => {
    // Targets declared in front matter and under a heading, and the ways a link names them: the document, its id as an anchor, its heading's slug.
    const targets: Record<string, string> = {
      'docs/goal.md': '---\nkind: objective\nid: O1\n---\n# Goal\n',
      'docs/heads.md': '## Initiative: Payments\n- id: I1\n\n## Initiative: Search\n- id: I2\n',
    };
    const links = ['[g](docs/goal.md)', '[g](docs/goal.md#o1)', '[p](docs/heads.md#initiative-payments)', '[p](docs/heads.md#I2)', '[x](docs/heads.md)', 'O1', 'I2', '[[O1]]'];
    const linking = fc.array(fc.tuple(fc.constantFrom('objective', 'initiative'), fc.constantFrom(...links)), { minLength: 1, maxLength: 3 });
    const extra = fc.dictionary(fc.constantFrom('a.md', 'b.md', 'sub/c.md'), linking.map((fields) => `---\nkind: prd\n${fields.map(([key, link]) => `${key}: "${link}"\n`).join('')}---\n`));
    const edit = fc.record({ path: fc.constantFrom('a.md', 'b.md', 'sub/c.md', 'docs/goal.md', 'docs/heads.md'), text: fc.option(linking) });

    /** What incoming must give: the references under the entity's keys, in file order, that resolve to it. */
    function expected(engine: LintEngine, entity: Entity): string[] {
      const refs: string[] = [];
      const keys = new Set([`id:${entity.id}`, `doc:${entity.file}`, `anchor:${entity.file}#${entity.id.toLowerCase()}`, ...(entity.headingSlug ? [`anchor:${entity.file}#${entity.headingSlug}`] : [])]);
      for (const key of keys) {
        for (const file of engine.index.allFiles())
          for (const from of file.entities) for (const ref of from.refs) if (refKey(ref) === key && engine.index.resolve(ref).includes(entity)) refs.push(`${from.file}:${from.id}:${ref.text}`);
      }
      return refs;
    }
    const actual = (engine: LintEngine, entity: Entity) => engine.index.incoming(entity).map((e) => `${e.from.file}:${e.from.id}:${e.ref.text}`);

    it('gives every reference that resolves to an entity, by id or by link, through edits that add and remove links and their targets (property)', () => {
      fc.assert(
        fc.property(workspaceFiles, extra, fc.array(edit, { maxLength: 5 }), (files, linkFiles, edits) => {
          const engine = workspace({ ...files, ...targets, ...linkFiles });
          const check = () => {
            for (const file of engine.index.allFiles()) for (const entity of file.entities) assert.deepEqual(actual(engine, entity), expected(engine, entity), `${entity.file} ${entity.id}`);
          };
          check();
          for (const { path, text } of edits) {
            const full = `${ROOT}/${path}`;
            if (text === null) engine.remove(full);
            else engine.update(full, targets[path] ?? `---\nkind: prd\n${text.map(([key, link]) => `${key}: "${link}"\n`).join('')}---\n`);
            check();
          }
        }),
        { numRuns: runs(40), ...(seed() !== undefined ? { seed: seed() } : {}) },
      );
    });

    it('finds a link to a document again once the linking file comes back', () => {
      const engine = workspace({ ...targets, 'a.md': '---\nkind: prd\nobjective: "[g](docs/goal.md)"\n---\n' });
      const goal = engine.getFile(`${ROOT}/docs/goal.md`)!.entities[0]!;
      assert.deepEqual(actual(engine, goal), [`${ROOT}/a.md:a:[g](docs/goal.md)`]);
      engine.remove(`${ROOT}/a.md`);
      assert.deepEqual(actual(engine, goal), []);
      engine.update(`${ROOT}/b.md`, '---\nkind: prd\nobjective: "[g](docs/goal.md#o1)"\n---\n');
      assert.deepEqual(actual(engine, goal), [`${ROOT}/b.md:b:[g](docs/goal.md#o1)`]);
      // An entity of a file since replaced (by another text) is no longer what references resolve to: nothing comes in, by id or by link.
      engine.update(`${ROOT}/c.md`, '---\nkind: prd\nobjective: O1\n---\n');
      engine.update(`${ROOT}/docs/goal.md`, `${targets['docs/goal.md']!}\nReworded.\n`);
      assert.deepEqual(actual(engine, goal), []);
      assert.deepEqual(actual(engine, engine.getFile(`${ROOT}/docs/goal.md`)!.entities[0]!), [`${ROOT}/c.md:c:O1`, `${ROOT}/b.md:b:[g](docs/goal.md#o1)`]);
    });
  });
});

