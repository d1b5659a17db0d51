import { strict as assert } from 'node:assert';
import { parseFile } from '../../server/src/parse/parseFile.js';
import { lintWorkspace } from '../helpers/workspace.js';

const PLAN = `objectives:
  - id: OBJ-a
    title: A
    key-results:
      - id: KR-a
        title: K
        baseline: 1
        target: 2
owners:
  - id: "@maria"
initiatives:
  - id: INIT-a
    title: First
    objective: &o OBJ-a
    owner: &who "@maria"
    metrics: &m [KR-a]
  - id: INIT-b
    title: Second
    objective: *o
    owner: *who
    metrics: *m
`;

describe('YAML aliases (§10.17)', () => {
  it('an alias used as a field value counts as its anchor\'s value, not as missing', () => {
    const found = lintWorkspace({ 'plan.strategy.yaml': PLAN }).filter((f) => f.file === 'plan.strategy.yaml' && /^initiative-/.test(f.ruleId));
    assert.deepEqual(found.map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('reads the anchored value where its text is written (so a fix edits the anchor)', () => {
    const parsed = parseFile('/ws/plan.strategy.yaml', PLAN);
    const second = parsed.entities.find((e) => e.id === 'INIT-b')!;
    const objective = second.refs.find((r) => r.field === 'objective')!;
    assert.equal(objective.id, 'OBJ-a');
    assert.equal(PLAN.slice(objective.span.start, objective.span.end), 'OBJ-a');
    assert.equal(objective.span.start, PLAN.indexOf('&o OBJ-a') + 3);
    assert.deepEqual(second.refs.filter((r) => r.field === 'metrics').map((r) => r.id), ['KR-a']);
  });

  it('an alias that refers to nothing, or into its own anchor, reads as empty rather than looping', () => {
    const parsed = parseFile('/ws/plan.strategy.yaml', 'initiatives:\n  - id: I\n    metrics: &self [KR-a, *self]\n    owner: *nowhere\n');
    const entity = parsed.entities[0]!;
    assert.deepEqual(entity.refs.filter((r) => r.field === 'metrics').map((r) => r.id), ['KR-a']);
  });

  it('expands an alias bomb ("billion laughs") only up to a budget', () => {
    const levels = ['a: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const text = `initiatives:\n  - id: I\n    ${levels.join('\n    ')}\n    metrics: *a11\n`;
    const parsed = parseFile('/ws/plan.strategy.yaml', text);
    assert.equal(parsed.entities.length, 1);
    assert.ok(parsed.entities[0]!.refs.length < 200_000, 'bounded');
  });
});
