import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'objective-metric';

describe('rule objective-metric', () => {
  it('reports an active objective that no metric measures at its anchor, saying how to fix it', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n    initiatives:\n      - id: INIT-1\n',
      'goals.md': '## Objective: Expand to Brazil\n',
      'obj-c.md': '---\nkind: objective\n---\n# C\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.file, f.text, f.severity]).sort(), [
      ['goals.md', '## Objective: Expand to Brazil', 'warning'],
      ['obj-c.md', 'objective', 'warning'],
      ['plan.strategy.yaml', 'OBJ-a', 'warning'],
    ]);
    assert.match(found.find((f) => f.file === 'plan.strategy.yaml')!.message, /no metric measuring it.*`objective: OBJ-a`/);
  });

  it('does not fire when a metric measures the objective: nested key result, metric list, heading KR, front matter metric', () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: OBJ-nested\n    key-results:\n      - id: KR-1\n  - id: OBJ-listed\n  - id: OBJ-fm\n' +
        'metrics:\n  - id: KR-2\n    objective: OBJ-listed\n',
      'goals.md': '## Objective: Expand to Brazil\n\n## Metrics\n\n### KR: Revenue in Brazil\n- Target: 10\n',
      'kr-fm.md': '---\nkind: key-result\nobjective: "[[OBJ-fm]]"\n---\n# Share\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['## Objective: Expand to Brazil']);
    // The KR above sits under a sibling heading, outside the objective; nested one level deeper it measures it.
    const nested = { ...files, 'goals.md': '## Objective: Expand to Brazil\n\n### Metrics\n\n#### KR: Revenue in Brazil\n' };
    assert.deepEqual(findingsOf(RULE, nested), []);
  });

  it('does not count a metric that only an initiative of the objective links', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    initiatives:\n      - id: INIT-1\n        metrics: [KR-x]\nmetrics:\n  - id: KR-x\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-a']);
  });

  it('ignores achieved and dropped objectives', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: A\n    status: achieved\n  - id: B\n    status: dropped\n' };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('is satisfied through a chain of child objectives across files', () => {
    const files = {
      'top.strategy.yaml': 'objectives:\n  - id: OBJ-a\n',
      'mid.md': '---\nkind: objective\nid: OBJ-b\nparent: OBJ-a\n---\n# B\n',
      'leaf.md': '## Objective: Leaf\n- Parent: [B](mid.md)\n\n### Key Result: Leaf KR\n- Type: leading\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
    const withoutKr = { ...files, 'leaf.md': '## Objective: Leaf\n- Parent: [B](mid.md)\n' };
    assert.deepEqual(findingsOf(RULE, withoutKr).map((f) => f.file).sort(), ['leaf.md', 'mid.md', 'top.strategy.yaml']);
  });

  it('does not credit a child with its parent\'s metrics', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: A\n    key-results:\n      - id: KR\n  - id: B\n    parent: A\n' };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['B']);
  });

  it('terminates on a parent cycle', () => {
    const files = { 'c.strategy.yaml': 'objectives:\n  - id: A\n    parent: B\n  - id: B\n    parent: A\n' };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['A', 'B']);
  });

  it('is silenced by suppression comments in YAML and Markdown', () => {
    const files = {
      'plan.strategy.yaml': '# strategy-lint-disable-file objective-metric\nobjectives:\n  - id: OBJ-a\n',
      'goals.md': '<!-- strategy-lint-disable objective-metric -->\n## Objective: Quiet\n<!-- strategy-lint-enable -->\n## Objective: Loud\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['## Objective: Loud']);
  });

  it('follows the configured severity and can be turned off', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n' };
    assert.equal(findingsOf(RULE, files, { rules: { [RULE]: 'info' } })[0]!.severity, 'info');
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: 'off' } }), []);
  });
});
