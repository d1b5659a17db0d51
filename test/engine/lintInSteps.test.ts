import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RULES } from '../../server/src/rules/registry.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { runs, seed, workspaceFiles } from '../fuzz/workspaces.js';

/**
 * The language server re-checks a large file one rule per step, across turns of its event loop
 * (lsp/analysis.ts): the steps must add up to what linting the file at once finds.
 */
describe('linting a file one rule at a time', () => {
  it('gives the findings of linting it at once, in one step per rule (property)', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const engine = workspace(files);
        for (const rel of Object.keys(files)) {
          const path = `${ROOT}/${rel}`;
          const steps = engine.lintInSteps(path);
          let count = 0;
          let next = steps.next();
          while (!next.done) {
            count++;
            next = steps.next();
          }
          assert.deepEqual(next.value, engine.lint(path), rel);
          const file = engine.getFile(path)!;
          const broken = file.notes.some((n) => n.ruleId === 'syntax');
          assert.equal(count, !file.participates ? 0 : broken ? 1 : RULES.length, `${rel}: steps`);
        }
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  // The language server's diagnostics carry no fixes (its code actions lint the file again):
  // without them a file has the same findings, only their fixes left out.
  it('finds the same without fixes, only their fixes left out (property)', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const engine = workspace(files);
        for (const rel of Object.keys(files)) {
          const path = `${ROOT}/${rel}`;
          const withFixes = engine.lint(path).map(({ fixes: _, ...finding }) => finding);
          assert.deepEqual(engine.lint(path, undefined, { fixes: false }), withFixes, rel);
          const steps = engine.lintInSteps(path, { fixes: false });
          let next = steps.next();
          while (!next.done) next = steps.next();
          assert.deepEqual(next.value, withFixes, `${rel}: in steps`);
        }
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('has nothing to find in a file the index does not hold', () => {
    const steps = workspace({}).lintInSteps(`${ROOT}/missing.md`);
    assert.deepEqual(steps.next(), { done: true, value: [] });
  });
});
