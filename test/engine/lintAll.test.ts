import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ROOT, workspace } from '../helpers/workspace.js';
import { runs, seed, workspaceFiles } from '../fuzz/workspaces.js';

/**
 * The CLI lints a whole workspace with lintAll, which runs one rule over every file before the next
 * (and forgets what each rule derived once it is done): it must find, file by file, what linting
 * each file on its own finds, and leave an engine that goes on answering edits correctly.
 */
describe('linting a whole workspace one rule at a time', () => {
  it('finds in each file what linting that file alone finds, in the same order (property)', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const all = workspace(files).lintAll();
        const alone = workspace(files);
        assert.deepEqual([...all.keys()].sort(), Object.keys(files).map((rel) => `${ROOT}/${rel}`).sort());
        for (const [path, findings] of all) assert.deepEqual(findings, alone.lint(path), path);
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('leaves an engine whose later edits are checked against the workspace as it is then', () => {
    const engine = workspace({
      'a.strategy.yaml': 'objectives:\n  - id: OBJ-growth\n    title: Grow\n    owner: "@ana"\n',
      'b.strategy.yaml': 'initiatives:\n  - id: INIT-x\n    title: X\n    owner: "@ana"\n    objective: OBJ-growht\n',
    });
    const first = engine.lintAll().get(`${ROOT}/b.strategy.yaml`)!;
    const unresolved = first.find((f) => f.ruleId === 'unresolved-reference');
    assert.match(unresolved?.message ?? '', /OBJ-growth/, 'the near id is suggested');
    // A second objective nearer the misspelling: the id neighbourhood forgotten after the run is built again, with it.
    engine.update(`${ROOT}/c.strategy.yaml`, 'objectives:\n  - id: OBJ-growhtx\n    title: G\n    owner: "@ana"\n');
    const again = engine.lint(`${ROOT}/b.strategy.yaml`).find((f) => f.ruleId === 'unresolved-reference');
    assert.match(again?.message ?? '', /OBJ-growhtx/);
  });
});
