import { strict as assert } from 'node:assert';
import { TrackedWorkspace } from '../helpers/incremental.js';

/**
 * The execution-health rules look across files (a period's objectives, a key result's objective,
 * a dependency's dates). Each edit below changes findings in a file other than the edited one;
 * TrackedWorkspace asserts the engine re-checked it and agrees with a fresh engine.
 */
describe('incremental re-checking: execution health', () => {
  const objective = (id: string, priority: string, perspective: string) => `objectives:\n  - id: ${id}\n    period: 2027-Q1\n    priority: ${priority}\n    perspective: ${perspective}\n`;

  it('an initiative\'s effort in one file re-checks allocation at another objective of the period', () => {
    const ws = new TrackedWorkspace({
      'top.strategy.yaml': objective('OBJ-top', 'P0', 'customer'),
      'side.strategy.yaml': objective('OBJ-side', 'P2', 'financial'),
      'top-work.md': '## Initiative: Top work\n- Objective: OBJ-top\n- Effort: 5\n',
      'side-work.md': '## Initiative: Side work\n- Objective: OBJ-side\n- Effort: 3\n',
    });
    const more = ws.edit('side-work.md', '## Initiative: Side work\n- Objective: OBJ-side\n- Effort: 8\n');
    assert.ok(more.changed.has('side.strategy.yaml'));
    const less = ws.edit('top-work.md', '## Initiative: Top work\n- Objective: OBJ-top\n- Effort: 9\n');
    assert.ok(less.changed.has('side.strategy.yaml'), 'raising the P0 effort clears the P2 finding');
    const priority = ws.edit('top.strategy.yaml', objective('OBJ-top', 'P3', 'customer'));
    assert.ok(priority.changed.has('top.strategy.yaml'));
    // A line above the higher priority's `priority` moves the place the lower one's finding points to,
    // with no effort or priority changed: the finding (compared with a fresh engine) follows it.
    ws.edit('top.strategy.yaml', objective('OBJ-top', 'P0', 'customer'));
    ws.edit('side-work.md', '## Initiative: Side work\n- Objective: OBJ-side\n- Effort: 12\n');
    const moved = ws.edit('top.strategy.yaml', objective('OBJ-top', 'P0', 'customer').replace('    period:', '    description: Now with a longer description\n    period:'));
    assert.ok(!moved.changed.has('side.strategy.yaml'), 'the finding names the objective, not a place in its file');
  });

  it('effort rolled up through a child objective in a third file re-checks the parent\'s period', () => {
    const ws = new TrackedWorkspace({
      'a.strategy.yaml': objective('OBJ-a', 'P0', 'customer') + '    initiatives:\n      - { id: IA, effort: 2 }\n',
      'b.strategy.yaml': objective('OBJ-b', 'P1', 'financial'),
      'child.md': '## Objective: Child\n- id: CHILD\n- Parent: OBJ-b\n',
    });
    const work = ws.edit('work.md', '## Initiative: Child work\n- Objective: CHILD\n- Effort: 6\n');
    assert.ok(work.changed.has('b.strategy.yaml'));
  });

  it('a perspective or a metric type in one file re-checks the period\'s first objective elsewhere', () => {
    const files: Record<string, string> = {};
    ['customer', 'customer', 'financial', 'internal'].forEach((p, i) => (files[`o${i}.strategy.yaml`] = objective(`OBJ-${i}`, 'P1', p)));
    files['krs.strategy.yaml'] = 'metrics:\n  - { id: K1, objective: OBJ-2, type: lagging }\n  - { id: K2, objective: OBJ-3, type: leading }\n';
    const ws = new TrackedWorkspace(files);
    const learning = ws.edit('o3.strategy.yaml', objective('OBJ-3', 'P1', 'learning'));
    assert.ok(learning.changed.has('o0.strategy.yaml'), 'internal is empty now');
    const lagging = ws.edit('krs.strategy.yaml', 'metrics:\n  - { id: K1, objective: OBJ-2, type: lagging }\n  - { id: K2, objective: OBJ-3, type: lagging }\n');
    assert.ok(lagging.changed.has('o0.strategy.yaml'), 'only lagging metrics now');
  });

  it('an objective\'s period and a key result\'s numbers in other files re-check pace and stated health', () => {
    const ws = new TrackedWorkspace(
      {
        'goal.md': '## Objective: Grow\n- id: OBJ\n- Period: 2027-Q1\n- Health: on-track\n',
        'krs.strategy.yaml': 'metrics:\n  - { id: KR, objective: OBJ, baseline: 0, target: 100, current: 45 }\n',
      },
      { today: '2027-02-15' },
    );
    const behind = ws.edit('krs.strategy.yaml', 'metrics:\n  - { id: KR, objective: OBJ, baseline: 0, target: 100, current: 10 }\n');
    assert.ok(behind.changed.has('goal.md'), 'stale-update: on-track contradicted');
    const later = ws.edit('goal.md', '## Objective: Grow\n- id: OBJ\n- Period: 2027-Q2\n- Health: on-track\n');
    assert.ok(later.changed.has('krs.strategy.yaml'), 'metric-pace: a later window');
  });

  it('a parent objective\'s period re-checks the key results of its period-less child, two files away', () => {
    const ws = new TrackedWorkspace(
      {
        'parent.md': '## Objective: Parent\n- id: P\n- Period: 2027-Q1\n',
        'child.md': '## Objective: Child\n- id: C\n- Parent: P\n',
        'krs.strategy.yaml': 'metrics:\n  - { id: KR, objective: C, baseline: 0, target: 100, current: 10 }\n',
      },
      { today: '2027-02-15' },
    );
    const later = ws.edit('parent.md', '## Objective: Parent\n- id: P\n- Period: 2027-Q2\n');
    assert.ok(later.changed.has('krs.strategy.yaml'));
  });

  it('a dependency\'s due date or status in another file re-checks the dependent', () => {
    const ws = new TrackedWorkspace({
      'api.md': '## Initiative: API\n- id: API\n- Due: 2027-03-01\n',
      'app.strategy.yaml': 'initiatives:\n  - { id: APP, start: 2027-03-01, depends-on: API, status: in-progress }\n',
    });
    const late = ws.edit('api.md', '## Initiative: API\n- id: API\n- Due: 2027-03-20\n');
    assert.ok(late.changed.has('app.strategy.yaml'));
    const dropped = ws.edit('api.md', '## Initiative: API\n- id: API\n- Status: dropped\n');
    assert.ok(dropped.changed.has('app.strategy.yaml'));
  });

  it('a key result added elsewhere re-checks kr-count at its objective', () => {
    const ws = new TrackedWorkspace({ 'goal.md': '## Objective: Parent\n- id: P\n\n## Objective: Child\n- id: C\n- Parent: P\n' });
    const child = ws.edit('kr.strategy.yaml', 'metrics:\n  - { id: K, objective: C, baseline: 0, target: 1 }\n');
    assert.ok(child.changed.has('goal.md'));
  });
});
