import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'focus-limit';

/** `count` YAML objectives `O1..On` in `period`, with extra lines appended to each. */
function objectives(count: number, period: string, extra = ''): string {
  let text = 'objectives:\n';
  for (let i = 1; i <= count; i++) text += `  - id: O${i}\n    title: Objective ${i}\n    period: ${period}\n${extra}`;
  return text;
}

describe('rule focus-limit', () => {
  it('reports each of six active top-level objectives in one period at its anchor', () => {
    const files = { 'plan.strategy.yaml': objectives(6, '2027-H1') };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['O1', 'O2', 'O3', 'O4', 'O5', 'O6']);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.message, /6 active top-level objectives in period 2027-H1, more than the limit of 5/);
  });

  it('allows five', () => {
    assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': objectives(5, '2027-H1') }), []);
  });

  it('groups by normalised period across YAML, front matter and heading forms (FY27 = FY2027, 2027 = "2027")', () => {
    const files = {
      'plan.strategy.yaml': objectives(3, 'FY27'),
      'fm.md': '---\nkind: objective\nperiod: fy2027\n---\n# Front matter objective\n',
      'goals.md': '## Objective: Heading one\n- Period: FY2027\n\n## Objective: Heading two\n- Period: FY27\n',
      'calendar.strategy.yaml': 'objectives:\n  - id: Y1\n    period: 2027\n  - id: Y2\n    period: "2027"\n',
    };
    const found = findingsOf(RULE, files, { fiscalYearStart: 4 });
    assert.deepEqual(found.map((f) => f.file).sort(), ['fm.md', 'goals.md', 'goals.md', 'plan.strategy.yaml', 'plan.strategy.yaml', 'plan.strategy.yaml']);
    assert.match(found[0]!.message, /in period FY2027/);
  });

  it('does not let a year absorb its halves or quarters, nor a fiscal year the calendar year', () => {
    const files = {
      'a.strategy.yaml': objectives(3, '2027'),
      'b.strategy.yaml': objectives(3, '2027-H1').replace(/O(\d)/g, 'H$1'),
      'c.strategy.yaml': objectives(3, '2027-Q1').replace(/O(\d)/g, 'Q$1'),
      'd.strategy.yaml': objectives(3, 'FY2027').replace(/O(\d)/g, 'F$1'),
    };
    assert.deepEqual(findingsOf(RULE, files, { fiscalYearStart: 1 }), []);
  });

  it('counts only active, top-level objectives with a valid period', () => {
    const files = {
      'plan.strategy.yaml': objectives(5, '2027'),
      'more.strategy.yaml':
        'objectives:\n  - id: DONE\n    period: 2027\n    status: achieved\n  - id: GONE\n    period: 2027\n    status: dropped\n' +
        '  - id: CHILD\n    period: 2027\n    parent: O1\n  - id: NOPERIOD\n  - id: BAD\n    period: 2027-H3\n',
      'goals.md': '## Objective: Child too\n- Period: 2027\n- Parent: [[O2]]\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('takes `max` from the configuration', () => {
    const files = { 'plan.strategy.yaml': objectives(3, '2027-Q2') };
    const found = findingsOf(RULE, files, { rules: { [RULE]: ['error', { max: 2 }] } });
    assert.deepEqual(found.map((f) => [f.text, f.severity]), [['O1', 'error'], ['O2', 'error'], ['O3', 'error']]);
    assert.match(found[0]!.message, /limit of 2/);
    assert.deepEqual(findingsOf(RULE, files, { rules: { [RULE]: ['warning', { max: 3 }] } }), []);
  });

  it('declares its option in meta', async () => {
    const { rule } = await import('../../server/src/rules/focus-limit.js');
    assert.deepEqual(rule.meta.defaultOptions, { max: 5 });
    assert.ok((rule.meta.optionsSchema as { properties: Record<string, unknown> }).properties.max);
  });

  it('is silenced per objective by suppression comments, leaving the others', () => {
    const files = {
      'plan.strategy.yaml': objectives(2, '2027').replace('  - id: O1', '  # strategy-lint-disable-next-line focus-limit\n  - id: O1'),
      'goals.md': '<!-- strategy-lint-disable-next-line focus-limit -->\n## Objective: Quiet\n- Period: 2027\n',
    };
    const found = findingsOf(RULE, files, { rules: { [RULE]: ['warning', { max: 2 }] } });
    assert.deepEqual(found.map((f) => f.text), ['O2']);
    assert.match(found[0]!.message, /^3 active/);
  });

  it('can be turned off', () => {
    assert.deepEqual(findingsOf(RULE, { 'plan.strategy.yaml': objectives(6, '2027') }, { rules: { [RULE]: 'off' } }), []);
  });
});
