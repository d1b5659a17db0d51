import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'objective-initiatives';

describe('rule objective-initiatives', () => {
  it('reports an active YAML objective without initiatives at its id value, saying how to fix it', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['OBJ-a', 2, 'warning']]);
    assert.match(found[0]!.message, /no initiative/);
    assert.match(found[0]!.message, /`objective: OBJ-a`/);
    assert.match(found[0]!.message, /status: dropped/);
  });

  it('reports heading objectives at the heading and front matter objectives at the kind value', () => {
    const files = {
      'goals.md': '# Goals\n\n## Objective: Expand to Brazil\n- Owner: @maria\n',
      'obj-b.md': '---\nkind: objective\ntitle: B\n---\n# B\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text]).sort(), [['goals.md', '## Objective: Expand to Brazil'], ['obj-b.md', 'objective']]);
    assert.match(found.find((f) => f.file === 'goals.md')!.message, /`objective: expand-to-brazil`/);
  });

  it('does not fire when an initiative links the objective: nested, by id, by wiki link or by Markdown link', () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: OBJ-nested\n    title: N\n    initiatives:\n      - id: INIT-1\n        title: One\n' +
        '  - id: OBJ-by-id\n    title: I\n  - id: OBJ-wiki\n    title: W\n',
      'init.md': '---\nkind: initiative\nobjective: OBJ-by-id\n---\n# Two\n',
      'more.md': '## Initiative: Three\n- Objective: [[OBJ-wiki]]\n\n## Initiative: Four\n- Objective: [Brazil](goals.md#objective-expand-to-brazil)\n',
      'goals.md': '## Objective: Expand to Brazil\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('counts initiatives of any status but dropped', () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: OBJ-done\n    title: D\n    initiatives:\n      - id: INIT-d\n        status: done\n' +
        '  - id: OBJ-dropped\n    title: X\n    initiatives:\n      - id: INIT-x\n        status: dropped\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-dropped']);
  });

  it('ignores objectives that are achieved or dropped', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: A\n    status: achieved\n  - id: B\n    status: dropped\n  - id: C\n    status: Active\n' };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['C']);
  });

  describe('through child objectives', () => {
    // A ← B ← C across a YAML file, a front matter document and a heading document.
    const chain = (initiative: string) => ({
      'top.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n',
      'obj-b.md': '---\nkind: objective\nparent: OBJ-a\n---\n# B\n',
      'c.md': `## Objective: C\n- Parent: [[obj-b]]\n${initiative}`,
    });

    it('is satisfied for every ancestor when a grandchild objective has an initiative', () => {
      assert.deepEqual(findingsOf(RULE, chain('\n### Initiative: Do it\n- Owner: @sam\n')), []);
    });

    it('reports every objective of the chain when none has an initiative', () => {
      assert.deepEqual(findingsOf(RULE, chain('')).map((f) => f.file).sort(), ['c.md', 'obj-b.md', 'top.strategy.yaml']);
    });

    it('does not credit a parent with the initiatives of a dropped child', () => {
      const files = {
        'plan.strategy.yaml':
          'objectives:\n  - id: OBJ-a\n    title: A\n  - id: OBJ-b\n    parent: OBJ-a\n    status: dropped\n    initiatives:\n      - id: INIT-b\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-a']);
    });

    it('terminates on a parent cycle and still credits every objective on it', () => {
      const cycle = 'objectives:\n  - id: A\n    parent: B\n  - id: B\n    parent: A\n';
      assert.deepEqual(findingsOf(RULE, { 'c.strategy.yaml': cycle }).map((f) => f.text), ['A', 'B']);
      const withWork = { 'c.strategy.yaml': cycle, 'i.strategy.yaml': 'initiatives:\n  - id: I\n    objective: A\n' };
      assert.deepEqual(findingsOf(RULE, withWork), []);
    });

    it('credits an objective on a cycle whose work is reached only through the other objective, whichever is checked first', () => {
      // A's children are B (on the cycle) and D (with work). Asking about A first meets B while A is
      // still open: B must not be settled as uncovered then, since it is covered through A.
      const objectives = 'objectives:\n  - id: A\n    parent: B\n  - id: B\n    parent: A\n  - id: D\n    parent: A\n';
      const work = 'initiatives:\n  - id: I\n    objective: D\n';
      assert.deepEqual(findingsOf(RULE, { 'a.strategy.yaml': objectives, 'w.strategy.yaml': work }), []);
      const swapped = 'objectives:\n  - id: B\n    parent: A\n  - id: D\n    parent: A\n  - id: A\n    parent: B\n';
      assert.deepEqual(findingsOf(RULE, { 'w.strategy.yaml': work, 'a.strategy.yaml': swapped }), []);
    });
  });

  it('is silenced by suppression comments in YAML and Markdown', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  # strategy-lint-disable-next-line objective-initiatives\n  - id: OBJ-a\n  - id: OBJ-b\n',
      'goals.md': '<!-- strategy-lint-disable-next-line objective-initiatives -->\n## Objective: Quiet\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-b']);
  });

  it('follows the configured severity and can be turned off', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n' };
    assert.equal(findingsOf(RULE, files, { rules: { [RULE]: 'error' } })[0]!.severity, 'error');
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: 'off' } }), []);
  });
});
