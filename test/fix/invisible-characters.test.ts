import { strict as assert } from 'node:assert';
import { fixAll, lintWorkspace } from '../helpers/workspace.js';

/**
 * §10.16: ids and values are compared trimmed of all Unicode white space and without zero-width
 * characters. Ids pasted from Docs or Confluence carry them; compared as written, `--fix` kept
 * "correcting" a reference that could never match, appending another invisible character each run.
 */
const INVISIBLE = {
  'no-break space': '\u00a0',
  'ideographic space': '\u3000',
  'stray carriage return': '\r',
  'zero-width space': '\u200b',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'byte-order mark': '\ufeff',
};

const initiativeNaming = (objective: string) =>
  `## Initiative: Retention offers\n- id: INIT-offers\n- Objective: ${objective}\n- Owner: @sam\n- Metrics: KR-churn\n`;
const plan = (id: string) =>
  `objectives:\n  - id: ${JSON.stringify(id)}\n    title: Keep customers\n    key-results:\n      - id: KR-churn\n        title: Churn\n        baseline: 5\n        target: 3\n`;

describe('ids with invisible characters (§10.16)', () => {
  for (const [name, ch] of Object.entries(INVISIBLE)) {
    it(`--fix leaves correct files alone when a declared id ends in a ${name}`, () => {
      const files = { 'plan.strategy.yaml': plan(`OBJ-retention${ch}`), 'doc.md': initiativeNaming('OBJ-retention') };
      const unresolved = lintWorkspace(files).filter((f) => f.ruleId === 'unresolved-reference' || f.ruleId === 'invalid-value');
      assert.deepEqual(unresolved.map((f) => f.message), [], 'the reference resolves and the id is valid');
      assert.deepEqual(fixAll(files), files, '--fix changes nothing');
    });

    it(`a reference written with a ${name} around it resolves to the plain id`, () => {
      // A carriage return before the value would end the line: only after it.
      const files = { 'plan.strategy.yaml': plan('OBJ-retention'), 'doc.md': initiativeNaming(`${ch === '\r' ? '' : ch}OBJ-retention${ch}`) };
      assert.deepEqual(lintWorkspace(files).filter((f) => f.ruleId === 'unresolved-reference'), []);
    });
  }

  it('strips zero-width characters inside an id too', () => {
    const files = { 'plan.strategy.yaml': plan('OBJ-\u200bretention'), 'doc.md': initiativeNaming('OBJ-retention\u200d') };
    assert.deepEqual(lintWorkspace(files).filter((f) => f.ruleId === 'unresolved-reference'), []);
  });

  it('never offers a value that would itself be invalid (no "Did you mean \'OBJ-retention \'?")', () => {
    // An id that cannot be written back as a reference (a comma splits a Markdown list) is not offered.
    const files = { 'plan.strategy.yaml': plan('OBJ-ret,ention'), 'doc.md': initiativeNaming('OBJ-retention') };
    const [found] = lintWorkspace(files).filter((f) => f.ruleId === 'unresolved-reference' && f.text === 'OBJ-retention');
    assert.ok(found);
    assert.doesNotMatch(found.message, /Did you mean/);
    assert.deepEqual(found.finding.fixes?.filter((f) => f.title.startsWith('Replace')) ?? [], []);
    assert.deepEqual(fixAll(files), files);
  });

  it('reads a zero-width character in a field name as not there', () => {
    const files = { 'doc.md': '## Initiative: Retention offers\n- id: INIT-offers\n- Owner\u200b: @sam\n' };
    assert.deepEqual(lintWorkspace(files).filter((f) => f.ruleId === 'unknown-field' || f.ruleId === 'initiative-owner'), []);
  });
});
