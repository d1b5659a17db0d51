import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, chooseSafeFixes } from '../../server/src/fix/apply.js';
import type { Entity } from '../../server/src/model/entity.js';
import { parseFile } from '../../server/src/parse/parseFile.js';
import { fixAll, ROOT, workspace } from '../helpers/workspace.js';
import { runs, seed, workspaceFiles } from './workspaces.js';

/**
 * Properties of `--fix` over random workspaces made of the inputs that used to break it (see
 * workspaces.ts). npm test runs a few hundred cases; `npm run fuzz` runs them by the ten thousand.
 */

/** Problems a fix must never add: `syntax` notes (YAML that no longer parses, a key written twice…). */
function syntaxNotes(rel: string, text: string): string[] {
  return parseFile(`${ROOT}/${rel}`, text).notes.filter((n) => n.ruleId === 'syntax').map((n) => n.message);
}

/**
 * Keys written twice in one entity: YAML duplicate-key errors (strategy files, front matter), and
 * Markdown fields repeated under one heading (their keys match loosely, §10.8).
 */
function duplicateKeys(rel: string, text: string): number {
  const parsed = parseFile(`${ROOT}/${rel}`, text);
  let count = parsed.notes.filter((n) => n.ruleId === 'syntax' && /is written twice/.test(n.message)).length;
  for (const entity of parsed.entities) if (entity.form === 'heading') count += repeatedFieldKeys(entity);
  return count;
}

function repeatedFieldKeys(entity: Entity): number {
  const seen = new Set<string>();
  let repeated = 0;
  for (const field of entity.fields) {
    if (seen.has(field.key)) repeated++;
    seen.add(field.key);
  }
  return repeated;
}

const options = (numRuns: number) => ({ numRuns: runs(numRuns), ...(seed() !== undefined ? { seed: seed() } : {}) });

describe('--fix on random workspaces (property)', function () {
  this.timeout(0);

  it('reaches a fixed point in one run: a second run changes nothing', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const once = fixAll(files);
        assert.deepEqual(fixAll(once), once);
      }),
      options(150),
    );
  });

  it('never creates a duplicate key and never breaks a parse', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const fixed = fixAll(files);
        for (const [rel, before] of Object.entries(files)) {
          const after = fixed[rel]!;
          if (after === before) continue;
          assert.ok(duplicateKeys(rel, after) <= duplicateKeys(rel, before), `${rel}: a fix wrote a key twice\n${after}`);
          const notesBefore = syntaxNotes(rel, before);
          const notesAfter = syntaxNotes(rel, after);
          assert.ok(notesAfter.length <= notesBefore.length, `${rel}: a fix broke the parse: ${notesAfter.join('; ')}\n${after}`);
          if (notesBefore.length === 0) assert.deepEqual(notesAfter, [], `${rel} parsed before --fix and must parse after`);
        }
      }),
      options(150),
    );
  });

  it('never touches text outside its edits: edits keep line breaks and comments, the rest is copied as is', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const engine = workspace(files);
        const texts = new Map(Object.entries(files).map(([rel, text]) => [`${ROOT}/${rel}`, text.replace(/^\uFEFF/, '')]));
        const plan = chooseSafeFixes([...engine.lintAll().values()].flat(), texts);
        for (const [file, edits] of plan) {
          const before = texts.get(file)!;
          const sorted = [...edits].sort((a, b) => a.start - b.start);
          for (const edit of sorted) {
            const replaced = before.slice(edit.start, edit.end);
            assert.doesNotMatch(replaced, /[\r\n]/, `an edit replaced a line break: ${JSON.stringify(replaced)}`);
            assert.doesNotMatch(replaced, /(^|\s)#/, `an edit replaced a comment: ${JSON.stringify(replaced)}`);
          }
          // The text between the edits is the original text, in order.
          const after = applyEdits(before, edits);
          let cursor = 0;
          let at = 0;
          for (const edit of sorted) {
            const kept = before.slice(cursor, edit.start);
            assert.equal(after.slice(at, at + kept.length), kept);
            at += kept.length + edit.newText.length;
            cursor = edit.end;
          }
          assert.equal(after.slice(at), before.slice(cursor));
        }
      }),
      options(150),
    );
  });
});
