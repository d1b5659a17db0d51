import { strict as assert } from 'node:assert';
import { applyFix, findingsOf } from '../helpers/workspace.js';

const RULE = 'metric-target';

describe('rule metric-target', () => {
  it('reports a YAML metric without target at its id, naming what is missing', () => {
    const files = { 'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: Activation\n    baseline: 22\n' };
    const found = findingsOf(RULE, files);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.text, 'KR-a');
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.message, /^Metric 'KR-a' has no `target`: .* Add `target: <number>`\.$/);
  });

  it('reports one finding when both are missing; the suggestion takes the baseline from current and never invents a target', () => {
    const files = { 'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: Activation\n    current: 30\n' };
    const [found, ...rest] = findingsOf(RULE, files);
    assert.equal(rest.length, 0);
    assert.match(found!.message, /has neither `baseline` nor `target`/);
    assert.deepEqual(found!.finding.fixes!.map((f) => [f.title, f.safe, f.preferred]), [['Insert baseline: 30, target: TBD (then write the target)', false, false]]);
    const fixed = applyFix(files, found!.finding);
    assert.equal(fixed['plan.strategy.yaml'], 'metrics:\n  - id: KR-a\n    title: Activation\n    current: 30\n    baseline: 30\n    target: TBD\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
    assert.deepEqual(findingsOf('invalid-value', fixed), []);
    assert.deepEqual(findingsOf('placeholder-value', fixed).map((f) => f.text), ['TBD'], 'the target still to write is reported, not silenced');
  });

  it('never writes the baseline as the target: a missing target is inserted as TBD and the fix is not preferred', () => {
    const withBaseline = { 'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: A\n    baseline: 22\n' };
    const [fix] = findingsOf(RULE, withBaseline)[0]!.finding.fixes!;
    assert.equal(fix!.title, 'Insert target: TBD (then write the target)');
    assert.equal(fix!.preferred, false);
    const nothing = { 'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: A\n' };
    assert.equal(findingsOf(RULE, nothing)[0]!.finding.fixes![0]!.title, 'Insert baseline: TBD, target: TBD (then write the baseline and target)');
    const onlyBaseline = { 'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: A\n    target: 40\n    current: 12\n' };
    const [baselineFix] = findingsOf(RULE, onlyBaseline)[0]!.finding.fixes!;
    assert.equal(baselineFix!.title, 'Insert baseline: 12');
    assert.equal(baselineFix!.preferred, undefined, 'a known baseline is a fine quick fix');
  });

  it('reports a heading key result at its heading and inserts into its field list', () => {
    const files = { 'doc.md': '## Objective: Grow\n\n### Key Result: Activation\n- Target: 35\n\nWhy it matters.\n' };
    const [found] = findingsOf(RULE, files);
    assert.equal(found!.text, '### Key Result: Activation');
    const fixed = applyFix(files, found!.finding);
    assert.equal(fixed['doc.md'], '## Objective: Grow\n\n### Key Result: Activation\n- Target: 35\n- Baseline: TBD\n\nWhy it matters.\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
  });

  it('inserts into a heading without a field list, keeping the paragraph apart', () => {
    const files = { 'doc.md': '## KR: Activation\nWhy it matters.\n' };
    const fixed = applyFix(files, findingsOf(RULE, files)[0]!.finding);
    assert.equal(fixed['doc.md'], '## KR: Activation\n- Baseline: TBD\n- Target: TBD\n\nWhy it matters.\n');
    assert.deepEqual(findingsOf(RULE, fixed), []);
  });

  it('reports front matter at its kind value and inserts before the closing fence', () => {
    const files = { 'kr.md': '---\nkind: key-result\nbaseline: 1\n---\n# Activation\n' };
    const [found] = findingsOf(RULE, files);
    assert.equal(found!.text, 'key-result');
    const fixed = applyFix(files, found!.finding);
    assert.equal(fixed['kr.md'], '---\nkind: key-result\nbaseline: 1\ntarget: TBD\n---\n# Activation\n');
  });

  it('does not fire when both keys are present, even as placeholders (placeholder-value reports those)', () => {
    const files = {
      'plan.strategy.yaml': 'metrics:\n  - id: KR-a\n    title: A\n    baseline: 0\n    target: "35"\n  - id: KR-b\n    title: B\n    baseline: 1\n    target: TBD\n',
      'doc.md': '## Key Result: Activation\n- Baseline: 22\n- Target: 35\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('is silenced by a suppression comment', () => {
    const files = {
      'doc.md': '<!-- strategy-lint-disable-next-line metric-target -->\n## Key Result: Activation\n',
      'plan.strategy.yaml': 'metrics:\n  # strategy-lint-disable-next-line metric-target\n  - id: KR-a\n    title: A\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
