import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'dependency-order';

function initiatives(...items: string[][]): Record<string, string> {
  return { 'plan.strategy.yaml': 'initiatives:\n' + items.map((lines) => lines.map((l, i) => `${i ? '    ' : '  - '}${l}\n`).join('')).join('') };
}

describe('rule dependency-order', () => {
  it('reports a dependency due after the dependent starts, at the depends-on value', () => {
    const files = initiatives(['id: API', 'due: 2027-03-15'], ['id: APP', 'start: 2027-03-01', 'due: 2027-05-01', 'depends-on: [API]']);
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['API', 'warning']]);
    assert.match(found[0]!.message, /^Initiative 'APP' starts 2027-03-01, but 'API', which it depends on, is only due 2027-03-15/);
  });

  it('compares with the dependent\'s due when it has no start; a dependency due the day it starts is fine', () => {
    const noStart = initiatives(['id: API', 'due: 2027-06-01'], ['id: APP', 'due: 2027-05-01', 'depends-on: API']);
    assert.match(findingsOf(RULE, noStart)[0]!.message, /'APP' is due 2027-05-01/);
    const sameDay = initiatives(['id: API', 'due: 2027-03-01'], ['id: APP', 'start: 2027-03-01', 'depends-on: API']);
    assert.deepEqual(findingsOf(RULE, sameDay), []);
  });

  it('reports a dropped dependency of an active initiative, not of a finished one', () => {
    const files = initiatives(['id: API', 'status: dropped'], ['id: APP', 'status: in-progress', 'depends-on: API']);
    assert.match(findingsOf(RULE, files)[0]!.message, /depends on 'API', which was dropped/);
    assert.deepEqual(findingsOf(RULE, initiatives(['id: API', 'status: dropped'], ['id: APP', 'status: done', 'depends-on: API'])), []);
  });

  it('ignores finished dependencies and leaves cycles to parent-cycle', () => {
    assert.deepEqual(findingsOf(RULE, initiatives(['id: API', 'status: done', 'due: 2027-09-01'], ['id: APP', 'start: 2027-03-01', 'depends-on: API'])), []);
    const cycle = initiatives(['id: A', 'due: 2027-02-01', 'start: 2027-01-01', 'depends-on: B'], ['id: B', 'due: 2027-01-15', 'start: 2027-01-10', 'depends-on: A']);
    assert.deepEqual(findingsOf(RULE, cycle), []);
    assert.equal(findingsOf('parent-cycle', cycle).length, 2);
  });

  it('follows dependencies across files and Markdown headings', () => {
    const files = {
      'api.md': '## Initiative: Payments API\n- id: API\n- Due: 2027-04-30\n',
      'plan.strategy.yaml': 'initiatives:\n  - id: APP\n    start: 2027-04-01\n    depends-on: "[[API]]"\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.file), ['plan.strategy.yaml']);
  });
});
