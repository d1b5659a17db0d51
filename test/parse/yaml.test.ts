import { strict as assert } from 'node:assert';
import { parseFile } from '../../server/src/parse/parseFile.js';

const parse = (text: string) => parseFile('/ws/plan.strategy.yaml', text);

describe('YAML strategy files', () => {
  it('reads every top-level list, and nested key results and initiatives linked to their objective', () => {
    const text = [
      'owners:',
      '  - id: "@maria"',
      'objectives:',
      '  - id: OBJ-a',
      '    title: A',
      '    key-results:',
      '      - id: KR-a',
      '    initiatives:',
      '      - id: INIT-a',
      '        metrics: [KR-a]',
      '      - id: INIT-b',
      '        objective: OBJ-other',
      'metrics:',
      '  - id: M-1',
      'key-results:',
      '  - id: KR-2',
      'prds:',
      '  - id: PRD-1',
      '',
    ].join('\n');
    const file = parse(text);
    assert.deepEqual(file.entities.map((e) => [e.kind, e.id]), [
      ['owner', 'maria'], ['objective', 'OBJ-a'], ['metric', 'KR-a'], ['initiative', 'INIT-a'], ['initiative', 'INIT-b'], ['metric', 'M-1'], ['metric', 'KR-2'], ['prd', 'PRD-1'],
    ]);
    const initA = file.entities[3]!;
    assert.deepEqual(initA.refs.map((r) => [r.field, r.form, r.id]), [['metrics', 'id', 'KR-a'], ['objective', 'implicit', 'OBJ-a']]);
    assert.deepEqual(file.entities[4]!.refs.map((r) => [r.field, r.form, r.id]), [['objective', 'id', 'OBJ-other']]);
    assert.equal(file.entities[0]!.enclosing, undefined);
  });

  it('reads a single entity declared with kind:', () => {
    const file = parse('kind: initiative\nid: INIT-x\ntitle: X\nobjective: OBJ-a\n');
    assert.deepEqual(file.entities.map((e) => [e.kind, e.id, e.title]), [['initiative', 'INIT-x', 'X']]);
  });

  it('anchors an entity at its id value, or its first key when it has none', () => {
    const text = 'initiatives:\n  - id: INIT-a\n  - title: No id\n';
    const [a, b] = parse(text).entities;
    assert.equal(text.slice(a!.anchor.start, a!.anchor.end), 'INIT-a');
    assert.equal(text.slice(b!.anchor.start, b!.anchor.end), 'title');
  });

  it('uses YAML 1.2 core types: off and yes are strings, 2027 is a number', () => {
    const [objective] = parse('objectives:\n  - id: A\n    period: 2027\n    status: off\n').entities;
    const value = (k: string) => (objective!.fields.find((f) => f.key === k)!.value as { value: unknown }).value;
    assert.equal(value('period'), 2027);
    assert.equal(value('status'), 'off');
  });

  it('reports a value starting with @ as a syntax note with a safe quoting fix, and still indexes the entity', () => {
    const text = 'initiatives:\n  - id: INIT-a\n    owner: @maria # lead\n';
    const file = parse(text);
    assert.equal(file.notes.length, 1);
    const [note] = file.notes;
    assert.equal(text.slice(note!.span.start, note!.span.end), '@maria');
    const edit = note!.fixes![0]!.edits[0]!;
    assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), 'initiatives:\n  - id: INIT-a\n    owner: "@maria" # lead\n');
    assert.equal(file.entities[0]!.id, 'INIT-a');
  });

  it('reports an unknown kind, an unknown top-level list and a misspelt one', () => {
    assert.deepEqual(parse('kind: okr\nid: A\n').notes.map((n) => n.ruleId), ['invalid-value']);
    assert.deepEqual(parse('goals:\n  - id: A\n').notes.map((n) => n.ruleId), ['invalid-value']);
    const misspelt = parse('initiatves:\n  - id: A\n').notes;
    assert.deepEqual(misspelt.map((n) => [n.ruleId, n.fixes?.[0]?.edits[0]?.newText]), [['unknown-field', 'initiatives']]);
  });

  it('always takes part, even when empty', () => {
    const file = parse('');
    assert.equal(file.participates, true);
    assert.deepEqual(file.notes, []);
  });
});
