import { strict as assert } from 'node:assert';
import { findingsOf, ROOT, workspace } from '../helpers/workspace.js';

const RULE = 'parent-cycle';

describe('rule parent-cycle', () => {
  it('reports each parent link of a cycle at its value, with the path and the other links as related information', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: O1\n    title: One\n    parent: O2\n  - id: O2\n    title: Two\n    parent: O3\n  - id: O3\n    title: Three\n    parent: O1\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.line, f.text]), [[4, 'O2'], [7, 'O3'], [10, 'O1']]);
    assert.equal(found[0]!.severity, 'error');
    assert.equal(found[0]!.message, 'Cycle in `parent` links: O1 → O2 → O3 → O1. An objective cannot roll up to itself; change one of these `parent` links.');
    assert.deepEqual(found[0]!.finding.related!.map((r) => r.message), ['O2 → O3 (parent)', 'O3 → O1 (parent)']);
    assert.equal(found[0]!.finding.fixes, undefined);
  });

  it('finds cycles across files and forms', () => {
    const files = {
      'goals.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n    parent: "[[OBJ-b]]"\n',
      'b.md': '---\nkind: objective\nid: OBJ-b\nparent: OBJ-c\n---\n# B\n',
      'c.md': '## Objective: C\n- id: OBJ-c\n- Parent: [A](goals.strategy.yaml#obj-a)\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text]).sort(), [
      ['b.md', 'OBJ-c'],
      ['c.md', '[A](goals.strategy.yaml#obj-a)'],
      ['goals.strategy.yaml', '"[[OBJ-b]]"'],
    ]);
    const fromYaml = found.find((f) => f.file === 'goals.strategy.yaml')!;
    assert.deepEqual(fromYaml.finding.related!.map((r) => r.file.slice(ROOT.length + 1)), ['b.md', 'c.md']);
  });

  it('reports a cycle met first from an objective that only leads into it, and not that objective', () => {
    const files = {
      'a-lead.md': '## Objective: Lead\n- id: X\n- Parent: A\n',
      'b-loop.strategy.yaml': 'objectives:\n  - id: A\n    parent: B\n  - id: B\n    parent: A\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text]), [['b-loop.strategy.yaml', 'B'], ['b-loop.strategy.yaml', 'A']]);
    assert.equal(found[0]!.message, 'Cycle in `parent` links: A → B → A. An objective cannot roll up to itself; change one of these `parent` links.');
  });

  it('reports self-references', () => {
    const found = findingsOf(RULE, {
      'plan.strategy.yaml': 'objectives:\n  - id: O1\n    title: One\n    parent: O1\ninitiatives:\n  - id: I1\n    depends-on: [I0, I1]\n',
    });
    assert.deepEqual(found.map((f) => [f.text, f.message]), [
      ['O1', "Objective 'O1' is its own parent. Remove the `parent` link or point it at the objective this one contributes to."],
      ['I1', "Initiative 'I1' depends on itself. Remove it from its own `depends-on`."],
    ]);
  });

  it('reports dependency cycles in depends-on lists, including Markdown comma lists', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    depends-on: [I9, I2]\n  - id: I2\n    dependencies: I3\n',
      'doc.md': '## Initiative: Three\n- id: I3\n- Depends on: I8, I1\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text).sort(), ['I1', 'I2', 'I3']);
    const inMarkdown = found.find((f) => f.file === 'doc.md')!;
    assert.match(inMarkdown.message, /^Dependency cycle: I3 → I1 → I2 → I3\. None of these initiatives can start first/);
  });

  it('does not fire for chains, diamonds, unresolved links or links to another kind', () => {
    const files = {
      'plan.strategy.yaml': [
        'objectives:',
        '  - { id: O1, title: One }',
        '  - { id: O2, title: Two, parent: O1 }',
        '  - { id: O3, title: Three, parent: O1 }',
        '  - { id: O4, title: Four, parent: O-missing }',
        '  - { id: O5, title: Five, parent: I1 }',
        'initiatives:',
        '  - { id: I1, depends-on: [I2, I3] }',
        '  - { id: I2, depends-on: I4 }',
        '  - { id: I3, depends-on: I4 }',
        '  - { id: I4, depends-on: O5 }',
      ].join('\n'),
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('clears the finding in the other file when an edit breaks the cycle', () => {
    const engine = workspace({
      'a.strategy.yaml': 'objectives:\n  - id: A\n    title: A\n    parent: B\n',
      'b.md': '## Objective: B\n- id: B\n- Parent: A\n',
    });
    assert.equal(engine.lint(`${ROOT}/a.strategy.yaml`).filter((f) => f.ruleId === RULE).length, 1);
    const affected = engine.update(`${ROOT}/b.md`, '## Objective: B\n- id: B\n');
    assert.ok(affected.has(`${ROOT}/a.strategy.yaml`));
    assert.deepEqual(engine.lint(`${ROOT}/a.strategy.yaml`).filter((f) => f.ruleId === RULE), []);
  });

  it('handles a long dependency chain without overflowing the stack', () => {
    const n = 12_000;
    const lines = ['initiatives:'];
    for (let i = 0; i < n; i++) lines.push(`  - { id: I${i}, depends-on: I${(i + 1) % n} }`);
    const found = findingsOf(RULE, { 'long.strategy.yaml': `${lines.join('\n')}\n` });
    assert.equal(found.length, n);
    assert.equal(found[0]!.message, `Dependency cycle: I0 → I1 → … → I0 (a loop through ${n} initiatives). None of these initiatives can start first; remove one of these \`depends-on\` links.`);
  });

  it('is silenced by a suppression comment', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: O1\n    title: One\n    # strategy-lint-disable-next-line parent-cycle\n    parent: O1\n',
      'doc.md': '## Objective: Two\n<!-- strategy-lint-disable-next-line parent-cycle -->\n- Parent: two\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
