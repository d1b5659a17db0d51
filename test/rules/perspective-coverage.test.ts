import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'perspective-coverage';

function objectives(period: string, perspectives: string[], type = 'leading'): string {
  let text = 'objectives:\n';
  perspectives.forEach((p, i) => {
    text += `  - id: O${i + 1}\n    title: Objective ${i + 1}\n    period: ${period}\n${p ? `    perspective: ${p}\n` : ''}    key-results:\n      - { id: K${i + 1}, type: ${i ? 'lagging' : type} }\n`;
  });
  return text;
}

describe('rule perspective-coverage', () => {
  it('reports once per period, at its first objective, the perspectives its objectives leave empty', () => {
    const files = { 'plan.strategy.yaml': objectives('2027-Q1', ['customer', 'customer', 'financial', 'financial']) };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['O1', 'info']]);
    assert.match(found[0]!.message, /^No active top-level objective of period 2027-Q1 takes the internal and learning perspectives \(4 objectives checked\)/);
  });

  it('is quiet when all four are covered, in periods with fewer than `min-objectives`, or where no objective states a perspective', () => {
    assert.deepEqual(findingsOf(RULE, { 'a.strategy.yaml': objectives('2027-Q1', ['customer', 'financial', 'internal', 'learning']) }), []);
    assert.deepEqual(findingsOf(RULE, { 'a.strategy.yaml': objectives('2027-Q1', ['customer', 'financial', 'internal']) }), []);
    assert.deepEqual(findingsOf(RULE, { 'a.strategy.yaml': objectives('2027-Q1', ['', '', '', '']) }), []);
    const three = { 'a.strategy.yaml': objectives('2027-Q1', ['customer', 'financial', 'financial']) };
    assert.match(findingsOf(RULE, three, { rules: { [RULE]: ['info', { 'min-objectives': 3 }] } })[0]!.message, /internal and learning/);
  });

  it('reports a period measured only by lagging metrics', () => {
    const files = { 'plan.strategy.yaml': objectives('2027-Q1', ['customer', 'financial'], 'lagging') };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['O1']);
    assert.match(found[0]!.message, /^Every typed metric of period 2027-Q1 is lagging \(2\)/);
    assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': objectives('2027-Q1', ['customer', 'financial']) }), []);
  });

  it('groups fiscal periods as focus-limit does and counts only active top-level objectives', () => {
    const files = {
      'a.strategy.yaml': objectives('FY27', ['customer', 'customer']),
      'b.strategy.yaml': 'objectives:\n  - { id: P3, period: fy2027, perspective: financial }\n  - { id: P4, period: FY2027, perspective: internal }\n  - { id: GONE, period: FY27, perspective: learning, status: dropped }\n  - { id: CHILD, period: FY27, perspective: learning, parent: P3 }\n',
    };
    const found = findingsOf(RULE, files, { fiscalYearStart: 4 });
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /period FY2027 takes the learning perspective \(4 objectives/);
  });
});
