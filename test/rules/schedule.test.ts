import { strict as assert } from 'node:assert';
import { applyFix, findingsOf, ROOT } from '../helpers/workspace.js';

const RULE = 'schedule';
/** Far from `today` (2027-02-01 in the test workspace) so that only the check under test fires. */
const initiative = (...lines: string[]) => ({
  'plan.strategy.yaml': ['initiatives:', '  - id: INIT-a', '    title: A', ...lines.map((l) => `    ${l}`)].join('\n') + '\n',
});

describe('rule schedule', () => {
  describe('due before start', () => {
    it('reports the due value and swaps the dates safely, each keeping its own quoting', () => {
      const files = initiative('start: "2027-09-01"', 'due: 2027-06-30');
      const [found, ...rest] = findingsOf(RULE, files);
      assert.equal(rest.length, 0);
      assert.equal(found!.text, '2027-06-30');
      assert.equal(found!.severity, 'warning');
      assert.match(found!.message, /is due 2027-06-30, before it starts \(2027-09-01\)/);
      assert.deepEqual(found!.finding.related!.map((r) => r.message), ['start: 2027-09-01']);
      assert.deepEqual(found!.finding.fixes!.map((f) => [f.title, f.safe]), [['Swap start and due (start 2027-06-30, due 2027-09-01)', true]]);
      const fixed = applyFix(files, found!.finding);
      assert.equal(fixed['plan.strategy.yaml'], 'initiatives:\n  - id: INIT-a\n    title: A\n    start: "2027-06-30"\n    due: 2027-09-01\n');
      assert.deepEqual(findingsOf(RULE, fixed), []);
    });

    it('swaps dates in a Markdown heading entity and in front matter', () => {
      const heading = { 'doc.md': '## Initiative: Checkout\n- Start: 2027-09-01\n- Due: 2027-06-30\n' };
      const fixedHeading = applyFix(heading, findingsOf(RULE, heading)[0]!.finding);
      assert.equal(fixedHeading['doc.md'], '## Initiative: Checkout\n- Start: 2027-06-30\n- Due: 2027-09-01\n');
      const front = { 'init.md': "---\nkind: initiative\ndue: '2027-06-30'\nstart: 2027-09-01\n---\n# Checkout\n" };
      const fixedFront = applyFix(front, findingsOf(RULE, front)[0]!.finding);
      assert.equal(fixedFront['init.md'], "---\nkind: initiative\ndue: '2027-09-01'\nstart: 2027-06-30\n---\n# Checkout\n");
      assert.deepEqual(findingsOf(RULE, fixedFront), []);
    });

    it('skips invalid dates (invalid-value reports them) and equal dates', () => {
      assert.deepEqual(findingsOf(RULE, initiative('start: 2027-09-31', 'due: 2027-06-30')), []);
      assert.deepEqual(findingsOf(RULE, initiative('start: 2027-06-30', 'due: 2027-06-30')), []);
    });
  });

  describe('past due', () => {
    it('reports an active initiative past its due date, saying how late it is', () => {
      const [found] = findingsOf(RULE, initiative('status: in-progress', 'due: 2027-01-15'));
      assert.equal(found!.text, '2027-01-15');
      assert.equal(
        found!.message,
        "Initiative 'INIT-a' is in-progress but was due 2027-01-15, 17 days ago (today is 2027-02-01). Mark it done, or re-plan it with a new `due` date.",
      );
      assert.match(findingsOf(RULE, initiative('due: 2027-01-31'))[0]!.message, /is planned but was due 2027-01-31, 1 day ago/);
    });

    it('uses the configured today', () => {
      assert.deepEqual(findingsOf(RULE, initiative('due: 2027-01-15'), { today: '2027-01-15' }), []);
      assert.equal(findingsOf(RULE, initiative('due: 2027-01-15'), { today: '2027-01-16' }).length, 1);
    });

    it('ignores initiatives that are done, dropped or only proposed', () => {
      for (const status of ['done', 'dropped', 'proposed']) assert.deepEqual(findingsOf(RULE, initiative(`status: ${status}`, 'due: 2026-12-01')), [], status);
    });

    it('suggests marking it done: replacing the status, or inserting one', () => {
      const withStatus = initiative('status: blocked', 'due: 2027-01-15');
      const [a] = findingsOf(RULE, withStatus);
      assert.deepEqual(a!.finding.fixes!.map((f) => [f.title, f.safe]), [['Mark as done (status: done)', false]]);
      const fixed = applyFix(withStatus, a!.finding);
      assert.match(fixed['plan.strategy.yaml']!, /status: done\n/);
      assert.deepEqual(findingsOf(RULE, fixed), []);
      const heading = { 'doc.md': '## Initiative: Checkout\n- Due: 2027-01-15\n' };
      assert.equal(applyFix(heading, findingsOf(RULE, heading)[0]!.finding)['doc.md'], '## Initiative: Checkout\n- Due: 2027-01-15\n- Status: done\n');
      // An empty `status:` has no value to replace, and a second `status` key would be a duplicate.
      assert.equal(findingsOf(RULE, initiative('status:', 'due: 2027-01-15'))[0]!.finding.fixes, undefined);
    });
  });

  describe("due after the objective's period", () => {
    const nested = (period: string, due: string) => ({
      'plan.strategy.yaml': `objectives:\n  - id: OBJ-a\n    title: Grow\n    period: ${period}\n    initiatives:\n      - id: INIT-a\n        title: A\n        due: ${due}\n`,
    });

    it('honours fiscal-year-start: FY27 starting in April ends 2027-03-31', () => {
      const options = { fiscalYearStart: 4, today: '2026-06-01' };
      const [found] = findingsOf(RULE, nested('FY27', '2027-04-01'), options);
      assert.equal(found!.text, '2027-04-01');
      assert.match(found!.message, /after its objective 'OBJ-a' ends \(period FY27 ends 2027-03-31\)/);
      assert.deepEqual(found!.finding.related!.map((r) => [r.file.slice(ROOT.length + 1), r.message]), [['plan.strategy.yaml', "period FY27 of 'OBJ-a' ends 2027-03-31"]]);
      assert.deepEqual(findingsOf(RULE, nested('FY27', '2027-03-31'), options), []);
      assert.deepEqual(findingsOf(RULE, nested('FY27', '2027-04-01'), { today: '2026-06-01' }), [], 'calendar FY27 ends 2027-12-31');
    });

    it('checks halves, quarters and bare years', () => {
      const options = { today: '2026-06-01' };
      assert.equal(findingsOf(RULE, nested('2027-H1', '2027-07-01'), options).length, 1);
      assert.equal(findingsOf(RULE, nested('2027-Q3', '2027-10-01'), options).length, 1);
      assert.deepEqual(findingsOf(RULE, nested('2027-Q3', '2027-09-30'), options), []);
      assert.deepEqual(findingsOf(RULE, nested('2027', '2027-12-31'), options), []);
    });

    it('follows explicit objective links into other files and forms', () => {
      const files = {
        'goals.md': '## Objective: Grow\n- id: OBJ-g\n- Period: 2027-H1\n',
        'doc.md': '## Initiative: Checkout\n- Objective: [[OBJ-g]]\n- Due: 2027-08-15\n',
      };
      const [found] = findingsOf(RULE, files, { today: '2026-06-01' });
      assert.equal(found!.file, 'doc.md');
      assert.equal(found!.finding.related![0]!.file, `${ROOT}/goals.md`);
    });

    it('ignores finished work, objectives without a valid period, and invalid due dates', () => {
      const options = { today: '2026-06-01' };
      const done = { 'plan.strategy.yaml': 'objectives:\n  - id: O\n    title: T\n    period: 2027-H1\n    initiatives:\n      - id: I\n        status: done\n        due: 2027-08-01\n' };
      assert.deepEqual(findingsOf(RULE, done, options), []);
      assert.deepEqual(findingsOf(RULE, nested('someday', '2027-08-01'), options), []);
      assert.deepEqual(findingsOf(RULE, nested('2027-H1', '2027-08-32'), options), []);
    });
  });

  it('leaves milestones to milestone-schedule', () => {
    const files = initiative('start: 2027-03-01', 'due: 2027-06-30', 'milestones:', '  - {title: Beta, due: 2027-07-15}', '  - {title: Kickoff, due: 2027-02-15}');
    assert.deepEqual(findingsOf(RULE, files), []);
    assert.deepEqual(findingsOf('milestone-schedule', files).map((f) => f.text), ['2027-07-15', '2027-02-15']);
  });

  it('is silenced by suppression comments', () => {
    const doc = '## Initiative: Checkout\n- Start: 2027-09-01\n- Due: 2027-01-01\n';
    const yaml = 'initiatives:\n  - id: I\n    due: 2026-01-01\n';
    assert.equal(findingsOf(RULE, { 'doc.md': doc, 'plan.strategy.yaml': yaml }).length, 3);
    const files = {
      'doc.md': `<!-- strategy-lint-disable schedule -->\n${doc}<!-- strategy-lint-enable -->\n`,
      'plan.strategy.yaml': yaml.replace('    due:', '    # strategy-lint-disable-next-line schedule\n    due:'),
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
