import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { partitionPoint } from '../../server/src/index/partitionPoint.js';

describe('partitionPoint', () => {
  it('finds where a sorted list stops being below a value, as a scan from the start does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 })), fc.integer({ min: -25, max: 25 }), (items, value) => {
        const sorted = [...items].sort((a, b) => a - b);
        const scanned = sorted.findIndex((item) => !(item < value));
        assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! < value), scanned === -1 ? sorted.length : scanned);
        const after = sorted.findIndex((item) => !(item <= value));
        assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! <= value), after === -1 ? sorted.length : after);
      }),
    );
  });

  it('answers 0 for an empty list and for a value below everything, the length for one above', () => {
    assert.equal(partitionPoint(0, () => true), 0);
    const ids = ['a', 'c', 'e'];
    assert.equal(partitionPoint(ids.length, (i) => ids[i]! < '0'), 0);
    assert.equal(partitionPoint(ids.length, (i) => ids[i]! < 'z'), 3);
    assert.equal(partitionPoint(ids.length, (i) => ids[i]! < 'd'), 2);
  });
});
