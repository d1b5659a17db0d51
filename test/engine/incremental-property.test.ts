import fc from 'fast-check';
import { editArb, fileName, fileSpec, NAMES, render } from '../helpers/strategyArbitraries.js';
import { TrackedWorkspace } from '../helpers/incremental.js';
import type { WorkspaceOptions } from '../helpers/workspace.js';

/**
 * Property: for random small workspaces (YAML, front matter and heading forms; objectives with
 * parents and periods, metrics, initiatives with owners and dependencies, owners with capacity)
 * and random edits or removals, the set engine.update/remove returns covers every file whose
 * findings changed (workspaces from helpers/strategyArbitraries).
 */

describe('incremental re-checking (property)', () => {
  // Low limits so that focus-limit and owner-load fire in small workspaces.
  const options: WorkspaceOptions = { fiscalYearStart: 4, rules: { 'duplicate-id': 'off', 'focus-limit': ['warning', { max: 1 }], 'owner-load': ['warning', { capacity: 1 }] } };

  it('covers every file whose findings change, for random workspaces and edits', () => {
    fc.assert(
      fc.property(fc.array(fileSpec, { minLength: 2, maxLength: NAMES.length }), fc.array(editArb, { minLength: 1, maxLength: 4 }), (specs, edits) => {
        const files: Record<string, string> = {};
        specs.forEach((spec, i) => (files[fileName(i, spec)] = render(spec)));
        const ws = new TrackedWorkspace(files, options);
        for (const edit of edits) {
          const existing = Object.keys(files).find((f) => f.startsWith(`${NAMES[edit.target]}.`));
          if (edit.file) {
            const name = fileName(edit.target, edit.file);
            // A change of form is a removal plus an addition, as a rename in the editor is.
            if (existing && existing !== name) {
              ws.edit(existing, null);
              delete files[existing];
            }
            files[name] = render(edit.file);
            ws.edit(name, files[name]);
          } else if (existing) {
            ws.edit(existing, null);
            delete files[existing];
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
