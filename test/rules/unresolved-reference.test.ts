import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, lintWorkspace } from '../helpers/workspace.js';

const RULE = 'unresolved-reference';

describe('rule unresolved-reference', () => {
  const goals = 'objectives:\n  - id: OBJ-smb\n    title: Small business\nmetrics:\n  - id: KR-act\n    title: Activation\n  - id: KR-ttv\n    title: Time to value\n';
  const headings = '## Objective: Expand to Brazil\n- id: OBJ-br\n\n## Key Result: Revenue\n- id: KR-rev\n';

  describe('fires', () => {
    it('on an unknown id, naming the closest id of the expected kind', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: OBJ-smbb\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.column, f.severity]), [['OBJ-smbb', 3, 16, 'error']]);
      assert.equal(found[0]!.message, "No objective 'OBJ-smbb' is declared in the workspace. Did you mean 'OBJ-smb'?");
    });

    it('says how to fix it when nothing is close', () => {
      const [finding] = findingsOf(RULE, { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: OBJ-unknown\n' });
      assert.equal(finding!.message, "No objective 'OBJ-unknown' is declared in the workspace. Declare it, or link an existing objective.");
    });

    it('points out a title written where an id belongs', () => {
      const files = { 'goals.strategy.yaml': goals, 'doc.md': '## Initiative: A\n- Objective: Small business\n' };
      const [finding] = findingsOf(RULE, files);
      assert.match(finding!.message, /'Small business' is the title of objective 'OBJ-smb': references use ids/);
      assert.deepEqual(applyFix(files, finding!.finding)['doc.md'], '## Initiative: A\n- Objective: OBJ-smb\n');
    });

    it('reports each broken item of a YAML list, a block list and a Markdown comma list at the item', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: [KR-act, KR-nope]\n  - id: I2\n    metrics:\n      - KR-ttv\n      - KR-gone\n',
        'doc.md': '## Initiative: A\n- Metrics: KR-act, KR-zzz, [[KR-ttv]]\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => [f.file, f.text, f.line]), [
        ['plan.strategy.yaml', 'KR-nope', 3],
        ['plan.strategy.yaml', 'KR-gone', 7],
        ['doc.md', 'KR-zzz', 2],
      ]);
    });

    it('reports wiki links, in YAML (quoted) and in Markdown', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: "[[OBJ-smx]]"\n', 'doc.md': '## Initiative: A\n- Objective: [[OBJ-none]]\n' };
      assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['"[[OBJ-smx]]"', '[[OBJ-none]]']);
    });

    it('reports a link to a missing document, to a document that declares nothing, and to a missing anchor', () => {
      const files = {
        'goals.md': headings,
        'notes.md': '# Just notes\n',
        'doc.md':
          '## Initiative: A\n- Objective: [x](missing.md)\n\n## Initiative: B\n- Objective: [x](notes.md)\n\n## Initiative: C\n- Objective: [x](goals.md#objective-expand-to-brasil)\n\n## Initiative: D\n- Objective: [x](#nowhere)\n',
      };
      assert.deepEqual(
        findingsOf(RULE, files).map((f) => f.message),
        [
          "Linked document 'missing.md' is not in the workspace, so this `objective` link leads nowhere. Link the document that declares the objective.",
          "'notes.md' declares no entity, so this `objective` link leads nowhere. Link the document that declares the objective.",
          "No objective with anchor '#objective-expand-to-brasil' in 'goals.md'. Did you mean '#objective-expand-to-brazil'?",
          "No objective with anchor '#nowhere' in this document. Link to the id or heading of an objective declared there.",
        ],
      );
    });

    it('reports a link to a document that declares several entities, offering each of the expected kind', () => {
      const files = { 'goals.md': headings, 'doc.md': '## Initiative: A\n- Metrics: [all](goals.md)\n' };
      const [finding] = findingsOf(RULE, files);
      assert.equal(finding!.message, "'goals.md' declares 2 entities, so a link to it is ambiguous. Add an anchor naming the metric, e.g. '#KR-rev'.");
      assert.deepEqual(finding!.finding.fixes!.map((f) => [f.title, f.safe]), [["Link to metric 'KR-rev'", false]]);
      const fixed = applyFix(files, finding!.finding);
      assert.equal(fixed['doc.md'], '## Initiative: A\n- Metrics: [all](goals.md#KR-rev)\n');
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    it('reports external links: references must point into the workspace', () => {
      const files = { 'p.md': '---\nkind: prd\ninitiative: "[jira](https://jira.example.com/PROJ-1)"\n---\n' };
      const [finding] = findingsOf(RULE, files);
      assert.equal(finding!.text, '"[jira](https://jira.example.com/PROJ-1)"');
      assert.match(finding!.message, /points outside the workspace: links in `initiative` must point into the workspace/);
    });

    it('covers every reference field: parent, depends-on, a metric objective, a PRD initiative', () => {
      const files = {
        'plan.strategy.yaml':
          'objectives:\n  - id: OBJ-a\n    parent: OBJ-zz\nmetrics:\n  - id: KR-a\n    objective: OBJ-yy\ninitiatives:\n  - id: I1\n    objective: OBJ-a\n    depends-on: [I-xx]\nprds:\n  - id: PRD-a\n    initiative: I-ww\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-zz', 'OBJ-yy', 'I-xx', 'I-ww']);
    });
  });

  describe('does not fire', () => {
    it('on owners, declared or not (unknown-owner reports them)', () => {
      const files = { 'plan.strategy.yaml': 'owners:\n  - id: "@maria"\ninitiatives:\n  - id: I1\n    owner: "@nobody"\n', 'doc.md': '## Initiative: A\n- Owner: [[ghost]]\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('on references that resolve, in every form, with anchors matching id or heading slug case-insensitively', () => {
      const files = {
        'goals.md': headings,
        'vision.md': '---\nkind: objective\n---\n# Vision\n',
        'plan.strategy.yaml':
          'initiatives:\n  - id: I1\n    objective: OBJ-br\n    metrics: [KR-rev]\n    depends-on: I2\n  - id: I2\n    objective: "[[OBJ-br]]"\n    metrics: ["[r](goals.md#kr-rev)", "[r](goals.md#KEY-RESULT-REVENUE)"]\n  - id: I3\n    objective: "[v](vision.md)"\n',
        'doc.md': '## Objective: Local goal\n\n### Initiative: Nested\n- Metrics: KR-rev, [[KR-rev]]\n- Depends-on: [i](plan.strategy.yaml#I1)\n\n## Initiative: Top\n- Objective: [l](#local-goal)\n',
      };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('on a reference to the wrong kind (kind-mismatch reports it)', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: KR-act\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
      assert.equal(findingsOf('kind-mismatch', files).length, 1);
    });

    it('on placeholders (the required-link rules or placeholder-value report them)', () => {
      const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: TBD\n    metrics: [none]\n    depends-on: "-"\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });
  });

  it('is suppressed by disable comments (YAML next-line, Markdown next-line)', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    # strategy-lint-disable-next-line unresolved-reference\n    objective: OBJ-later\n',
      'doc.md': '## Initiative: A\n<!-- strategy-lint-disable-next-line unresolved-reference -->\n- Objective: OBJ-later\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  describe('fix', () => {
    it('replaces with the single closest id as a safe fix, keeping YAML quotes and wiki brackets', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': "initiatives:\n  - id: I1\n    objective: 'OBJ-smbb'\n    metrics: [KR-actt]\n  - id: I2\n    objective: \"[[obj-smb]]\"\n",
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => f.finding.fixes!.map((x) => [x.title, x.safe])), [
        [["Replace 'OBJ-smbb' with 'OBJ-smb'", true], ["Create objective 'OBJ-smbb'", false]],
        [["Replace 'KR-actt' with 'KR-act'", true], ["Create metric 'KR-actt'", false]],
        [["Replace 'obj-smb' with 'OBJ-smb'", true], ["Create objective 'obj-smb'", false]],
      ]);
      let fixed: Record<string, string> = files;
      for (let i = 0; i < 3; i++) fixed = applyFix(fixed, findingsOf(RULE, fixed)[0]!.finding);
      assert.equal(fixed['plan.strategy.yaml'], "initiatives:\n  - id: I1\n    objective: 'OBJ-smb'\n    metrics: [KR-act]\n  - id: I2\n    objective: \"[[OBJ-smb]]\"\n");
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    it('makes nothing safe when two ids are equally close', () => {
      const files = { 'goals.strategy.yaml': 'objectives:\n  - id: OBJ-aa\n  - id: OBJ-ac\n', 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-ab\n' };
      const [finding] = findingsOf(RULE, files);
      assert.deepEqual(finding!.finding.fixes!.map((f) => [f.title, f.safe]), [
        ["Replace 'OBJ-ab' with 'OBJ-aa'", false],
        ["Replace 'OBJ-ab' with 'OBJ-ac'", false],
        ["Create objective 'OBJ-ab'", false],
      ]);
    });

    it('offers no replacement beyond edit distance 2, and only ids of the expected kind', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-xyzw\n    metrics: [OBJ-sm]\n' };
      const titles = findingsOf(RULE, files).map((f) => f.finding.fixes!.map((x) => x.title));
      assert.deepEqual(titles, [["Create objective 'OBJ-xyzw'"], ["Create metric 'OBJ-sm'"]]);
    });

    it('replaces the anchor of a link and the path of a link to a misspelt document', () => {
      const files = {
        'strategy/goals.md': headings,
        'strategy/doc.md': '## Initiative: A\n- Objective: [g](goals.md#obj-bx)\n\n## Initiative: B\n- Objective: [g](goal.md#OBJ-br)\n\n## Initiative: C\n- Metrics: [g](../strategy/goal.md#kr-rev)\n',
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => f.finding.fixes![0]!.title), ["Replace '#obj-bx' with '#OBJ-br'", "Replace the link with 'goals.md'", "Replace the link with 'goals.md'"]);
      assert.ok(found.every((f) => f.finding.fixes![0]!.safe));
      let fixed: Record<string, string> = files;
      for (let i = 0; i < 3; i++) fixed = applyFix(fixed, findingsOf(RULE, fixed)[0]!.finding);
      assert.equal(fixed['strategy/doc.md'], '## Initiative: A\n- Objective: [g](goals.md#OBJ-br)\n\n## Initiative: B\n- Objective: [g](goals.md#OBJ-br)\n\n## Initiative: C\n- Metrics: [g](goals.md#kr-rev)\n');
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    describe('create stub', () => {
      const createFix = (finding: { finding: { fixes?: { title: string }[] } }) => finding.finding.fixes!.findIndex((f) => f.title.startsWith('Create'));

      it('appends to the matching top-level YAML list', () => {
        const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\ninitiatives:\n  - id: I1\n    objective: OBJ-new\n' };
        const [finding] = findingsOf(RULE, files);
        const fixed = applyFix(files, finding!.finding, createFix(finding!));
        assert.equal(fixed['plan.strategy.yaml'], 'objectives:\n  - id: OBJ-a\n    title: A\n  - id: OBJ-new\n    title: OBJ-new\ninitiatives:\n  - id: I1\n    objective: OBJ-new\n');
        assert.deepEqual(lintWorkspace(fixed).filter((f) => [RULE, 'syntax', 'kind-mismatch'].includes(f.ruleId)), []);
      });

      it('starts a new list at the end of a YAML file that has none', () => {
        const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    metrics: [KR-new]' };
        const [finding] = findingsOf(RULE, files);
        const fixed = applyFix(files, finding!.finding, createFix(finding!));
        assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: I1\n    metrics: [KR-new]\nmetrics:\n  - id: KR-new\n    title: KR-new\n');
        assert.deepEqual(findingsOf(RULE, fixed), []);
      });

      it('appends a heading section to Markdown (heading and front matter documents alike)', () => {
        const files = {
          'doc.md': '## Initiative: A\n- Objective: [[OBJ-new]]\n',
          'p.md': '---\nkind: prd\ninitiative: INIT-new\n---\n# Spec\n\n',
        };
        let fixed: Record<string, string> = files;
        for (const file of ['doc.md', 'p.md']) {
          const finding = findingsOf(RULE, fixed).find((f) => f.file === file)!;
          fixed = applyFix(fixed, finding.finding, createFix(finding));
        }
        assert.equal(fixed['doc.md'], '## Initiative: A\n- Objective: [[OBJ-new]]\n\n## Objective: OBJ-new\n- id: OBJ-new\n');
        assert.equal(fixed['p.md'], '---\nkind: prd\ninitiative: INIT-new\n---\n# Spec\n\n## Initiative: INIT-new\n- id: INIT-new\n');
        assert.deepEqual(findingsOf(RULE, fixed), []);
      });

      it('keeps CRLF line endings', () => {
        const files = { 'doc.md': '## Initiative: A\r\n- Objective: [[OBJ-new]]\r\n' };
        const [finding] = findingsOf(RULE, files);
        const fixed = applyFix(files, finding!.finding, createFix(finding!));
        assert.equal(fixed['doc.md'], '## Initiative: A\r\n- Objective: [[OBJ-new]]\r\n\r\n## Objective: OBJ-new\r\n- id: OBJ-new\r\n');
      });

      it('declares a missing anchor in the linked document', () => {
        const files = { 'goals.md': headings, 'doc.md': '## Initiative: A\n- Objective: [g](goals.md#OBJ-other)\n' };
        const [finding] = findingsOf(RULE, files);
        const fixed = applyFix(files, finding!.finding, createFix(finding!));
        assert.equal(fixed['goals.md'], `${headings}\n## Objective: OBJ-other\n- id: OBJ-other\n`);
        assert.deepEqual(findingsOf(RULE, fixed), []);
      });

      it('is not offered in a single-entity YAML file, nor for text that is not an id', () => {
        const files = { 'i.strategy.yaml': 'kind: initiative\nid: I1\nobjective: OBJ-new\n', 'doc.md': '## Initiative: A\n- Objective: grow the business\n' };
        assert.deepEqual(findingsOf(RULE, files).map((f) => f.finding.fixes), [undefined, undefined]);
      });
    });
  });
});
