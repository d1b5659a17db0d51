import { strict as assert } from 'node:assert';
import type { Finding } from '../../server/src/model/finding.js';
import { toDiagnostic } from '../../server/src/lsp/diagnostics.js';
import { ROOT, workspace } from '../helpers/workspace.js';

/**
 * toDiagnostic converts a related-places array once and reuses it while the files it points into
 * are unchanged (owner-load hands out the same array then). These check the reuse never outlives
 * a change to one of those files.
 */
describe('related information of diagnostics', () => {
  const a = `${ROOT}/a.md`;
  const b = `${ROOT}/b.md`;
  const files = { 'a.md': '## Objective: A\n', 'b.md': '## Objective: B\n' };
  // The same array every time, as a rule reusing it would hand out.
  const related = [{ file: b, span: { start: 3, end: 12 }, message: 'there' }];
  const finding: Finding = { ruleId: 'owner-load', severity: 'warning', message: 'm', file: a, span: { start: 0, end: 3 }, related };
  const lineOfRelated = (engine: ReturnType<typeof workspace>) =>
    toDiagnostic(finding, engine.getFile(a)!.lineMap, engine.index).relatedInformation?.map((r) => r.location.range.start.line) ?? [];

  it('is converted again when the file it points into changes, not before', () => {
    const engine = workspace(files);
    const first = toDiagnostic(finding, engine.getFile(a)!.lineMap, engine.index).relatedInformation;
    assert.deepEqual(first!.map((r) => r.location.range.start.line), [0]);
    engine.update(a, '## Objective: A2\n');
    assert.equal(toDiagnostic(finding, engine.getFile(a)!.lineMap, engine.index).relatedInformation, first, 'a.md changed, b.md did not: reused');
    engine.update(b, '\n\n## Objective: B\n');
    assert.deepEqual(lineOfRelated(engine), [2], 'offset 3 is on the third line of the new text');
  });

  it('leaves out a place whose file is gone, and is right again after more changes than the log keeps', () => {
    const engine = workspace(files);
    assert.deepEqual(lineOfRelated(engine), [0]);
    engine.remove(b);
    assert.deepEqual(lineOfRelated(engine), []);
    engine.update(b, '\n\n\n\n## Objective: B\n');
    // Another finding converted now and then keeps the change log current while it overflows.
    const other: Finding = { ...finding, related: [{ file: a, span: { start: 0, end: 1 }, message: 'here' }] };
    for (let i = 0; i < 1500; i++) {
      engine.update(`${ROOT}/other.md`, `## Objective: O${i}\n`);
      if (i % 50 === 0) toDiagnostic(other, engine.getFile(a)!.lineMap, engine.index);
    }
    assert.deepEqual(lineOfRelated(engine), [3]);
    // And with nothing converted in between, the index rebuilds the log.
    engine.update(b, '\n## Objective: B\n');
    for (let i = 0; i < 1500; i++) engine.update(`${ROOT}/other.md`, `## Objective: P${i}\n`);
    assert.deepEqual(lineOfRelated(engine), [1]);
  });
});
