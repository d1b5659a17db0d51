import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineMap } from '../../server/src/text/lineMap.js';

/** Positions as counted from the text itself. */
function naivePosition(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length - 1, character: before.length - (lastBreak + 1) };
}

/**
 * Line maps keep their line starts in shared slabs (16-bit ones for texts under 64 KiB): every map
 * must still answer for its own text, whichever slab it landed in and whatever maps came before it.
 */
describe('line maps', () => {
  it('turn offsets into positions and back for many texts made in a row, short and long', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.string({ maxLength: 30 }), { maxLength: 40 }), fc.nat()), { minLength: 1, maxLength: 60 }), (files) => {
        const texts = files.map(([lines]) => lines.join('\n'));
        const maps = texts.map((t) => LineMap.of(t));
        texts.forEach((text, i) => {
          const map = maps[i]!;
          const offset = files[i]![1] % (text.length + 1);
          assert.deepEqual(map.positionAt(offset), naivePosition(text, offset));
          assert.equal(map.offsetAt(map.positionAt(offset)), offset);
          assert.equal(map.lineCount, text.split('\n').length);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps offsets beyond 64 KiB exact, and survives thousands of maps (more than one slab)', () => {
    const long = `${'x'.repeat(70000)}\nlast line`;
    const maps = Array.from({ length: 3000 }, (_, i) => LineMap.of(`a\nline ${i}\n${'b\n'.repeat(20)}`));
    const map = LineMap.of(long);
    assert.deepEqual(map.positionAt(long.length), { line: 1, character: 'last line'.length });
    assert.equal(map.offsetAt({ line: 1, character: 4 }), 70005);
    maps.forEach((m, i) => assert.deepEqual(m.rangeOf({ start: 2, end: 2 + `line ${i}`.length }), { start: { line: 1, character: 0 }, end: { line: 1, character: `line ${i}`.length } }));
  });

  it('hands its table out as an array of its own, which rebuilds the same map', () => {
    const text = 'one\ntwo\r\nthree\n';
    const map = LineMap.of(text);
    const table = map.table();
    assert.deepEqual([...table.starts], [0, 4, 9, 15]);
    assert.equal(table.starts.buffer.byteLength, 4 * 4, 'not a view into a shared slab');
    const again = LineMap.fromTable(table);
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(again.positionAt(offset), map.positionAt(offset));
  });
});
