import { strict as assert } from 'node:assert';
import { findingsOf, type WorkspaceOptions } from '../helpers/workspace.js';

const RULE = 'metric-pace';

/** One objective in `period` with one key result carrying `fields` (YAML lines, indented for the key result). */
function plan(period: string, ...fields: string[]): Record<string, string> {
  const kr = fields.map((f) => `        ${f}\n`).join('');
  return { 'plan.strategy.yaml': `objectives:\n  - id: OBJ\n    title: Objective\n    period: ${period}\n    key-results:\n      - id: KR\n        title: Key result\n${kr}` };
}

const at = (today: string, extra: WorkspaceOptions = {}): WorkspaceOptions => ({ today, ...extra });

describe('rule metric-pace', () => {
  it('reports a key result well behind the elapsed share of its period, at its current value', () => {
    // 2027-Q1 has 90 days; on 2027-02-15 45 have elapsed (50%); 20 of 0 → 100 is 20%: 30 points behind.
    const found = findingsOf(RULE, plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 20'), at('2027-02-15'));
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['20', 'warning']]);
    assert.match(found[0]!.message, /^Metric 'KR' is at risk: 20% of the way from baseline 0 to target 100 \(current 20\) with 50% of its window elapsed \(today 2027-02-15, window ends 2027-03-31\)/);
  });

  it('is quiet within the threshold, and `behind` moves the threshold', () => {
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 31'), at('2027-02-15')), []);
    const behind = plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 20');
    assert.deepEqual(findingsOf(RULE, behind, at('2027-02-15', { rules: { [RULE]: ['warning', { behind: 0.4 }] } })), []);
    assert.equal(findingsOf(RULE, behind, at('2027-02-15', { rules: { [RULE]: ['warning', { behind: 0.1 }] } })).length, 1);
  });

  it('needs baseline, target and current (no baseline is metric-target\'s)', () => {
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'target: 100', 'current: 0'), at('2027-03-20')), []);
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 0', 'target: 100'), at('2027-04-20')), []);
  });

  it('never reports a key result whose target is already met, even after its period', () => {
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 120'), at('2027-05-01')), []);
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 50', 'target: 50', 'current: 50'), at('2027-05-01')), []);
  });

  it('reads a decrease from baseline → target', () => {
    // 10 → 4: current 9 has come 1/6 of the way with half the quarter gone.
    const found = findingsOf(RULE, plan('2027-Q1', 'baseline: 10', 'target: 4', 'current: 9'), at('2027-02-15'));
    assert.match(found[0]!.message, /17% of the way/);
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 10', 'target: 4', 'current: 6'), at('2027-02-15')), []);
  });

  it('reports a target on the wrong side of the baseline for the stated direction as an error, at the target', () => {
    const up = findingsOf(RULE, plan('2027-Q1', 'direction: increase', 'baseline: 10', 'target: 4', 'current: 9'), at('2027-02-15'));
    assert.deepEqual(up.map((f) => [f.text, f.severity]), [['4', 'error']]);
    assert.match(up[0]!.message, /says `direction: increase` but its target 4 is below its baseline 10/);
    const down = findingsOf(RULE, plan('2027-Q1', 'direction: decrease', 'baseline: 4', 'target: 10'), at('2027-02-15'));
    assert.match(down[0]!.message, /target 10 is above its baseline 4/);
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'direction: decrease', 'baseline: 10', 'target: 4', 'current: 6'), at('2027-02-15')), []);
    // A severity set in the config applies to every finding of the rule.
    assert.equal(findingsOf(RULE, plan('2027-Q1', 'direction: increase', 'baseline: 10', 'target: 4'), at('2027-02-15', { rules: { [RULE]: 'info' } }))[0]!.severity, 'info');
  });

  it('reports a key result past its period short of target as missed, not on the last day itself', () => {
    const files = plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 85');
    const missed = findingsOf(RULE, files, at('2027-04-01'));
    assert.match(missed[0]!.message, /^Metric 'KR' missed its target: its window \(period 2027-Q1 \(ends 2027-03-31\)\) is over at 2027-04-01 and it stands at 85/);
    // On 2027-03-31, 89 of 90 days have elapsed (99%): 85% is 14 points behind, within 20.
    assert.deepEqual(findingsOf(RULE, files, at('2027-03-31')), []);
    // On the period's first day nothing has elapsed.
    assert.deepEqual(findingsOf(RULE, plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 0'), at('2027-01-01')), []);
  });

  it('ends the window at the key result\'s own `due`', () => {
    const files = plan('2027-Q1', 'baseline: 0', 'target: 100', 'current: 50', 'due: 2027-02-01');
    assert.match(findingsOf(RULE, files, at('2027-02-02'))[0]!.message, /its window \(due 2027-02-01\) is over/);
    assert.deepEqual(findingsOf(RULE, files, at('2027-01-16')), []);
  });

  it('honours fiscal-year-start for fiscal periods', () => {
    // With fiscal-year-start 4, FY27-Q1 is 2026-04-01 .. 2026-06-30: on 2026-05-16 half of it is gone.
    const files = plan('FY27-Q1', 'baseline: 0', 'target: 100', 'current: 10');
    assert.equal(findingsOf(RULE, files, at('2026-05-16', { fiscalYearStart: 4 })).length, 1);
    // With a calendar fiscal year FY27-Q1 has not started yet on that day.
    assert.deepEqual(findingsOf(RULE, files, at('2026-05-16', { fiscalYearStart: 1 })), []);
  });

  it('takes the period of the nearest objective above a period-less one', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: TOP\n    period: 2027-Q1\n  - id: CHILD\n    parent: TOP\n    key-results:\n      - { id: KR, baseline: 0, target: 100, current: 10 }\n',
    };
    assert.match(findingsOf(RULE, files, at('2027-02-15'))[0]!.message, /window ends 2027-03-31/);
  });

  it('exempts binary key results', () => {
    const files = plan('2027-Q1', 'value-type: binary', 'current: 0');
    assert.deepEqual(findingsOf(RULE, files, at('2027-05-01')), []);
    assert.deepEqual(findingsOf('metric-target', files, at('2027-05-01')), []);
  });

  it('reads key results written as Markdown headings, and is quiet without a period or due', () => {
    const doc = '## Objective: Grow\n- id: OBJ-grow\n- Period: 2027-Q1\n\n### Key Result: Signups\n- Baseline: 100\n- Target: 200\n- Current: 110\n';
    assert.deepEqual(findingsOf(RULE, { 'goals.md': doc }, at('2027-03-01')).map((f) => f.text), ['110']);
    assert.deepEqual(findingsOf(RULE, { 'goals.md': doc.replace('- Period: 2027-Q1\n', '') }, at('2027-03-01')), []);
  });
});
