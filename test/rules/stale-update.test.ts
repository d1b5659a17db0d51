import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'stale-update';

function plan(objectiveLines: string[], krLines: string[]): Record<string, string> {
  const o = objectiveLines.map((l) => `    ${l}\n`).join('');
  const k = krLines.map((l) => `        ${l}\n`).join('');
  return { 'plan.strategy.yaml': `objectives:\n  - id: OBJ\n    title: Objective\n    period: 2027-Q1\n${o}    key-results:\n      - id: KR\n        title: Key result\n${k}` };
}

describe('rule stale-update', () => {
  it('reports a key result not updated for more than 14 days and an objective for more than 30, at `updated`', () => {
    const found = findingsOf(RULE, plan(['updated: 2027-01-01'], ['updated: 2027-01-17']), { today: '2027-02-01' });
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['2027-01-01', 'info'], ['2027-01-17', 'info']]);
    assert.match(found[0]!.message, /^Objective 'OBJ' was last updated 2027-01-01, 31 days ago \(today 2027-02-01\); objectives are checked in at least every 30 days/);
    assert.match(found[1]!.message, /^Metric 'KR' was last updated 2027-01-17, 15 days ago .*key results are checked in at least every 14 days/);
  });

  it('is quiet on the last day of the cadence, and without `updated`', () => {
    assert.deepEqual(findingsOf(RULE, plan(['updated: 2027-01-02'], ['updated: 2027-01-18']), { today: '2027-02-01' }), []);
    assert.deepEqual(findingsOf(RULE, plan([], []), { today: '2027-12-01' }), []);
  });

  it('takes the cadences from its options', () => {
    const files = plan(['updated: 2027-01-20'], ['updated: 2027-01-25']);
    const found = findingsOf(RULE, files, { today: '2027-02-01', rules: { [RULE]: ['info', { objectives: 7, 'key-results': 5 }] } });
    assert.equal(found.length, 2);
  });

  it('leaves out objectives that are not active, and their key results', () => {
    const files = plan(['status: achieved', 'updated: 2026-01-01'], ['updated: 2026-01-01']);
    assert.deepEqual(findingsOf(RULE, files, { today: '2027-02-01' }), []);
  });

  it('reports `health: on-track` that the key result\'s pace contradicts', () => {
    // Half of 2027-Q1 gone on 2027-02-15, 10% of the way: metric-pace says at risk.
    const files = plan([], ['baseline: 0', 'target: 100', 'current: 10', 'health: on-track']);
    const found = findingsOf(RULE, files, { today: '2027-02-15' });
    assert.deepEqual(found.map((f) => f.text), ['on-track']);
    assert.match(found[0]!.message, /says `health: on-track`, but its numbers say it is at risk \(10% of the way with 50% of its window gone\)/);
    assert.deepEqual(findingsOf(RULE, plan([], ['baseline: 0', 'target: 100', 'current: 45', 'health: on-track']), { today: '2027-02-15' }), []);
    assert.deepEqual(findingsOf(RULE, plan([], ['baseline: 0', 'target: 100', 'current: 10', 'health: at-risk']), { today: '2027-02-15' }), []);
  });

  it('reports an objective `health: on-track` whose own key result missed, on a decreasing metric past the period', () => {
    const files = plan(['health: on-track'], ['baseline: 10', 'target: 4', 'current: 8']);
    const found = findingsOf(RULE, files, { today: '2027-04-01' });
    assert.deepEqual(found.map((f) => f.text), ['on-track']);
    assert.match(found[0]!.message, /^Objective 'OBJ' says `health: on-track`, but its key result 'KR' is behind pace or missed/);
    // On the period's last day the key result is behind (33% with 99% gone) but not yet missed: still reported.
    assert.equal(findingsOf(RULE, files, { today: '2027-03-31' }).length, 1);
  });

  it('does not judge the health of binary key results by numbers', () => {
    const files = plan(['health: on-track'], ['value-type: binary', 'current: 1', 'health: on-track']);
    assert.deepEqual(findingsOf(RULE, files, { today: '2027-05-01' }), []);
    const notDone = plan([], ['value-type: binary', 'current: 0', 'health: on-track']);
    assert.equal(findingsOf(RULE, notDone, { today: '2027-04-01' }).length, 1, 'past its period and not done: missed');
  });

  it('honours fiscal periods in the pace it compares with', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ\n    period: FY27-Q1\n    key-results:\n      - id: KR\n        baseline: 0\n        target: 10\n        current: 1\n        health: on-track\n' };
    assert.equal(findingsOf(RULE, files, { today: '2026-06-01', fiscalYearStart: 4 }).length, 1);
    assert.deepEqual(findingsOf(RULE, files, { today: '2026-06-01', fiscalYearStart: 1 }), []);
  });
});
