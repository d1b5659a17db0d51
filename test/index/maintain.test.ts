import { strict as assert } from 'node:assert';
import type { FileChange, WorkspaceIndex } from '../../server/src/index/workspaceIndex.js';
import { ROOT, workspace } from '../helpers/workspace.js';

/** Objective ids per file, kept by index.maintain; `log` records what build/apply were called with. */
function objectivesByFile(index: WorkspaceIndex, log: string[]): Map<string, string[]> {
  const ids = (change: FileChange['after']) => (change?.entities ?? []).filter((e) => e.kind === 'objective').map((e) => e.id);
  return index.maintain(
    'test:objectives-by-file',
    () => {
      log.push('build');
      const value = new Map<string, string[]>();
      for (const file of index.allFiles()) value.set(file.path.slice(ROOT.length + 1), ids(file));
      return value;
    },
    (value, { before, after }) => {
      log.push(`${before ? '-' : '+'}${(before ?? after)!.path.slice(ROOT.length + 1)}`);
      if (before) value.delete(before.path.slice(ROOT.length + 1));
      if (after) value.set(after.path.slice(ROOT.length + 1), ids(after));
    },
  );
}

const objective = (id: string) => `objectives:\n  - id: ${id}\n    title: T\n`;

describe('WorkspaceIndex.maintain', () => {
  it('builds once, then hands over each file change in order: a replacement as its removal, then its addition', () => {
    const engine = workspace({ 'a.strategy.yaml': objective('A'), 'b.strategy.yaml': objective('B') });
    const log: string[] = [];
    assert.deepEqual([...objectivesByFile(engine.index, log)], [['a.strategy.yaml', ['A']], ['b.strategy.yaml', ['B']]]);
    engine.update(`${ROOT}/a.strategy.yaml`, objective('A2'));
    engine.update(`${ROOT}/c.strategy.yaml`, objective('C'));
    engine.remove(`${ROOT}/b.strategy.yaml`);
    const value = objectivesByFile(engine.index, log);
    assert.deepEqual(log, ['build', '-a.strategy.yaml', '+a.strategy.yaml', '+c.strategy.yaml', '-b.strategy.yaml']);
    assert.deepEqual([...value].sort(), [['a.strategy.yaml', ['A2']], ['c.strategy.yaml', ['C']]]);
    objectivesByFile(engine.index, log);
    assert.equal(log.length, 5, 'nothing changed since: no work');
  });

  it('builds the value again when more files changed than the journal keeps, and is then as current', () => {
    const engine = workspace({ 'a.strategy.yaml': objective('A') });
    const log: string[] = [];
    objectivesByFile(engine.index, log);
    for (let i = 0; i < 600; i++) engine.update(`${ROOT}/a.strategy.yaml`, objective(`A${i}`));
    const value = objectivesByFile(engine.index, log);
    assert.deepEqual(log, ['build', 'build']);
    assert.deepEqual([...value], [['a.strategy.yaml', ['A599']]]);
    engine.update(`${ROOT}/a.strategy.yaml`, objective('Z'));
    assert.deepEqual([...objectivesByFile(engine.index, log)], [['a.strategy.yaml', ['Z']]]);
    assert.deepEqual(log.slice(2), ['-a.strategy.yaml', '+a.strategy.yaml']);
  });

  it('builds again after an update failed halfway, rather than keep a half-updated value', () => {
    const engine = workspace({ 'a.strategy.yaml': objective('A') });
    let fail = false;
    const ask = () =>
      engine.index.maintain(
        'test:failing',
        () => ({ builds: 1, applied: 0 }),
        (value) => {
          if (fail) throw new Error('boom');
          value.applied++;
        },
      );
    ask();
    engine.update(`${ROOT}/a.strategy.yaml`, objective('B'));
    fail = true;
    assert.throws(ask, /boom/);
    fail = false;
    assert.deepEqual(ask(), { builds: 1, applied: 0 }, 'a fresh build');
  });
});
