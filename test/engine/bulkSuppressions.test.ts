import { strict as assert } from 'node:assert';
import { applyBulkSuppressions, pruneSuppressions, recordSuppressions, suppressionKey } from '../../server/src/engine/bulkSuppressions.js';
import { ROOT, workspace } from '../helpers/workspace.js';

const FILES = {
  'plan.strategy.yaml': [
    'objectives:',
    '  - id: OBJ-a',
    '    title: A',
    '    period: TBD',
    '    initiatives:',
    '      - id: INIT-nested',
    '        title: Nested',
    '        ownr: "@sam"',
    '',
  ].join('\n'),
  'doc.md': '# Doc\n\n## Objective: Grow\n- id: OBJ-grow\n\n### Initiative: Lonely\n- Status: planed\n',
  'prd.md': '---\nkind: prd\nstatus: review\n---\n# Checkout PRD\n',
  'broken.strategy.yaml': 'owners:\n  - id: "@dana\n',
  'stray.strategy.yaml': 'objectivs:\n  - id: OBJ-x\n',
};

/** `rule key` of every finding of a file. */
function keys(rel: string): string[] {
  const engine = workspace(FILES);
  const file = engine.getFile(`${ROOT}/${rel}`)!;
  return engine.lint(file.path).map((f) => `${f.ruleId} ${suppressionKey(file, f)}`).sort();
}

describe('bulk suppressions: where a finding is (entity and field, never the line)', () => {
  it('keys YAML findings by the innermost entity and its field; entity-level ones by the entity', () => {
    assert.deepEqual(keys('plan.strategy.yaml'), [
      'initiative-metric INIT-nested',
      'initiative-owner INIT-nested',
      'objective-metric OBJ-a',
      'placeholder-value OBJ-a#period',
      'unknown-field INIT-nested#ownr',
    ]);
  });

  it('keys heading entities by their id (a derived slug too), and front matter by the document\'s id', () => {
    assert.deepEqual(keys('doc.md'), [
      'initiative-metric lonely',
      'initiative-owner lonely',
      'invalid-value lonely#status',
      'objective-metric OBJ-grow',
    ]);
    assert.deepEqual(keys('prd.md'), ['prd-link prd']);
  });

  it('counts findings outside every entity under * (a file that does not parse, a misspelt list)', () => {
    assert.deepEqual(keys('broken.strategy.yaml'), ['syntax *']);
    assert.deepEqual(keys('stray.strategy.yaml'), ['unknown-field *']);
  });

  it('records, applies and prunes counts per rule and key', () => {
    const engine = workspace(FILES);
    const file = engine.getFile(`${ROOT}/doc.md`)!;
    const findings = engine.lint(file.path);
    const counts = recordSuppressions({ 'gone.md': { syntax: { '*': 1 } } }, [{ file, relativePath: 'doc.md', findings }], new Set(['initiative-owner', 'invalid-value']));
    assert.deepEqual(counts, { 'gone.md': { syntax: { '*': 1 } }, 'doc.md': { 'initiative-owner': { lonely: 1 }, 'invalid-value': { 'lonely#status': 1 } } });

    const split = applyBulkSuppressions(file, findings, { ...counts['doc.md'], 'focus-limit': { 'OBJ-grow': 2 } }, 'doc.md');
    assert.deepEqual(split.suppressed.map((f) => f.ruleId).sort(), ['initiative-owner', 'invalid-value']);
    assert.deepEqual(split.kept.map((f) => f.ruleId).sort(), ['initiative-metric', 'objective-metric']);
    assert.deepEqual(split.unused, [{ file: 'doc.md', ruleId: 'focus-limit', key: 'OBJ-grow', count: 2 }]);

    assert.deepEqual(pruneSuppressions({ 'doc.md': { 'focus-limit': { 'OBJ-grow': 3 }, 'prd-link': { x: 1 } } }, [{ file: 'doc.md', ruleId: 'focus-limit', key: 'OBJ-grow', count: 2 }, { file: 'doc.md', ruleId: 'prd-link', key: 'x', count: 1 }]), {
      'doc.md': { 'focus-limit': { 'OBJ-grow': 1 } },
    });
  });
});
