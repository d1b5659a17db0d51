import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BestIds, compareIds } from '../../server/src/rules/workspaceFacts.js';

describe('BestIds (candidates without sorting the kind)', () => {
  it('keeps what sorting every offer and keeping each id at its best would keep', () => {
    const offer = fc.record({ id: fc.constantFrom('a', 'B', 'b', 'c', 'KR-1', 'KR-10', 'KR-2'), rank: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(offer, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (offers, count) => {
        const best = new BestIds<string>(count);
        offers.forEach((o, i) => best.offer(o.id, o.rank, `${o.id}#${i}`));
        const bestOf = new Map<string, { rank: number; value: string }>();
        offers.forEach((o, i) => {
          const known = bestOf.get(o.id);
          if (!known || o.rank < known.rank) bestOf.set(o.id, { rank: o.rank, value: `${o.id}#${i}` });
        });
        const sorted = [...bestOf].sort(([a, x], [b, y]) => x.rank - y.rank || compareIds(a, b)).slice(0, count);
        assert.deepEqual(best.values(), sorted.map(([, v]) => v.value));
      }),
    );
  });
});
