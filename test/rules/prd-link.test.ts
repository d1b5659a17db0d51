import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace } from '../helpers/workspace.js';

describe('rule prd-link', () => {
  const plan =
    'objectives:\n  - id: OBJ-smb\n    title: SMB\n  - id: OBJ-eu\n    title: Europe\ninitiatives:\n  - id: INIT-one-click\n    title: One-click onboarding\n    objective: OBJ-smb\n  - id: INIT-search\n    title: Better search\n    objective: OBJ-smb\n    owner: "@sam"\n  - id: INIT-bill\n    title: Billing\n    objective: OBJ-eu\n';

  describe('fires', () => {
    it('on a front matter PRD with neither initiative nor objective, at its kind value', () => {
      const files = { 'docs/onboarding.md': '---\nkind: prd\nowner: "@sam"\nstatus: review\n---\n# One-click onboarding\n' };
      const found = findingsOf('prd-link', files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.column, f.severity]), [['prd', 2, 7, 'error']]);
      assert.match(found[0]!.message, /PRD 'onboarding' links to no initiative or objective.*Add `initiative: <initiative id>`/);
    });

    it('on a YAML PRD (prds list and single-entity file), at its id value or first key', () => {
      const files = {
        'prds.strategy.yaml': 'prds:\n  - id: PRD-a\n    title: A\n  - title: No id\n',
        'one.strategy.yaml': 'kind: prd\nid: PRD-one\n',
      };
      assert.deepEqual(findingsOf('prd-link', files).map((f) => [f.file, f.text]).sort(), [
        ['one.strategy.yaml', 'PRD-one'],
        ['prds.strategy.yaml', 'PRD-a'],
        ['prds.strategy.yaml', 'title'],
      ]);
    });

    it('on a placeholder, at the placeholder', () => {
      const files = { 'a.md': '---\nkind: prd\ninitiative: TBD\n---\n', 'b.md': '---\nkind: prd\nobjective: ""\ninitiative: N/A\n---\n' };
      assert.deepEqual(findingsOf('prd-link', files).map((f) => [f.file, f.text]), [['a.md', 'TBD'], ['b.md', 'N/A']]);
    });
  });

  describe('does not fire', () => {
    it('when the PRD links an initiative or an objective, in any reference form', () => {
      const files = {
        'plan.strategy.yaml': plan,
        'goal.md': '---\nkind: objective\n---\n# Goal\n',
        'heads.md': '## Initiative: Payments\n- id: INIT-pay\n',
        'p1.md': '---\nkind: prd\ninitiative: INIT-one-click\n---\n',
        'p2.md': '---\nkind: prd\nobjective: "[[OBJ-eu]]"\n---\n',
        'p3.md': '---\nkind: prd\nobjective: "[g](goal.md)"\n---\n',
        'p4.md': '---\nkind: prd\ninitiative: "[p](heads.md#initiative-payments)"\n---\n',
        'p5.md': '---\nkind: prd\ninitiative: TBD\nobjective: OBJ-smb\n---\n',
        'prds.strategy.yaml': 'prds:\n  - id: PRD-x\n    initiative: "[p](heads.md#INIT-pay)"\n',
      };
      assert.deepEqual(findingsOf('prd-link', files), []);
      assert.deepEqual(lintWorkspace(files).filter((f) => ['unresolved-reference', 'kind-mismatch'].includes(f.ruleId)), []);
    });

    it('when the link is present but broken: unresolved-reference reports it instead (§10.1)', () => {
      const files = { 'plan.strategy.yaml': plan, 'p.md': '---\nkind: prd\ninitiative: INIT-one-clik\n---\n' };
      assert.deepEqual(findingsOf('prd-link', files), []);
      assert.deepEqual(findingsOf('unresolved-reference', files).map((f) => f.text), ['INIT-one-clik']);
    });
  });

  it('is suppressed by a disable-file comment in the PRD', () => {
    const files = { 'p.md': '---\nkind: prd\n---\n<!-- strategy-lint-disable-file prd-link -->\n# Draft\n' };
    assert.deepEqual(findingsOf('prd-link', files), []);
  });

  describe('fix', () => {
    it('offers initiatives with a similar title first, then keeps room for objectives', () => {
      const files = { 'plan.strategy.yaml': plan, 'onboarding.md': '---\nkind: prd\n---\n# One-click onboarding\n' };
      const [finding] = findingsOf('prd-link', files);
      assert.deepEqual(
        finding!.finding.fixes!.map((f) => [f.title, f.safe]),
        [
          ["Link to initiative 'INIT-one-click'", false],
          ["Link to initiative 'INIT-bill'", false],
          ["Link to initiative 'INIT-search'", false],
          ["Link to objective 'OBJ-eu'", false],
          ["Link to objective 'OBJ-smb'", false],
        ],
      );
    });

    it('compares titles by their words, whatever their case and the punctuation between them', () => {
      const initiatives = 'initiatives:\n  - id: INIT-a\n    title: "Unrelated thing"\n  - id: INIT-b\n    title: Payments dashboard\n  - id: INIT-c\n    title: "Checkout: PAYMENTS, v2 (EU)"\n';
      const files = { 'plan.strategy.yaml': initiatives, 'p.md': '---\nkind: prd\n---\n# payments \u2014 checkout/V2 a\n' };
      const [finding] = findingsOf('prd-link', files);
      assert.deepEqual(
        finding!.finding.fixes!.map((f) => f.title),
        ["Link to initiative 'INIT-c'", "Link to initiative 'INIT-b'", "Link to initiative 'INIT-a'"],
      );
    });

    it("ranks initiatives of the PRD's owner before unrelated ones", () => {
      const files = { 'plan.strategy.yaml': plan, 'p.md': '---\nkind: prd\nowner: "@sam"\n---\n# Something else\n' };
      const [finding] = findingsOf('prd-link', files);
      assert.equal(finding!.finding.fixes![0]!.title, "Link to initiative 'INIT-search'");
    });

    it('inserts the link into front matter, and the PRD then passes', () => {
      const files = { 'plan.strategy.yaml': plan, 'onboarding.md': '---\nkind: prd\nowner: "@sam"\n---\n# One-click onboarding\n' };
      const [finding] = findingsOf('prd-link', files);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['onboarding.md'], '---\nkind: prd\nowner: "@sam"\ninitiative: INIT-one-click\n---\n# One-click onboarding\n');
      assert.deepEqual(lintWorkspace(fixed).filter((f) => f.file === 'onboarding.md' && ['prd-link', 'unresolved-reference', 'kind-mismatch', 'syntax'].includes(f.ruleId)), []);
    });

    it('links an objective when chosen, and fills a placeholder with a candidate of its own kind', () => {
      const files = { 'plan.strategy.yaml': plan, 'a.md': '---\nkind: prd\n---\n# Europe launch\n', 'b.md': '---\nkind: prd\nobjective: TBD\n---\n' };
      const found = findingsOf('prd-link', files);
      const a = found.find((f) => f.file === 'a.md')!.finding;
      const objectiveFix = a.fixes!.findIndex((f) => f.title === "Link to objective 'OBJ-eu'");
      const b = found.find((f) => f.file === 'b.md')!.finding;
      assert.ok(b.fixes!.every((f) => f.title.startsWith('Link to objective')));
      let fixed = applyFix(files, a, objectiveFix);
      fixed = applyFix(fixed, b);
      assert.equal(fixed['a.md'], '---\nkind: prd\nobjective: OBJ-eu\n---\n# Europe launch\n');
      assert.equal(fixed['b.md'], '---\nkind: prd\nobjective: OBJ-eu\n---\n');
      assert.deepEqual(findingsOf('prd-link', fixed), []);
    });

    it('inserts into a YAML prds entry', () => {
      const files = { 'plan.strategy.yaml': plan, 'prds.strategy.yaml': 'prds:\n  - id: PRD-search\n    title: Better search\n' };
      const [finding] = findingsOf('prd-link', files);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['prds.strategy.yaml'], 'prds:\n  - id: PRD-search\n    title: Better search\n    initiative: INIT-search\n');
      assert.deepEqual(findingsOf('prd-link', fixed), []);
    });
  });
});
