import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'kr-count';

function objective(id: string, krs: number, extra = ''): string {
  let text = `  - id: ${id}\n    title: ${id}\n${extra}    key-results:\n`;
  for (let i = 1; i <= krs; i++) text += `      - { id: ${id}-KR${i}, title: KR ${i}, baseline: 0, target: ${i} }\n`;
  return text;
}

describe('rule kr-count', () => {
  it('reports an objective with more key results of its own than 5, at its anchor', () => {
    const found = findingsOf(RULE, { 'plan.strategy.yaml': 'objectives:\n' + objective('OBJ', 6) });
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['OBJ', 'warning']]);
    assert.match(found[0]!.message, /^Objective 'OBJ' has 6 key results of its own, more than the limit of 5/);
    assert.equal(found[0]!.finding.related?.length, 6);
    assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': 'objectives:\n' + objective('OBJ', 5) }), []);
  });

  it('takes `max` from its options and counts binary key results like the others', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n' + objective('OBJ', 2) + 'metrics:\n  - { id: SHIP, objective: OBJ, value-type: binary }\n' };
    assert.match(findingsOf(RULE, files, { rules: { [RULE]: ['warning', { max: 2 }] } })[0]!.message, /has 3 key results/);
  });

  it('reports an objective with no key result of its own while its children have some', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: PARENT\n    title: Parent\n' + objective('CHILD', 1, '    parent: PARENT\n') };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['PARENT']);
    assert.match(found[0]!.message, /has no key result of its own, only those of its child objectives/);
  });

  it('leaves an objective with no metric anywhere to objective-metric, and ignores closed objectives', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: BARE\n    title: Bare\n' + objective('DONE', 7, '    status: achieved\n') };
    assert.deepEqual(findingsOf(RULE, files), []);
    assert.deepEqual(findingsOf('objective-metric', files).map((f) => f.text), ['BARE']);
  });

  it('counts key results linked from Markdown and other files', () => {
    const files = {
      'goals.md': '## Objective: Grow\n- id: OBJ\n\n### KR: One\n### KR: Two\n### KR: Three\n',
      'more.strategy.yaml': 'metrics:\n  - { id: K4, objective: OBJ }\n  - { id: K5, objective: OBJ }\n  - { id: K6, objective: "[[OBJ]]" }\n',
    };
    assert.match(findingsOf(RULE, files)[0]!.message, /has 6 key results/);
  });
});
