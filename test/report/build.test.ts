import { strict as assert } from 'node:assert';
import { buildReport } from '../../server/src/report/index.js';
import type { ObjectiveReport } from '../../server/src/report/model.js';
import { ROOT, workspace } from '../helpers/workspace.js';
import { FILES, lineOf, PLAN_MD, PLAN_YAML } from './fixture.js';

function report(files: Record<string, string> = FILES, options: Parameters<typeof workspace>[1] = {}) {
  return buildReport(workspace(files, options), { cwd: ROOT });
}

function shape(o: ObjectiveReport): unknown {
  return { id: o.id, metrics: o.metrics, initiatives: o.initiatives, missing: o.missing, children: o.children.map(shape) };
}

describe('report model', () => {
  it('nests objectives under their parent with the key results and initiatives linked to each', () => {
    assert.deepEqual(report().objectives.map(shape), [
      {
        id: 'OBJ-root',
        metrics: [],
        initiatives: ['INIT-md'],
        missing: [],
        children: [{ id: 'OBJ-child', metrics: ['KR-a'], initiatives: ['INIT-a', 'INIT-b'], missing: [], children: [] }],
      },
      { id: 'OBJ-lonely', metrics: [], initiatives: [], missing: ['initiatives', 'metrics'], children: [] },
      { id: 'OBJ-old', metrics: [], initiatives: [], missing: [], children: [] },
    ]);
  });

  it('lists orphans: initiatives missing an owner, objective or metric, and active objectives nothing executes or measures', () => {
    const { orphans } = report();
    assert.deepEqual(
      orphans.initiatives.map((o) => [o.id, o.missing, o.location]),
      [['INIT-orphan', ['owner', 'objective', 'metric'], { file: 'strategy/plan.strategy.yaml', line: lineOf(PLAN_YAML, 'INIT-orphan') }]],
    );
    assert.deepEqual(
      orphans.objectives.map((o) => [o.id, o.missing]),
      [['OBJ-lonely', ['initiatives', 'metrics']]],
      'a dropped objective is no orphan, and a parent is covered through its child',
    );
  });

  it('computes coverage figures', () => {
    const { coverage } = report();
    assert.deepEqual(coverage.initiativesWithOwner, { count: 3, total: 4, percent: 75 });
    assert.deepEqual(coverage.initiativesWithObjective, { count: 3, total: 4, percent: 75 });
    assert.deepEqual(coverage.initiativesWithMetric, { count: 3, total: 4, percent: 75 });
    assert.deepEqual(coverage.initiativesFullyLinked, { count: 3, total: 4, percent: 75 });
    assert.deepEqual(coverage.activeObjectivesWithInitiatives, { count: 2, total: 3, percent: 67 });
    assert.deepEqual(coverage.activeObjectivesWithMetrics, { count: 2, total: 3, percent: 67 });
    assert.deepEqual(coverage.ownersWithinCapacity, { count: 2, total: 3, percent: 67 });
  });

  it("weighs each owner's active initiatives against its capacity, undeclared owners included", () => {
    const owners = report().owners.map((o) => [o.id, o.declared, o.activeInitiatives, o.capacity, o.overloaded, o.initiatives, o.objectives]);
    assert.deepEqual(owners, [
      ['@maria', true, 2, 1, true, ['INIT-a', 'INIT-b'], ['OBJ-root']],
      ['@sam', true, 0, 3, false, [], []],
      ['@ghost', false, 1, 3, false, ['INIT-md'], []],
    ]);
  });

  it("takes the owner-load rule's capacity option for owners without their own capacity", () => {
    const owners = report(FILES, { rules: { 'owner-load': ['warning', { capacity: 5 }] } }).owners;
    assert.deepEqual(
      owners.map((o) => [o.id, o.capacity]),
      [
        ['@maria', 1],
        ['@sam', 5],
        ['@ghost', 5],
      ],
    );
  });

  it('gives key results their values, progress and the initiatives that move them', () => {
    const [kr] = report().metrics;
    assert.deepEqual(kr, {
      id: 'KR-a',
      title: 'Activation rate',
      type: 'lagging',
      unit: '%',
      baseline: 20,
      current: 25,
      target: 30,
      progress: 50,
      // OBJ-child has no period: the key result is judged over its parent's (2027-H1), 31 of 181 days gone on 2027-02-01.
      pace: { state: 'on-track', progress: 50, elapsed: 17, windowEnd: '2027-06-30' },
      objectives: ['OBJ-child'],
      initiatives: ['INIT-md', 'INIT-a', 'INIT-b'],
      location: { file: 'strategy/plan.strategy.yaml', line: lineOf(PLAN_YAML, 'KR-a') },
    });
  });

  it('gives initiatives their status, owner, links and whether they are overdue (against today)', () => {
    const byId = new Map(report().initiatives.map((i) => [i.id, i]));
    const a = byId.get('INIT-a')!;
    assert.deepEqual([a.status, a.active, a.owner, a.due, a.overdue, a.objectives, a.metrics], ['planned', true, '@maria', '2027-01-15', true, ['OBJ-child'], ['KR-a']]);
    assert.equal(byId.get('INIT-b')!.overdue, false);
    const md = byId.get('INIT-md')!;
    assert.deepEqual([md.title, md.owner, md.location], ['Checkout | <fast> & "safe"', '@ghost', { file: 'docs/plan.md', line: lineOf(PLAN_MD, 'Initiative:') }]);
    assert.equal(report(FILES, { today: '2027-01-01' }).initiatives.find((i) => i.id === 'INIT-a')!.overdue, false);
  });

  it('counts a link that does not resolve, or resolves to the wrong kind, as missing', () => {
    const files = { 'a.strategy.yaml': 'initiatives:\n  - id: I\n    title: I\n    owner: "@x"\n    objective: OBJ-nowhere\n    metrics: [I]\n' };
    assert.deepEqual(report(files).initiatives[0]!.missing, ['objective', 'metric']);
  });

  it('shows each objective of a parent cycle once', () => {
    const files = { 'a.strategy.yaml': 'objectives:\n  - id: A\n    title: A\n    parent: B\n  - id: B\n    title: B\n    parent: A\n' };
    const tree = report(files).objectives;
    assert.deepEqual(tree.map(shape), [{ id: 'A', metrics: [], initiatives: [], missing: ['initiatives', 'metrics'], children: [{ id: 'B', metrics: [], initiatives: [], missing: ['initiatives', 'metrics'], children: [] }] }]);
  });

  it('reports an empty workspace with null percentages', () => {
    const model = report({});
    assert.deepEqual(model.counts, { files: 0, objectives: 0, metrics: 0, initiatives: 0, owners: 0 });
    assert.equal(model.coverage.initiativesWithOwner.percent, null);
  });
});
