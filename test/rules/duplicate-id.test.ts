import { strict as assert } from 'node:assert';
import { findingsOf, ROOT, workspace } from '../helpers/workspace.js';

const RULE = 'duplicate-id';

describe('rule duplicate-id', () => {
  describe('fires', () => {
    it('at every declaration in one YAML file, each pointing to the other', () => {
      const text = 'objectives:\n  - id: OBJ-a\n    title: A\ninitiatives:\n  - id: OBJ-a\n    title: Same\n';
      const found = findingsOf(RULE, { 'plan.strategy.yaml': text });
      assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['OBJ-a', 2, 'error'], ['OBJ-a', 5, 'error']]);
      assert.equal(found[0]!.message, "Id 'OBJ-a' is declared 2 times (also as an initiative in this file): references to it are ambiguous. Rename one of them.");
      assert.equal(found[1]!.message, "Id 'OBJ-a' is declared 2 times (also as an objective in this file): references to it are ambiguous. Rename one of them.");
      const related = found[0]!.finding.related!;
      assert.deepEqual(related.map((r) => [r.file, text.slice(r.span.start, r.span.end), r.message]), [['/ws/plan.strategy.yaml', 'OBJ-a', 'Also declared here, as an initiative.']]);
      assert.equal(found[0]!.finding.fixes, undefined);
    });

    it('across files and forms: YAML, heading with an explicit id, front matter with an explicit id', () => {
      const files = {
        'a.strategy.yaml': 'metrics:\n  - id: KR-x\n    title: X\n',
        'b.md': '## Key Result: Another\n- id: KR-x\n',
        'c.md': '---\nkind: initiative\nid: KR-x\n---\n',
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.file, f.text]), [['a.strategy.yaml', 'KR-x'], ['b.md', 'KR-x'], ['c.md', 'KR-x']]);
      assert.match(found[0]!.message, /declared 3 times \(also as a metric in b\.md, an initiative in c\.md\)/);
      assert.deepEqual(found[0]!.finding.related!.map((r) => r.file), ['/ws/b.md', '/ws/c.md']);
    });

    it('for derived ids (heading slugs, front matter file names), at the heading or kind value, advising an explicit id', () => {
      const files = {
        'q1.md': '## Objective: Grow revenue\n',
        'q2.md': '# Plan\n\n## Objective: Grow revenue\n- Owner: @m\n',
        'checkout.md': '---\nkind: prd\n---\n# Checkout\n',
        'plan.md': '## Initiative: Checkout\n',
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.file, f.text]).sort(), [
        ['checkout.md', 'prd'],
        ['plan.md', '## Initiative: Checkout'],
        ['q1.md', '## Objective: Grow revenue'],
        ['q2.md', '## Objective: Grow revenue'],
      ]);
      assert.match(found.find((f) => f.file === 'q1.md')!.message, /^Id 'grow-revenue' is declared 2 times .*This id comes from the heading: give the entity an explicit `- id: …`/);
      assert.match(found.find((f) => f.file === 'checkout.md')!.message, /This id comes from the file name: add an explicit `id:`/);
      assert.match(found.find((f) => f.file === 'checkout.md')!.finding.related![0]!.message, /as an initiative \(id derived from the heading\)/);
    });

    it('for owners, compared without the @', () => {
      const files = { 'team.strategy.yaml': 'owners:\n  - id: "@maria"\n  - id: maria\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => f.text), ['"@maria"', 'maria']);
      assert.match(found[0]!.message, /^Id '@maria' is declared 2 times/);
    });
  });

  describe('does not fire', () => {
    it('for ids that differ only in case, or entities without an id', () => {
      const files = { 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n  - id: obj-a\n  - title: no id\n  - title: no id either\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('for a heading whose explicit id differs from another heading slug', () => {
      const files = { 'a.md': '## Objective: Grow\n- id: OBJ-grow\n', 'b.md': '## Objective: Grow more\n' };
      assert.deepEqual(findingsOf(RULE, files), []);
    });
  });

  it('is suppressed per declaration: the other declaration is still reported', () => {
    const files = {
      'a.md': '<!-- strategy-lint-disable-next-line duplicate-id -->\n## Objective: Grow\n',
      'b.strategy.yaml': 'objectives:\n  # strategy-lint-disable-next-line\n  - id: grow\n',
      'c.md': '## Objective: Grow\n',
    };
    assert.deepEqual(findingsOf(RULE, files).map((f) => f.file), ['c.md']);
  });

  it('disappears from the other file when one declaration is renamed (incremental re-check)', () => {
    const engine = workspace({ 'a.strategy.yaml': 'objectives:\n  - id: OBJ-a\n', 'b.strategy.yaml': 'objectives:\n  - id: OBJ-a\n' });
    assert.equal(engine.lint(`${ROOT}/b.strategy.yaml`).filter((f) => f.ruleId === RULE).length, 1);
    const affected = engine.update(`${ROOT}/a.strategy.yaml`, 'objectives:\n  - id: OBJ-b\n');
    assert.ok(affected.has(`${ROOT}/b.strategy.yaml`));
    assert.deepEqual(engine.lint(`${ROOT}/b.strategy.yaml`).filter((f) => f.ruleId === RULE), []);
  });

  it('keeps its output linear in the number of declarations: a few places named, "and K more"', () => {
    const plan = (n: number) => `owners:\n${'  - id: "@same"\n'.repeat(n)}`;
    const size = (n: number) => {
      const found = findingsOf('duplicate-id', { 'owners.strategy.yaml': plan(n) });
      assert.equal(found.length, n, 'every declaration is reported');
      return JSON.stringify(found.map((f) => f.finding)).length;
    };
    const [found] = findingsOf('duplicate-id', { 'owners.strategy.yaml': plan(2000) });
    assert.match(found!.message, /^Id '@same' is declared 2000 times \(also as an owner in this file, an owner in this file, an owner in this file, and 1996 more\)/);
    assert.equal(found!.finding.related!.length, 10);
    // Twice the declarations, about twice the output (it was four times: each named all the others).
    const ratio = size(2000) / size(1000);
    assert.ok(ratio < 2.1, `output grew ${ratio.toFixed(2)} times for twice the declarations`);
  });
});
