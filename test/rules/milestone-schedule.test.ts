import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'milestone-schedule';

function initiative(...lines: string[]): Record<string, string> {
  return { 'plan.strategy.yaml': `initiatives:\n  - id: INIT-a\n    title: A\n${lines.map((l) => `    ${l}\n`).join('')}` };
}

describe('rule milestone-schedule', () => {
  it('reports milestones outside the initiative\'s start–due window, at their due', () => {
    const files = initiative('start: 2027-03-01', 'due: 2027-06-30', 'milestones:', '  - {title: Kickoff, due: 2027-02-15, done: true}', '  - {title: Beta, due: 2027-07-15}');
    const found = findingsOf(RULE, files, { today: '2027-01-01' });
    assert.deepEqual(found.map((f) => f.text), ['2027-02-15', '2027-07-15']);
    assert.match(found[0]!.message, /^Milestone 'Kickoff' is due 2027-02-15, before its initiative 'INIT-a' starts \(2027-03-01\)/);
    assert.match(found[1]!.message, /^Milestone 'Beta' is due 2027-07-15, after its initiative 'INIT-a' is due \(2027-06-30\)/);
  });

  it('reports a milestone due before the one listed above it', () => {
    const files = initiative('start: 2027-03-01', 'due: 2027-06-30', 'milestones:', '  - {title: Beta, due: 2027-05-01}', '  - {title: Alpha, due: 2027-04-01}');
    const found = findingsOf(RULE, files, { today: '2027-01-01' });
    assert.deepEqual(found.map((f) => f.text), ['2027-04-01']);
    assert.match(found[0]!.message, /before the milestone listed above it \(2027-05-01\)/);
  });

  it('reports an overdue milestone not done on an active initiative; done, today itself and finished initiatives are fine', () => {
    const files = initiative('status: in-progress', 'milestones:', '  - {title: Beta, due: 2027-01-20}', '  - {title: GA, due: 2027-02-01}', '  - {title: Alpha, due: 2027-01-10, done: true}');
    const found = findingsOf(RULE, files, { today: '2027-02-01' });
    // Alpha is also listed out of order.
    assert.deepEqual(found.map((f) => f.text), ['2027-01-20', '2027-01-10']);
    assert.match(found[0]!.message, /^Milestone 'Beta' of 'INIT-a' was due 2027-01-20, 12 days ago \(today 2027-02-01\), and is not marked `done: true`/);
    const done = initiative('status: done', 'milestones:', '  - {title: Beta, due: 2027-01-20}');
    assert.deepEqual(findingsOf(RULE, done, { today: '2027-02-01' }), []);
  });

  it('says (info) that an active initiative longer than a quarter has no milestone', () => {
    const long = initiative('start: 2027-01-01', 'due: 2027-04-30');
    const found = findingsOf(RULE, long, { today: '2027-01-01' });
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['INIT-a', 'info']]);
    assert.match(found[0]!.message, /runs 119 days \(2027-01-01 to 2027-04-30\), longer than a quarter, with no milestone/);
    // 92 days (the longest quarter) is not longer than a quarter.
    assert.deepEqual(findingsOf(RULE, initiative('start: 2027-07-01', 'due: 2027-10-01'), { today: '2027-01-01' }), []);
    assert.deepEqual(findingsOf(RULE, initiative('status: proposed', 'start: 2027-01-01', 'due: 2027-12-31'), { today: '2027-01-01' }), []);
    assert.deepEqual(findingsOf(RULE, { 'doc.md': '## Initiative: Long\n- Start: 2027-01-01\n- Due: 2027-12-31\n- Milestones: beta in June\n' }), []);
  });
});
