import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'allocation';

/** An objective with a priority and initiatives of the given efforts (and status). */
function objective(id: string, period: string, priority: string, efforts: (number | [number, string])[]): string {
  let text = `  - id: ${id}\n    title: ${id}\n    period: ${period}\n    priority: ${priority}\n    initiatives:\n`;
  efforts.forEach((e, i) => {
    const [effort, status] = Array.isArray(e) ? e : [e, 'planned'];
    text += `      - id: ${id}-I${i}\n        title: Work ${i}\n        status: ${status}\n        effort: ${effort}\n`;
  });
  return text;
}

describe('rule allocation', () => {
  it('reports a lower-priority objective that receives more effort than a higher-priority one, at its priority', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n' + objective('O-top', '2027-Q1', 'P0', [4]) + objective('O-side', '2027-Q1', 'P2', [6, 3]) };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['P2']);
    assert.match(found[0]!.message, /^Objective 'O-side' \(P2\) receives 9 person-weeks of effort in 2027-Q1, more than the higher-priority 'O-top' \(P0, 4 person-weeks\)/);
  });

  it('names the effort unit of the config, and is quiet when effort follows priority', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P1', [2]) + objective('B', '2027-Q1', 'P3', [3]) };
    assert.match(findingsOf(RULE, files, { effortUnit: 'people' })[0]!.message, /3 people of effort/);
    const fine = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P1', [5]) + objective('B', '2027-Q1', 'P3', [3]) };
    assert.deepEqual(findingsOf(RULE, fine), []);
  });

  it('compares only within one period (fiscal periods normalised) and leaves dropped initiatives out', () => {
    const apart = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P0', [1]) + objective('B', '2027-Q2', 'P2', [9]) };
    assert.deepEqual(findingsOf(RULE, apart), []);
    const fiscal = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', 'FY27-Q1', 'P0', [1]) + objective('B', 'fy2027-q1', 'P2', [9]) };
    assert.equal(findingsOf(RULE, fiscal, { fiscalYearStart: 4 }).length, 1);
    const dropped = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P0', [2]) + objective('B', '2027-Q1', 'P2', [[9, 'dropped'], 1]) };
    assert.deepEqual(findingsOf(RULE, dropped), []);
  });

  it('rolls effort up from child objectives', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P0', [5]) + objective('B', '2027-Q1', 'P1', [1]),
      'child.strategy.yaml': 'objectives:\n  - id: B-child\n    parent: B\n    initiatives:\n      - id: BC-1\n        effort: 7\n',
    };
    assert.match(findingsOf(RULE, files)[0]!.message, /'B' \(P1\) receives 8 person-weeks/);
  });

  it('reports a P0 objective whose initiatives are all proposed', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P0', [[3, 'proposed'], [2, 'proposed']]) };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['P0']);
    assert.match(found[0]!.message, /is P0, yet all 2 of its initiatives are only `proposed`/);
    const started = { 'plan.strategy.yaml': 'objectives:\n' + objective('A', '2027-Q1', 'P0', [[3, 'proposed'], [2, 'in-progress']]) };
    assert.deepEqual(findingsOf(RULE, started), []);
  });

  it('reads priority in any case from Markdown headings', () => {
    const doc = '## Objective: Top\n- id: TOP\n- Period: 2027-Q1\n- Priority: p0\n\n### Initiative: A\n- Effort: 2\n\n## Objective: Low\n- id: LOW\n- Period: 2027-Q1\n- Priority: P3\n\n### Initiative: B\n- Effort: 2.5\n';
    const found = findingsOf(RULE, { 'goals.md': doc });
    assert.deepEqual(found.map((f) => f.text), ['P3']);
  });
});
