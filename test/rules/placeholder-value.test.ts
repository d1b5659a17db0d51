import { strict as assert } from 'node:assert';
import { findingsOf } from '../helpers/workspace.js';

const RULE = 'placeholder-value';

describe('rule placeholder-value', () => {
  it('reports a placeholder in an optional YAML field at the placeholder, saying what belongs there', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: Grow\n    period: TBD\n    perspective: n/a\n' };
    const found = findingsOf(RULE, files);
    assert.deepEqual(found.map((f) => f.text), ['TBD', 'n/a']);
    assert.equal(found[0]!.severity, 'warning');
    assert.match(found[0]!.message, /`period` of objective 'OBJ-a' is 'TBD', a placeholder, not a value: write the period \(e\.g\. 2027-H1/);
    assert.match(found[1]!.message, /choose one of financial, customer, internal, learning/);
    assert.equal(found[0]!.finding.fixes, undefined);
  });

  it('recognises every placeholder of §3 in any case, in YAML, front matter and Markdown', () => {
    const words = ['TBD', 'tbc', 'ToDo', '"?"', 'N/A', 'None', '"-"'];
    const yaml = `metrics:\n${words.map((w, i) => `  - id: KR-${i}\n    title: K\n    baseline: 1\n    target: ${w}\n`).join('')}`;
    assert.equal(findingsOf(RULE, { 'plan.strategy.yaml': yaml }).length, words.length);
    assert.deepEqual(findingsOf(RULE, { 'kr.md': '---\nkind: metric\nbaseline: 1\ntarget: tbd\n---\n# K\n' }).map((f) => f.text), ['tbd']);
    assert.deepEqual(findingsOf(RULE, { 'doc.md': '## Key Result: Activation\n- Target: ?\n- Unit: -\n' }).map((f) => f.text), ['?', '-']);
  });

  it('reports empty values at their key, as written in each form', () => {
    const found = findingsOf(RULE, {
      'plan.strategy.yaml': 'owners:\n  - id: maria\n    team:\n    name: ""\n',
      'doc.md': '## Objective: Grow\n- Period:\n',
    });
    assert.deepEqual(found.map((f) => [f.file, f.text]), [['plan.strategy.yaml', 'team'], ['plan.strategy.yaml', '""'], ['doc.md', 'Period']]);
    assert.match(found[0]!.message, /`team` of owner '@maria' is empty/);
  });

  it('leaves a blank required link to its own rule (§10.1), but reports a placeholder beside a real link', () => {
    const files = {
      'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    title: A\n    owner: TBD\n    objective: "?"\n    metrics: [KR-a, TBD]\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['TBD']);
    assert.equal(findingsOf(RULE, files)[0]!.line, 6);
    assert.deepEqual(findingsOf('initiative-owner', files).map((f) => f.text), ['TBD']);
  });

  it('leaves a PRD with neither link to prd-link, but reports a placeholder objective beside a real initiative', () => {
    assert.deepEqual(findingsOf(RULE, { 'prd.md': '---\nkind: prd\ninitiative: TBD\nobjective: TBD\n---\n# P\n' }), []);
    assert.deepEqual(findingsOf(RULE, { 'prd.md': '---\nkind: prd\ninitiative: INIT-a\nobjective: TBD\n---\n# P\n' }).map((f) => f.text), ['TBD']);
  });

  it('leaves blank ids and titles to invalid-value, and unknown fields to unknown-field', () => {
    const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: TBD\n    notes: TBD\n' };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('reports placeholders inside milestones', () => {
    const files = { 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    milestones:\n      - {title: Beta, due: TBD}\n' };
    const [found] = findingsOf(RULE, files);
    assert.equal(found!.text, 'TBD');
    assert.match(found!.message, /Milestone `due` of initiative 'INIT-a' is 'TBD'/);
  });

  it('does not fire for real values, or for an explicitly empty list', () => {
    const files = {
      'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: Grow\n    period: 2027-H1\n    description: Nothing TBD here\ninitiatives:\n  - id: INIT-a\n    depends-on: []\n',
      'doc.md': '## Objective: Grow\n- Period: 2027\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it('is silenced by a suppression comment', () => {
    const files = {
      'doc.md': '## Objective: Grow\n<!-- strategy-lint-disable-next-line placeholder-value -->\n- Period: TBD\n',
      'plan.strategy.yaml': 'objectives:\n  - id: O\n    title: T\n    # strategy-lint-disable-next-line placeholder-value\n    period: TBD\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });
});
