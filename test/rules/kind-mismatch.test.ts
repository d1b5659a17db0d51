import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace } from '../helpers/workspace.js';

const RULE = 'kind-mismatch';

describe('rule kind-mismatch', () => {
  const goals =
    'objectives:\n  - id: OBJ-smb\n    title: SMB\n    key-results:\n      - id: KR-act\n        title: Activation\n  - id: OBJ-eu\n    title: Europe\nmetrics:\n  - id: KR-eu\n    title: EU revenue\n    objective: OBJ-eu\ninitiatives:\n  - id: INIT-bill\n    title: Billing\n    objective: OBJ-eu\n    metrics: [KR-eu]\n';
  const headings = '## Objective: Expand to Brazil\n- id: OBJ-br\n\n## Initiative: Local payments\n- id: INIT-pay\n- Objective: OBJ-br\n';

  describe('fires', () => {
    it('on an id of the wrong kind, at the value, pointing to the declaration', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: KR-act\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['KR-act', 3, 'error']]);
      assert.equal(found[0]!.message, "`objective` must name an objective, but 'KR-act' is a metric. Link an objective instead.");
      const related = found[0]!.finding.related!;
      assert.equal(related.length, 1);
      assert.equal(related[0]!.file, '/ws/goals.strategy.yaml');
      assert.equal(goals.slice(related[0]!.span.start, related[0]!.span.end), 'KR-act');
    });

    it('on each wrong item of a YAML list and a Markdown comma list', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: [KR-act, OBJ-eu]\n',
        'doc.md': '## Initiative: A\n- Metrics: KR-eu, INIT-bill, [[KR-act]]\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => [f.file, f.text]), [
        ['plan.strategy.yaml', 'OBJ-eu'],
        ['doc.md', 'INIT-bill'],
      ]);
    });

    it('on wiki links and on links to documents and anchors', () => {
      const files = {
        'pay.md': '---\nkind: initiative\n---\n# Payments\n',
        'br.md': headings,
        'doc.md':
          '## Key Result: Local\n- id: KR-local\n\n## Initiative: A\n- Objective: [[INIT-pay]]\n\n## Initiative: B\n- Objective: [p](pay.md)\n\n## Initiative: C\n- Metrics: [b](br.md#objective-expand-to-brazil)\n\n## Initiative: D\n- Objective: [l](#KR-LOCAL)\n',
      };
      assert.deepEqual(
        findingsOf(RULE, files).map((f) => f.message),
        [
          "`objective` must name an objective, but 'INIT-pay' is an initiative. Link an objective instead.",
          "`objective` must name an objective, but '[p](pay.md)' links to initiative 'pay'. Link an objective instead.",
          "`metrics` must name a metric, but '[b](br.md#objective-expand-to-brazil)' links to objective 'OBJ-br'. Link a metric instead.",
          "`objective` must name an objective, but '[l](#KR-LOCAL)' links to metric 'KR-local'. Link an objective instead.",
        ],
      );
    });

    it('on parent, depends-on and a PRD link, in front matter too', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': 'objectives:\n  - id: OBJ-x\n    parent: INIT-bill\ninitiatives:\n  - id: I1\n    depends-on: [INIT-bill, OBJ-eu]\n',
        'p.md': '---\nkind: prd\ninitiative: KR-eu\n---\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => [f.file, f.text]), [
        ['plan.strategy.yaml', 'INIT-bill'],
        ['plan.strategy.yaml', 'OBJ-eu'],
        ['p.md', 'KR-eu'],
      ]);
    });

    it('when every declaration of a duplicated id has the wrong kind, naming them all', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'more.strategy.yaml': 'initiatives:\n  - id: OBJ-smb\n    title: Same id\n',
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: [OBJ-smb]\n',
      };
      const [finding] = findingsOf(RULE, files);
      assert.match(finding!.message, /is an objective \(and 1 more declaration, none a metric\)/);
      assert.equal(finding!.finding.related!.length, 2);
    });
  });

  describe('does not fire', () => {
    it('when one declaration of a duplicated id has the right kind', () => {
      const files = { 'goals.strategy.yaml': goals, 'more.md': '## Key Result: Dup\n- id: OBJ-eu\n', 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: [OBJ-eu]\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('on owner references (unknown-owner speaks for owners), nor on unresolved ones', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    owner: OBJ-eu\n    objective: OBJ-nope\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('on links of the right kind, implicit links included', () => {
      const files = { 'goals.strategy.yaml': goals, 'doc.md': '## Objective: Grow\n\n### Initiative: Nested\n- Metrics: KR-act, [r](goals.strategy.yaml#kr-eu)\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });
  });

  it('is suppressed by disable comments', () => {
    const files = {
      'goals.strategy.yaml': goals,
      'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    # strategy-lint-disable-next-line kind-mismatch\n    objective: KR-act\n',
      'doc.md': '<!-- strategy-lint-disable kind-mismatch -->\n## Initiative: A\n- Objective: KR-act\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  describe('fix', () => {
    it("offers the wrong target's own links of the right kind first, then the closest ids; none is safe", () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: KR-eu\n  - id: I2\n    metrics: [OBJ-eu]\n' };
      const [objective, metrics] = findingsOf(RULE, files);
      assert.deepEqual(objective!.finding.fixes!.map((f) => [f.title, f.safe]), [
        ["Replace with objective 'OBJ-eu'", false],
        ["Replace with objective 'OBJ-smb'", false],
      ]);
      assert.deepEqual(metrics!.finding.fixes!.map((f) => f.title), ["Replace with metric 'KR-eu'", "Replace with metric 'KR-act'"]);
      const fixed = applyFix(files, objective!.finding);
      assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: I1\n    objective: OBJ-eu\n  - id: I2\n    metrics: [OBJ-eu]\n');
      assert.deepEqual(findingsOf(RULE, fixed).map((f) => f.text), ['OBJ-eu']);
    });

    it('writes the replacement in the form of the reference: wiki link, or link with the same label', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'br.md': headings,
        'vision.md': '---\nkind: objective\n---\n# Vision\n',
        'doc.md': '## Initiative: A\n- Objective: [[KR-act]]\n\n## Initiative: B\n- Objective: [the payments work](br.md#init-pay)\n',
      };
      const [wiki, link] = findingsOf(RULE, files);
      assert.equal(applyFix(files, wiki!.finding)['doc.md'], '## Initiative: A\n- Objective: [[OBJ-smb]]\n\n## Initiative: B\n- Objective: [the payments work](br.md#init-pay)\n');
      const titles = link!.finding.fixes!.map((f) => f.title);
      assert.equal(titles[0], "Replace with objective 'OBJ-br'");
      const viaVision = titles.indexOf("Replace with objective 'vision'");
      assert.equal(applyFix(files, link!.finding)['doc.md'], '## Initiative: A\n- Objective: [[KR-act]]\n\n## Initiative: B\n- Objective: [the payments work](br.md#OBJ-br)\n');
      assert.equal(applyFix(files, link!.finding, viaVision)['doc.md'], '## Initiative: A\n- Objective: [[KR-act]]\n\n## Initiative: B\n- Objective: [the payments work](vision.md)\n');
    });

    it("renames a PRD's field when it holds the other kind of link", () => {
      const files = { 'goals.strategy.yaml': goals, 'p.md': '---\nkind: prd\nobjective: INIT-bill\n---\n# Billing\n' };
      const [finding] = findingsOf(RULE, files);
      assert.deepEqual(finding!.finding.fixes!.slice(0, 2).map((f) => f.title), ['Change `objective` to `initiative`', "Replace with objective 'OBJ-eu'"]);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['p.md'], '---\nkind: prd\ninitiative: INIT-bill\n---\n# Billing\n');
      assert.deepEqual(lintWorkspace(fixed).filter((f) => f.file === 'p.md' && [RULE, 'prd-link', 'unresolved-reference'].includes(f.ruleId)), []);
    });
  });
});
