import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'metric-balance';

describe('rule metric-balance', () => {
  it('reports, as info at the objective, an objective measured only by lagging metrics', () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: OBJ-a\n    key-results:\n      - id: KR-2\n        type: lagging\n      - id: KR-1\n        type: Lagging\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['OBJ-a', 'info']]);
    assert.match(found[0]!.message, /only by lagging metrics \(KR-1, KR-2\)/);
    assert.match(found[0]!.message, /type: leading/);
    assert.deepEqual(found[0]!.finding.related!.map((r) => r.message), ["lagging metric 'KR-1'", "lagging metric 'KR-2'"]);
  });

  it('reports an objective measured only by leading metrics, across heading and front matter forms', () => {
    const files = {
      'goals.md': '## Objective: Expand to Brazil\n\n### KR: Trials started\n- Type: leading\n',
      'kr.md': '---\nkind: metric\nobjective: expand-to-brazil\ntype: leading\n---\n# Demos\n',
    };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['## Objective: Expand to Brazil']);
    assert.match(found[0]!.message, /only by leading metrics \(kr, trials-started\).*type: lagging/);
  });

  it('does not fire when leading and lagging metrics are mixed, or when no metric is typed', () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: OBJ-mixed\n    key-results:\n      - id: KR-1\n        type: lagging\n' +
        '  - id: OBJ-untyped\n    key-results:\n      - id: KR-3\n      - id: KR-4\n        type: sideways\n  - id: OBJ-none\n' +
        'metrics:\n  - id: KR-2\n    objective: OBJ-mixed\n    type: leading\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('looks only at typed metrics: one lagging metric among untyped ones is enough to fire', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    key-results:\n      - id: KR-1\n        type: lagging\n      - id: KR-2\n' };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['OBJ-a']);
  });

  it("looks only at the objective's own metrics, not those of its child objectives", () => {
    const files = {
      'plan.strategy.yaml':
        'objectives:\n  - id: PARENT\n    key-results:\n      - id: KR-1\n        type: lagging\n' +
        '  - id: CHILD\n    parent: PARENT\n    key-results:\n      - id: KR-2\n        type: leading\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['PARENT', 'CHILD']);
  });

  it('leaves dropped objectives alone', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    status: dropped\n    key-results:\n      - id: KR-1\n        type: lagging\n' };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('is silenced by suppression comments', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  # strategy-lint-disable-next-line metric-balance\n  - id: OBJ-a\n    key-results:\n      - id: KR-1\n        type: lagging\n',
      'goals.md': '<!-- strategy-lint-disable-next-line -->\n## Objective: Quiet\n### KR: K\n- Type: leading\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('follows the configured severity and can be turned off', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    key-results:\n      - id: KR-1\n        type: lagging\n' };
    assert.equal(findingsOf(RULE, files, { rules: { [RULE]: 'warning' } })[0]!.severity, 'warning');
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: 'off' } }), []);
  });
});
