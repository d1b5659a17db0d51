import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace } from '../helpers/workspace.js';

describe('rule syntax', () => {
  it('reports broken YAML in a strategy file at the error, as an error', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: [unclosed\n' };
    const found = findingsOf('syntax', files);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /^YAML syntax error: /);
  });

  it('reports broken YAML inside front matter at its line in the Markdown file', () => {
    const files = { 'plan.md': '---\nkind: objective\ntitle: Grow: fast\nowner: "@maria"\n---\n# Plan\n' };
    const found = findingsOf('syntax', files);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.line, 3);
    assert.match(found[0]!.message, /Nested mappings/);
  });

  it('reports a key written twice in a *.strategy.yaml mapping at the second key, as in front matter (§10.17)', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    owner: "@a"\n    owner: "@b"\n',
      'prd.md': '---\nkind: prd\ninitiative: INIT-a\ninitiative: INIT-b\n---\n# PRD\n',
    };
    const found = findingsOf('syntax', files);
    assert.deepEqual(found.map((f) => [f.file, f.line, f.column, f.text]), [['plan.strategy.yaml', 4, 5, 'owner'], ['prd.md', 4, 1, 'initiative']]);
    assert.equal(found[0]!.message, "YAML syntax error: key 'owner' is written twice in this mapping, and only one of them can count. Delete or rename one of them.");
    assert.equal(found[1]!.message, "YAML syntax error: key 'initiative' is written twice in this mapping, and only one of them can count. Delete or rename one of them.");
  });

  it('reports front matter that is never closed, at the opening fence', () => {
    const files = { 'plan.md': '---\nkind: objective\ntitle: Grow\n# Plan\n' };
    const found = findingsOf('syntax', files);
    assert.deepEqual(found.map((f) => [f.line, f.column, f.text]), [[1, 1, '---']]);
    assert.match(found[0]!.message, /not closed/);
  });

  it('does not fire for valid YAML, valid front matter, or Markdown without front matter', () => {
    const files = {
      'plan.strategy.yaml': 'owners:\n  - id: "@maria"\n',
      'prd.md': '---\nkind: prd\ninitiative: INIT-a\n---\n# PRD\n',
      'notes.md': '# Notes\n\nkey: [not yaml\n',
    };
    assert.deepEqual(findingsOf('syntax', files), []);
  });

  it('offers a safe fix quoting an owner written as a bare @handle, and the fixed file parses', () => {
    const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n    owner: @maria\n' };
    const [finding] = findingsOf('syntax', files);
    assert.equal(finding!.text, '@maria');
    assert.match(finding!.message, /cannot start with '@'/);
    assert.deepEqual(finding!.finding.fixes!.map((f) => [f.title, f.safe]), [['Quote "@maria"', true]]);
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: INIT-a\n    title: A\n    owner: "@maria"\n');
    assert.deepEqual(findingsOf('syntax', fixed), []);
  });

  it('quotes a bare @handle in front matter too', () => {
    const files = { 'init.md': '---\nkind: initiative\nowner: @sam\n---\n# Checkout\n' };
    const [finding] = findingsOf('syntax', files);
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['init.md'], '---\nkind: initiative\nowner: "@sam"\n---\n# Checkout\n');
    assert.deepEqual(findingsOf('syntax', fixed), []);
  });

  it('quotes correctly in a file with a BOM and CRLF line endings, keeping both', () => {
    const files = { 'plan.strategy.yaml': '\uFEFFinitiatives:\r\n  - id: INIT-a\r\n    owner: @maria # lead\r\n' };
    const [finding] = findingsOf('syntax', files);
    assert.equal(finding!.text, '@maria');
    const fixed = applyFix(files, finding!.finding);
    assert.equal(fixed['plan.strategy.yaml'], '\uFEFFinitiatives:\r\n  - id: INIT-a\r\n    owner: "@maria" # lead\r\n');
    assert.deepEqual(findingsOf('syntax', fixed), []);
  });

  it('reports only syntax for the broken file while other files are still linted', () => {
    const files = {
      'broken.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: [oops\n',
      'ok.md': '## Initiative: Checkout\n- Objective: OBJ-x\n',
    };
    const all = lintWorkspace(files);
    assert.deepEqual([...new Set(all.filter((f) => f.file === 'broken.strategy.yaml').map((f) => f.ruleId))], ['syntax']);
    assert.ok(all.some((f) => f.file === 'ok.md' && f.ruleId === 'initiative-owner'), 'the healthy file still gets its findings');
  });

  it('is not suppressed by disable-next-line or a disable range', () => {
    const files = {
      'a.strategy.yaml': '# strategy-lint-disable-next-line syntax\nowners: [\n',
      'b.strategy.yaml': '# strategy-lint-disable syntax\nowners: [\n',
      'c.strategy.yaml': '# strategy-lint-disable-next-line\nowners: [\n',
    };
    assert.deepEqual(findingsOf('syntax', files).map((f) => f.file).sort(), ['a.strategy.yaml', 'b.strategy.yaml', 'c.strategy.yaml']);
  });

  it('is suppressed by disable-file, in YAML and in Markdown', () => {
    const files = {
      'a.strategy.yaml': '# strategy-lint-disable-file\nowners: [\n',
      'b.strategy.yaml': '# strategy-lint-disable-file syntax\nowners: [\n',
      'c.md': '---\nkind: objective\ntitle: [x\n---\n<!-- strategy-lint-disable-file syntax -->\n# C\n',
    };
    assert.deepEqual(findingsOf('syntax', files), []);
  });
});
