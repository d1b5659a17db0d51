import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace, ROOT, workspace } from '../helpers/workspace.js';

describe('rule initiative-objective', () => {
  const objectives = 'objectives:\n  - id: OBJ-a\n    title: A\n  - id: OBJ-b\n    title: B\n';

  describe('fires', () => {
    it('on a YAML initiative without objective, at its id value', () => {
      const files = { 'plan.strategy.yaml': `${objectives}initiatives:\n  - id: INIT-a\n    title: A\n    owner: "@m"\n` };
      const found = findingsOf('initiative-objective', files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['INIT-a', 7, 'error']]);
      assert.match(found[0]!.message, /Initiative 'INIT-a' is linked to no objective.*Add `objective: <objective id>`/);
    });

    it('on a heading initiative, at the heading, with the Markdown spelling in the message', () => {
      const files = { 'doc.md': '# Plan\n\n## Initiative: Checkout\n- Owner: @m\n' };
      const found = findingsOf('initiative-objective', files);
      assert.deepEqual(found.map((f) => f.text), ['## Initiative: Checkout']);
      assert.match(found[0]!.message, /Add `Objective: <objective id>`/);
    });

    it('on a front matter initiative, at its kind value', () => {
      const files = { 'checkout.md': '---\nkind: initiative\nowner: "@m"\n---\n# Checkout\n' };
      const found = findingsOf('initiative-objective', files);
      assert.deepEqual(found.map((f) => [f.text, f.line]), [['initiative', 2]]);
      assert.match(found[0]!.message, /'checkout'/);
    });

    it('on a placeholder, at the placeholder (YAML and Markdown)', () => {
      const files = {
        'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: TBD\n',
        'doc.md': '## Initiative: Checkout\n- Objective: n/a\n',
      };
      assert.deepEqual(findingsOf('initiative-objective', files).map((f) => f.text).sort(), ['TBD', 'n/a']);
    });

    it('on an empty value or an empty list', () => {
      const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective:\n  - id: INIT-b\n    objective: []\n' };
      // An empty value is reported at its key, on the field's line (§3: at the placeholder).
      assert.deepEqual(findingsOf('initiative-objective', files).map((f) => f.line), [3, 5]);
    });

    it('on a heading initiative under plain headings only (no enclosing objective)', () => {
      const files = { 'doc.md': '## Initiatives\n\n### Initiative: Loose\n- Owner: @m\n' };
      assert.equal(findingsOf('initiative-objective', files).length, 1);
    });
  });

  describe('does not fire', () => {
    it('for every reference form that names an objective', () => {
      const files = {
        'goals.md': '## Objective: Grow revenue\n- id: OBJ-grow\n\n## Objective: Expand to Brazil\n',
        'vision.md': '---\nkind: objective\n---\n# Vision\n',
        'plan.strategy.yaml': `${objectives}initiatives:\n  - id: I1\n    objective: OBJ-a\n  - id: I2\n    objective: "[[OBJ-b]]"\n  - id: I3\n    objective: "[v](vision.md)"\n  - id: I4\n    objective: "[g](goals.md#obj-grow)"\n  - id: I5\n    objective: "[b](goals.md#objective-expand-to-brazil)"\n`,
        'same.md': '## Objective: Local\n- id: OBJ-local\n\n## Initiative: Uses anchor\n- Objective: [here](#OBJ-LOCAL)\n',
      };
      assert.deepEqual(findingsOf('initiative-objective', files), []);
      assert.deepEqual(lintWorkspace(files).filter((f) => f.ruleId === 'unresolved-reference'), []);
    });

    it('for nested initiatives, which link their enclosing objective (YAML, and headings through plain headings)', () => {
      const files = {
        'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n    initiatives:\n      - id: INIT-nested\n        title: N\n',
        'doc.md': '## Objective: Grow\n\n### Initiatives\n\n#### Initiative: Nested\n- Owner: @m\n',
      };
      assert.deepEqual(findingsOf('initiative-objective', files), []);
    });

    it('for a value that does not resolve or has the wrong kind (§10.1: reported once, elsewhere)', () => {
      const files = { 'plan.strategy.yaml': `${objectives}initiatives:\n  - id: INIT-a\n    objective: OBJ-missing\n  - id: INIT-b\n    objective: INIT-a\n` };
      const all = lintWorkspace(files);
      assert.deepEqual(all.filter((f) => f.ruleId === 'initiative-objective'), []);
      assert.deepEqual(all.filter((f) => ['unresolved-reference', 'kind-mismatch'].includes(f.ruleId)).map((f) => [f.ruleId, f.text]), [
        ['unresolved-reference', 'OBJ-missing'],
        ['kind-mismatch', 'INIT-a'],
      ]);
    });
  });

  it('is suppressed by a disable-next-line comment (YAML and Markdown)', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  # strategy-lint-disable-next-line initiative-objective\n  - id: INIT-a\n',
      'doc.md': '<!-- strategy-lint-disable-next-line initiative-objective -->\n## Initiative: Checkout\n',
    };
    assert.deepEqual(findingsOf('initiative-objective', files), []);
  });

  describe('fix', () => {
    it('offers one suggestion per objective: those its metrics measure first, then same file, then others; at most 5', () => {
      const files = {
        'other.strategy.yaml': 'objectives:\n  - id: OBJ-z\n    title: Z\n    key-results:\n      - id: KR-z\n        title: KR\n  - id: OBJ-y\n    title: Y\n  - id: OBJ-x\n    title: X\n  - id: OBJ-w\n    title: W\n',
        'plan.strategy.yaml': `${objectives}initiatives:\n  - id: INIT-a\n    metrics: [KR-z]\n`,
      };
      const [finding] = findingsOf('initiative-objective', files);
      assert.deepEqual(
        finding!.finding.fixes!.map((f) => [f.title, f.safe]),
        [
          ["Link to objective 'OBJ-z'", false],
          ["Link to objective 'OBJ-a'", false],
          ["Link to objective 'OBJ-b'", false],
          ["Link to objective 'OBJ-w'", false],
          ["Link to objective 'OBJ-x'", false],
        ],
      );
    });

    it('offers the objectives declared now, as edits elsewhere rename, add and drop them', () => {
      const engine = workspace({
        'goals.strategy.yaml': 'objectives:\n  - id: OBJ-c\n  - id: OBJ-d\n',
        'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n',
      });
      const offered = () => engine.lint(`${ROOT}/plan.strategy.yaml`).find((f) => f.ruleId === 'initiative-objective')!.fixes!.map((f) => f.title.replace(/^Link to objective /, ''));
      assert.deepEqual(offered(), ["'OBJ-c'", "'OBJ-d'"]);
      engine.update(`${ROOT}/goals.strategy.yaml`, 'objectives:\n  - id: OBJ-e\n  - id: OBJ-d\n    status: dropped\n');
      engine.update(`${ROOT}/more.strategy.yaml`, 'objectives:\n  - id: OBJ-b\n');
      assert.deepEqual(offered(), ["'OBJ-b'", "'OBJ-e'", "'OBJ-d'"]);
      engine.remove(`${ROOT}/more.strategy.yaml`);
      assert.deepEqual(offered(), ["'OBJ-e'", "'OBJ-d'"]);
    });

    it('prefers active objectives over dropped or achieved ones', () => {
      const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    status: dropped\n  - id: OBJ-b\ninitiatives:\n  - id: INIT-a\n' };
      const [finding] = findingsOf('initiative-objective', files);
      assert.deepEqual(finding!.finding.fixes!.map((f) => f.title), ["Link to objective 'OBJ-b'", "Link to objective 'OBJ-a'"]);
    });

    it('inserts the field into a YAML initiative, and the initiative is then linked', () => {
      const files = { 'plan.strategy.yaml': `${objectives}initiatives:\n  - id: INIT-a # first\n    title: A\n` };
      const [finding] = findingsOf('initiative-objective', files);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['plan.strategy.yaml'], `${objectives}initiatives:\n  - id: INIT-a # first\n    title: A\n    objective: OBJ-a\n`);
      assert.deepEqual(findingsOf('initiative-objective', fixed), []);
    });

    it('replaces a placeholder or fills an empty value, keeping the YAML valid', () => {
      const files = { 'plan.strategy.yaml': `${objectives}initiatives:\n  - id: INIT-a\n    objective: "TBD"\n  - id: INIT-b\n    objective:\n    title: B\n` };
      // Offsets move with each edit: re-lint before applying the next fix.
      let fixed: Record<string, string> = applyFix(files, findingsOf('initiative-objective', files)[0]!.finding);
      fixed = applyFix(fixed, findingsOf('initiative-objective', fixed)[0]!.finding);
      assert.equal(fixed['plan.strategy.yaml'], `${objectives}initiatives:\n  - id: INIT-a\n    objective: "OBJ-a"\n  - id: INIT-b\n    objective: OBJ-a\n    title: B\n`);
      assert.deepEqual(lintWorkspace(fixed).filter((f) => ['initiative-objective', 'syntax', 'unresolved-reference'].includes(f.ruleId)), []);
    });

    it('inserts into front matter and into a heading entity', () => {
      const files = {
        'goals.strategy.yaml': objectives,
        'checkout.md': '---\nkind: initiative\nowner: "@m"\n---\n# Checkout\n',
        'doc.md': '## Initiative: Search\nText.\n',
      };
      let fixed: Record<string, string> = files;
      for (const finding of findingsOf('initiative-objective', files)) fixed = applyFix(fixed, finding.finding);
      assert.equal(fixed['checkout.md'], '---\nkind: initiative\nowner: "@m"\nobjective: OBJ-a\n---\n# Checkout\n');
      assert.equal(fixed['doc.md'], '## Initiative: Search\n- Objective: OBJ-a\n\nText.\n');
      assert.deepEqual(findingsOf('initiative-objective', fixed), []);
    });

    it('offers nothing when the workspace declares no objective', () => {
      const [finding] = findingsOf('initiative-objective', { 'doc.md': '## Initiative: Search\n' });
      assert.equal(finding!.finding.fixes, undefined);
    });
  });
});
