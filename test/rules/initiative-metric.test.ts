import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace } from '../helpers/workspace.js';

describe('rule initiative-metric', () => {
  const goals =
    'objectives:\n  - id: OBJ-a\n    title: A\n    key-results:\n      - id: KR-a1\n        title: A1\n      - id: KR-a2\n        title: A2\n  - id: OBJ-b\n    title: B\nmetrics:\n  - id: KR-b\n    title: B\n    objective: OBJ-b\n';

  describe('fires', () => {
    it('on a YAML initiative without metrics, at its id value', () => {
      const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n' };
      const found = findingsOf('initiative-metric', files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['INIT-a', 2, 'error']]);
      assert.match(found[0]!.message, /Initiative 'INIT-a' has no metric.*`metrics: \[<metric id>\]`/);
    });

    it('on a heading initiative at its heading, and on a front matter initiative at its kind value', () => {
      const files = {
        'doc.md': '## Initiative: Checkout\n- Owner: @m\n',
        'search.md': '---\nkind: project\ntitle: Search\n---\n',
      };
      const found = findingsOf('initiative-metric', files);
      assert.deepEqual(found.map((f) => [f.file, f.text]).sort(), [['doc.md', '## Initiative: Checkout'], ['search.md', 'project']]);
      assert.match(found.find((f) => f.file === 'doc.md')!.message, /`Metrics: <metric id>`/);
    });

    it('on placeholders, empty values and empty lists, at the placeholder where there is one', () => {
      const files = {
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: TBD\n  - id: I2\n    metrics: []\n  - id: I3\n    metric:\n  - id: I4\n    metrics: [none]\n',
        'doc.md': '## Initiative: Checkout\n- Key: x\n- Metrics: ?\n',
      };
      const found = findingsOf('initiative-metric', files);
      // An empty value has no width: its key stands for it, on the field's line (§3).
      assert.deepEqual(found.map((f) => f.text), ['TBD', '[]', 'metric', 'none', '?']);
    });
  });

  describe('does not fire', () => {
    it('for every reference form, singular `metric` included', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'kr.md': '---\nkind: key-result\ntitle: Doc metric\n---\n',
        'krs.md': '## Key Result: Raise activation\n- id: KR-act\n\n## KR: Cut time to value\n',
        'plan.strategy.yaml':
          'initiatives:\n  - id: I1\n    metrics: [KR-a1, KR-b]\n  - id: I2\n    metric: KR-a2\n  - id: I3\n    metrics:\n      - "[[KR-b]]"\n      - "[d](kr.md)"\n  - id: I4\n    metrics: ["[a](krs.md#kr-act)", "[t](krs.md#kr-cut-time-to-value)"]\n',
        'doc.md': '## Key Result: Local\n- id: KR-local\n\n## Initiative: Checkout\n- Metrics: KR-a1, [[KR-b]], [d](kr.md), [l](#kr-local), [a](krs.md#KR-ACT)\n',
      };
      assert.deepEqual(findingsOf('initiative-metric', files), []);
      assert.deepEqual(lintWorkspace(files).filter((f) => ['unresolved-reference', 'kind-mismatch'].includes(f.ruleId)), []);
    });

    it('for a present value that does not resolve (unresolved-reference reports it)', () => {
      const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    metrics: [KR-missing]\n' };
      assert.deepEqual(findingsOf('initiative-metric', files), []);
      assert.equal(findingsOf('unresolved-reference', files).length, 1);
    });
  });

  it('is suppressed by disable comments (YAML next-line, Markdown range)', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  # strategy-lint-disable-next-line initiative-metric\n  - id: INIT-a\n',
      'doc.md': '<!-- strategy-lint-disable initiative-metric -->\n## Initiative: A\n<!-- strategy-lint-enable -->\n## Initiative: B\n',
    };
    assert.deepEqual(findingsOf('initiative-metric', files).map((f) => f.text), ['## Initiative: B']);
  });

  describe('fix', () => {
    it("offers the metrics of the initiative's objective first, then the others", () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-b\n    objective: OBJ-b\n' };
      const [finding] = findingsOf('initiative-metric', files);
      assert.deepEqual(
        finding!.finding.fixes!.map((f) => [f.title, f.safe]),
        [
          ["Link metric 'KR-b'", false],
          ["Link metric 'KR-a1'", false],
          ["Link metric 'KR-a2'", false],
        ],
      );
    });

    it('counts nested key results and the implicit link of a nested initiative', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'doc.md': '## Objective: Grow\n- id: OBJ-grow\n\n### Key Result: Revenue\n- id: KR-rev\n\n### Initiative: Sell more\n- Owner: @m\n',
      };
      const [finding] = findingsOf('initiative-metric', files);
      assert.equal(finding!.finding.fixes![0]!.title, "Link metric 'KR-rev'");
    });

    it('inserts a YAML flow list, and the initiative is then measured', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: OBJ-a\n' };
      const [finding] = findingsOf('initiative-metric', files);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: INIT-a\n    objective: OBJ-a\n    metrics: [KR-a1]\n');
      assert.deepEqual(findingsOf('initiative-metric', fixed), []);
    });

    it('inserts `Metrics:` into a heading list, and front matter gets a flow list', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'doc.md': '## Initiative: Checkout\n- Objective: OBJ-b\n',
        'search.md': '---\nkind: initiative\nobjective: OBJ-a\n---\n# Search\n',
      };
      let fixed: Record<string, string> = files;
      for (const finding of findingsOf('initiative-metric', files)) fixed = applyFix(fixed, finding.finding);
      assert.equal(fixed['doc.md'], '## Initiative: Checkout\n- Objective: OBJ-b\n- Metrics: KR-b\n');
      assert.equal(fixed['search.md'], '---\nkind: initiative\nobjective: OBJ-a\nmetrics: [KR-a1]\n---\n# Search\n');
      assert.deepEqual(findingsOf('initiative-metric', fixed), []);
    });

    it('replaces placeholders and empty lists in place', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: []\n',
        'doc.md': '## Initiative: Checkout\n- Metrics: TBD\n',
      };
      let fixed: Record<string, string> = files;
      for (const finding of findingsOf('initiative-metric', files)) fixed = applyFix(fixed, finding.finding);
      assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: I1\n    metrics: [KR-a1]\n');
      assert.equal(fixed['doc.md'], '## Initiative: Checkout\n- Metrics: KR-a1\n');
      assert.deepEqual(findingsOf('initiative-metric', fixed), []);
    });
  });
});
