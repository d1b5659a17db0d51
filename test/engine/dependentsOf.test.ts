import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ROOT, workspace } from '../helpers/workspace.js';
import { runs, seed, workspaceFiles } from '../fuzz/workspaces.js';

/**
 * LintEngine.dependentsOf: what the language server lints ahead of a document's first edits in a
 * folder started from the lint cache. It must hold what an edit re-checks, or those files stay cold.
 */
describe('the files an edit of a file may re-check (LintEngine.dependentsOf)', () => {
  it('holds every file an edit that keeps its entities re-checks (property)', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        for (const [rel, text] of Object.entries(files)) {
          const engine = workspace(files);
          const path = `${ROOT}/${rel}`;
          const dependents = engine.dependentsOf(path);
          assert.ok(dependents.has(path), rel);
          // A line added at the end moves nothing a check reads of the file's entities.
          const affected = engine.update(path, `${text}\n`);
          for (const file of affected) assert.ok(dependents.has(file), `${rel}: an edit re-checks ${file}, which dependentsOf leaves out`);
        }
      }),
      { numRuns: runs(40), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('names the files that refer to what the file declares, and not the others', () => {
    const engine = workspace({
      'goals.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n',
      'plan.md': '## Initiative: Checkout\n- id: INIT-checkout\n- Objective: OBJ-a\n- Owner: @sam\n',
      'other.md': '## Initiative: Search\n- id: INIT-search\n- Objective: OBJ-b\n',
      'notes.md': '# Notes\n\nNothing to declare.\n',
    });
    const sorted = (set: Set<string>) => [...set].map((p) => p.slice(ROOT.length + 1)).sort();
    const ofGoals = sorted(engine.dependentsOf(`${ROOT}/goals.strategy.yaml`));
    assert.ok(ofGoals.includes('goals.strategy.yaml') && ofGoals.includes('plan.md'), ofGoals.join(', '));
    assert.ok(!ofGoals.includes('notes.md'), ofGoals.join(', '));
    assert.deepEqual(sorted(engine.dependentsOf(`${ROOT}/notes.md`)), ['notes.md']);
    assert.deepEqual(sorted(engine.dependentsOf(`${ROOT}/missing.md`)), []);
  });
});
