import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fieldFor, isPlaceholderText } from '../../server/src/model/kinds.js';

/** §3: `TBD`, `TBC`, `TODO`, `?`, `N/A`, `none`, `-` and the empty value, in any case, are not values. */
const PLACEHOLDERS = ['tbd', 'tbc', 'todo', '?', 'n/a', 'none', '-', ''];

describe('placeholders', () => {
  const space = fc.constantFrom('', ' ', '\t', '\u00a0', '\n', ' \r\n');
  const randomCase = (text: string, upper: boolean[]) => [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');

  it('are recognised in any case, with any surrounding whitespace', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACEHOLDERS), space, space, fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), (placeholder, before, after, upper) => {
        assert.equal(isPlaceholderText(`${before}${randomCase(placeholder, upper)}${after}`), true);
      }),
    );
  });

  it('are nothing else', () => {
    fc.assert(
      fc.property(space, fc.string({ maxLength: 8, unit: fc.constantFrom('t', 'B', 'd', 'o', 'N', '/', 'a', '?', '-', 'e', 'K', '\u212a', ' ') }), space, (before, text, after) => {
        const written = `${before}${text}${after}`;
        assert.equal(isPlaceholderText(written), PLACEHOLDERS.includes(written.trim().toLowerCase()), JSON.stringify(written));
      }),
      { numRuns: 500 },
    );
  });
});

describe('field names', () => {
  it('match without regard to case, spaces, underscores or hyphens, asked once or many times', () => {
    for (let i = 0; i < 3; i++) {
      assert.equal(fieldFor('objective', 'Owner'), 'owner');
      assert.equal(fieldFor('metric', 'Key Results'), undefined);
      assert.equal(fieldFor('initiative', ' depends_on '), 'depends-on');
      assert.equal(fieldFor('initiative', 'Metric'), 'metrics');
      assert.equal(fieldFor('owner', 'metric'), undefined);
    }
  });
});
