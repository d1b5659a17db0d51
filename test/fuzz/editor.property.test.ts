import fc from 'fast-check';
import { TrackedWorkspace } from '../helpers/incremental.js';
import { fileEdit, fileName, runs, seed, workspaceFiles } from './workspaces.js';

/**
 * The language server keeps one engine and updates it file by file as the user types; the CLI
 * builds one from scratch. After any sequence of edits over the nasty workspaces of workspaces.ts
 * (invisible characters, keys written twice, aliases, files too deeply nested to analyse…), the
 * two must agree, and the engine must name every file whose findings changed (TrackedWorkspace
 * checks both at every edit).
 */
describe('editor ≡ CLI after random edit sequences (property)', function () {
  this.timeout(0);

  it('the incrementally updated engine agrees with a fresh one after every edit', () => {
    fc.assert(
      fc.property(workspaceFiles, fc.array(fileEdit, { minLength: 1, maxLength: 5 }), (files, edits) => {
        const current = { ...files };
        const ws = new TrackedWorkspace(files);
        for (const edit of edits) {
          const existing = Object.keys(current).find((rel) => rel.startsWith(`plan${edit.slot}.`) || rel.startsWith(`doc${edit.slot}.`));
          if (edit.file) {
            const rel = fileName(edit.slot, edit.file.form);
            if (existing && existing !== rel) {
              ws.edit(existing, null);
              delete current[existing];
            }
            current[rel] = edit.file.text;
            ws.edit(rel, edit.file.text);
          } else if (existing) {
            ws.edit(existing, null);
            delete current[existing];
          }
        }
      }),
      { numRuns: runs(60), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });
});
