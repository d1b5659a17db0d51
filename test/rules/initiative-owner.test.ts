import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from '../helpers/workspace.js';

describe('rule initiative-owner', () => {
  const owners = 'owners:\n  - id: "@maria"\n  - id: "@sam"\n';

  it('reports a YAML initiative without owner at its id value', () => {
    const files = {
      'plan.strategy.yaml': `${owners}initiatives:\n  - id: INIT-a\n    title: A\n    objective: OBJ\n    metrics: [KR]\n`,
    };
    const found = findingsOf('initiative-owner', files);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.text, 'INIT-a');
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /no owner/);
  });

  it('reports a placeholder owner at the placeholder', () => {
    const files = { 'plan.strategy.yaml': `initiatives:\n  - id: INIT-a\n    owner: TBD\n` };
    const found = findingsOf('initiative-owner', files);
    assert.deepEqual(found.map((f) => [f.text, f.line]), [['TBD', 3]]);
  });

  it('reports an empty owner (`- Owner:`, `owner:`) on that field\'s line, not at the heading or id (§3)', () => {
    const files = {
      'doc.md': '## Initiative: Checkout\n- id: INIT-c\n- Owner:\n- Objective: OBJ\n',
      'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    owner:\n    title: A\n',
    };
    const found = findingsOf('initiative-owner', files);
    assert.deepEqual(found.map((f) => [f.file, f.line, f.text]), [['doc.md', 3, 'Owner'], ['plan.strategy.yaml', 3, 'owner']]);
  });

  it('does not fire when an owner is set, in YAML or in a heading list', () => {
    const files = {
      'plan.strategy.yaml': `initiatives:\n  - id: INIT-a\n    owner: "@sam"\n`,
      'doc.md': '## Initiative: Checkout\n- Owner: @maria\n',
    };
    assert.deepEqual(findingsOf('initiative-owner', files), []);
  });

  it('offers each declared owner as an insert suggestion, and the edit keeps the YAML valid', () => {
    const files = { 'plan.strategy.yaml': `${owners}initiatives:\n  - id: INIT-a # the one\n    title: A\n` };
    const [finding] = findingsOf('initiative-owner', files);
    assert.deepEqual(finding!.finding.fixes!.map((f) => [f.title, f.safe]), [['Insert owner @maria', false], ['Insert owner @sam', false]]);
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['plan.strategy.yaml'], `${owners}initiatives:\n  - id: INIT-a # the one\n    title: A\n    owner: "@maria"\n`);
    assert.deepEqual(findingsOf('initiative-owner', fixed), []);
  });

  it('inserts the owner into a Markdown heading entity', () => {
    const files = { 'owners.strategy.yaml': owners, 'doc.md': '## Initiative: Checkout\nSome text.\n' };
    const [finding] = findingsOf('initiative-owner', files);
    assert.equal(finding!.text, '## Initiative: Checkout');
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['doc.md'], '## Initiative: Checkout\n- Owner: @maria\n\nSome text.\n');
  });

  it('is silenced by a suppression comment on the line before', () => {
    const files = { 'doc.md': '<!-- strategy-lint-disable-next-line initiative-owner -->\n## Initiative: Checkout\n' };
    assert.deepEqual(findingsOf('initiative-owner', files), []);
  });
});
