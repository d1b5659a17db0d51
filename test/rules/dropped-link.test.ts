import { strict as assert } from 'node:assert';
import { findingsOf, ROOT, workspace } from '../helpers/workspace.js';

const RULE = 'dropped-link';

describe('rule dropped-link', () => {
  const goals = 'objectives:\n  - id: OBJ-old\n    title: Old\n    status: dropped\n  - id: OBJ-done\n    title: Done\n    status: Achieved\n  - id: OBJ-live\n    title: Live\n';

  describe('fires', () => {
    it('on an active initiative linked to a dropped objective, at the objective value, pointing to its status', () => {
      const files = { 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: INIT-a\n    objective: OBJ-old\n' };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => [f.text, f.line, f.severity]), [['OBJ-old', 3, 'warning']]);
      assert.equal(
        found[0]!.message,
        "Initiative 'INIT-a' is planned but its objective 'OBJ-old' is dropped: the strategy no longer pursues it. Link it to an active objective, or set the initiative's status to `dropped` or `done`.",
      );
      const [related] = found[0]!.finding.related!;
      assert.equal(goals.slice(related!.span.start, related!.span.end), 'dropped');
      assert.equal(found[0]!.finding.fixes, undefined);
    });

    it('for achieved objectives and every active status (in-progress, blocked, an invalid status counting as planned)', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml':
          'initiatives:\n  - id: I1\n    objective: OBJ-done\n    status: in-progress\n  - id: I2\n    objective: OBJ-old\n    status: blocked\n  - id: I3\n    objective: OBJ-old\n    status: doing\n',
      };
      const found = findingsOf(RULE, files);
      assert.deepEqual(found.map((f) => f.text), ['OBJ-done', 'OBJ-old', 'OBJ-old']);
      assert.match(found[0]!.message, /is in-progress but its objective 'OBJ-done' is achieved: its goal is already reached/);
      assert.match(found[2]!.message, /is planned but/);
    });

    it('through every reference form, in YAML, front matter and headings', () => {
      const files = {
        'goals.md': '## Objective: Legacy checkout\n- id: OBJ-legacy\n- Status: dropped\n',
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: "[[OBJ-legacy]]"\n  - id: I2\n    objective: "[g](goals.md#objective-legacy-checkout)"\n',
        'init.md': '---\nkind: initiative\nobjective: "[g](goals.md)"\n---\n',
        'doc.md': '## Initiative: Port\n- Objective: [g](goals.md#OBJ-LEGACY)\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => [f.file, f.text]).sort(), [
        ['doc.md', '[g](goals.md#OBJ-LEGACY)'],
        ['init.md', '"[g](goals.md)"'],
        ['plan.strategy.yaml', '"[[OBJ-legacy]]"'],
        ['plan.strategy.yaml', '"[g](goals.md#objective-legacy-checkout)"'],
      ]);
    });

    it('for nested initiatives (implicit link), at the initiative anchor', () => {
      const files = {
        'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    status: dropped\n    initiatives:\n      - id: INIT-nested\n',
        'doc.md': '## Objective: Old plan\n- Status: achieved\n\n### Initiative: Still going\n- Status: in-progress\n',
      };
      assert.deepEqual(findingsOf(RULE, files).map((f) => f.text), ['INIT-nested', '### Initiative: Still going']);
    });
  });

  describe('does not fire', () => {
    it('for initiatives that are proposed, done or dropped', () => {
      const files = {
        'goals.strategy.yaml': goals,
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-old\n    status: proposed\n  - id: I2\n    objective: OBJ-old\n    status: done\n  - id: I3\n    objective: OBJ-done\n    status: Dropped\n',
      };
      assert.deepEqual(findingsOf(RULE, files), []);
    });

    it('for active objectives (explicit, default, or an invalid status counting as active), and unresolved links', () => {
      const files = {
        'goals.strategy.yaml': `${goals}  - id: OBJ-weird\n    status: paused\n  - id: OBJ-on\n    status: active\n`,
        'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-live\n  - id: I2\n    objective: OBJ-weird\n  - id: I3\n    objective: OBJ-on\n  - id: I4\n    objective: OBJ-nope\n',
      };
      assert.deepEqual(findingsOf(RULE, files), []);
    });
  });

  it('is suppressed by disable comments', () => {
    const files = {
      'goals.strategy.yaml': goals,
      'plan.strategy.yaml': '# strategy-lint-disable-file dropped-link\ninitiatives:\n  - id: I1\n    objective: OBJ-old\n',
      'doc.md': '## Initiative: Port\n<!-- strategy-lint-disable-next-line dropped-link -->\n- Objective: OBJ-done\n',
    };
    assert.deepEqual(findingsOf(RULE, files), []);
  });

  it("re-checks the initiative's file when the objective's status changes", () => {
    const engine = workspace({ 'goals.strategy.yaml': goals, 'plan.strategy.yaml': 'initiatives:\n  - id: I1\n    objective: OBJ-live\n' });
    const plan = `${ROOT}/plan.strategy.yaml`;
    assert.deepEqual(engine.lint(plan).filter((f) => f.ruleId === RULE), []);
    const affected = engine.update(`${ROOT}/goals.strategy.yaml`, goals.replace('title: Live\n', 'title: Live\n    status: dropped\n'));
    assert.ok(affected.has(plan));
    assert.equal(engine.lint(plan).filter((f) => f.ruleId === RULE).length, 1);
  });
});
