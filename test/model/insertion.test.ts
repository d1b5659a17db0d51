import { strict as assert } from 'node:assert';
import { IndexedEntity } from '../../server/src/model/indexed.js';
import { parseFile } from '../../server/src/parse/parseFile.js';
import { lintWorkspace } from '../helpers/workspace.js';

/**
 * The index keeps an entity's insertion (where a fix adds a field) as an offset of its own and a
 * place shared by the entities that insert alike (model/indexed.ts): what it hands back must be
 * what the parser decided, and a fix must still add the field there.
 */
describe("an indexed entity's insertion", () => {
  const text = 'initiatives:\n  - id: INIT-a\n    title: A\n  - id: INIT-b\n    title: B\n    owner: "@ana"\n';

  it('reads back as the parser wrote it, offset and place, and entities that insert alike share one place', () => {
    const parsed = parseFile('/ws/plan.strategy.yaml', text);
    const [a, b] = parsed.entities as IndexedEntity[];
    assert.deepEqual(a!.insertion, { offset: text.indexOf('\n  - id: INIT-b'), style: 'yaml-block', indent: '    ', eol: '\n' });
    assert.deepEqual(b!.insertion, { offset: text.length - 1, style: 'yaml-block', indent: '    ', eol: '\n' });
    assert.equal(a!.insertionPlace, b!.insertionPlace);
  });

  it('is replaced by assigning a whole one (a read is a copy: changing it changes nothing)', () => {
    const entity = parseFile('/ws/plan.strategy.yaml', text).entities[0] as IndexedEntity;
    const read = entity.insertion;
    read.indent = '        ';
    assert.equal(entity.insertion.indent, '    ');
    entity.insertion = { ...read, offset: 3, suffix: '\n' };
    assert.deepEqual(entity.insertion, { offset: 3, style: 'yaml-block', indent: '        ', eol: '\n', suffix: '\n' });
    assert.deepEqual(entity.toJSON().insertion, entity.insertion);
  });

  it('is where a fix adds a field', () => {
    const found = lintWorkspace({ 'plan.strategy.yaml': text, 'goals.strategy.yaml': 'objectives:\n  - id: OBJ-x\n    title: X\n    owner: "@ana"\n' });
    const edits = found.filter((f) => f.file === 'plan.strategy.yaml' && f.ruleId === 'initiative-objective').map((f) => f.finding.fixes?.[0]?.edits[0]);
    assert.deepEqual(
      edits.map((e) => [e?.start, e?.newText]),
      [
        [text.indexOf('\n  - id: INIT-b'), '\n    objective: OBJ-x'],
        [text.length - 1, '\n    objective: OBJ-x'],
      ],
    );
  });
});
