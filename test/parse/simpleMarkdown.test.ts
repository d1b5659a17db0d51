import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseSimpleMarkdown } from '../../server/src/parse/simpleMarkdown.js';
import { runs, seed } from '../fuzz/workspaces.js';
import { entitiesOf, outline, plainDocument, readsAsRemark, remark } from './markdownOutline.js';

/** Lines of the plain Markdown strategy documents are written in: the reader should read all of them. */
const PLAIN = [
  '# Strategy 2027', '## Objective: Grow revenue', '### Key Result: Win 40 logos', '### Initiative: Self-serve checkout', '## Context', '#', '## ', '#hashtag in text',
  '', '', '', '    ',
  'Plain prose with *emphasis*, `code`, [a link](plan.md#x) and **bold**.', 'Objective: a line of prose', '2027-03-12 was the date.', '1.5 million users.', '| Segment | Share |', '| --- | ---: |', '**Owner:** @b', '**Status:** planned',
  '- id: OBJ-1', '- Owner: @a', '- Metrics: KR-1, KR-2', '- **Owner:** @c', '* Status: planned', '+ Effort: 3', '1. First', '2) Second', '10. Tenth',
  '  wrapped item text', '      deeply wrapped text',
  '> A quote', '> ', '>', '>A quote without a space',
  '***', '___', '- - -',
  '```sql', 'select * from initiatives -- Initiative: not a heading', '```', '~~~', '~~~ yaml',
  '<!-- strategy-lint-disable-next-line initiative-owner -->',
];
/** Lines whose block structure the reader leaves to remark, and lines that change how their neighbours are read. */
const TRICKY = [
  '  - nested item', '    indented code', '  ## indented heading', '   > indented quote', '\tTabbed', '-', '- ', '-   spaced item', '- # heading in an item', '- - nested', '- > quote in an item', '- [ ] task',
  '1. ordered', '3. starts at three', 'Setext title', '===', '---', '- ---', '> - listed quote', '> # quoted heading', '> ```',
  '````', '```js `tick`', '  ```', '<div>', '</div>', '<!-- open comment', '-->', '<!-->', '<span>inline</span>', '[ref]: https://example.com', '[ref] used',
  '## Objective: *Emphasised* title', '## Initiative: Ship #1', '## Initiative: A \\# escaped', '## Metric: A &amp; B', '## Objective: Closed ##', '####### seven',
  '\u00a0Non-breaking space first', 'Trailing spaces   ', 'Carriage\r',
];
const eol = fc.constantFrom('\n', '\n', '\n', '\n', '\r\n');
const documentOf = (lines: readonly string[], weightTricky: number) =>
  fc
    .array(fc.tuple(fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...PLAIN) }, { weight: weightTricky, arbitrary: fc.constantFrom(...lines) }), eol), { maxLength: 40 })
    .map((items) => items.map(([text, end]) => text + end).join('') + '');

describe('the plain Markdown reader (remark parses what it does not read)', function () {
  this.timeout(0);

  it('builds the tree remark builds whenever it reads a document (property)', () => {
    let read = 0;
    let total = 0;
    fc.assert(
      fc.property(documentOf(TRICKY, 3), fc.boolean(), (text, withFinalNewline) => {
        const source = withFinalNewline ? text : text.replace(/\n$/, '');
        total++;
        if (readsAsRemark(source)) read++;
      }),
      { numRuns: runs(3000), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
    // The property says nothing about documents it does not read: it must read a fair share of them.
    assert.ok(read > total / 10, `read ${read} of ${total} documents`);
  });

  it('reads plain strategy documents: headings, fields, prose, quotes, tables, code and comments (property)', () => {
    fc.assert(
      fc.property(plainDocument, (text) => {
        assert.ok(readsAsRemark(text), `not read: ${JSON.stringify(text)}`);
      }),
      { numRuns: runs(500), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('reads a strategy document into the entities remark gives, with the same fields and ranges', () => {
    const text = [
      '# Strategy 2027',
      '',
      'Why we do this, in *plain* prose that wraps',
      'onto a second line.',
      '',
      '## Objective: Grow self-serve revenue',
      '',
      '- id: OBJ-1',
      '- Owner: @maria',
      '- Period: 2027-H1',
      '',
      '> Customers asked for it.',
      'A lazy line of the quote.',
      '',
      '### Key Result: Checkout conversion 4%',
      '- id: KR-1',
      '- Baseline: 2.1',
      '  (measured in March)',
      '',
      '<!-- strategy-lint-disable-next-line initiative-owner -->',
      '### Initiative: One-page checkout',
      '',
      '**Owner:** @li',
      '**Metrics:** KR-1',
      '',
      '```yaml',
      'initiative: not a heading',
      '```',
      '',
      '***',
      '',
      '1. First step',
      '2. Second step',
      '',
    ].join('\n');
    const tree = parseSimpleMarkdown(text);
    assert.ok(tree);
    assert.deepStrictEqual(outline(tree), outline(remark(text)));
    const entities = entitiesOf(text, tree);
    assert.deepStrictEqual(entities, entitiesOf(text, remark(text)));
    assert.deepEqual(
      entities.map((e) => [e.kind, e.id, e.fields.map((f) => `${f.key}=${f.value.type === 'scalar' ? f.value.text : ''}`)]),
      [
        ['objective', 'OBJ-1', ['id=OBJ-1', 'owner=@maria', 'period=2027-H1']],
        ['metric', 'KR-1', ['id=KR-1', 'baseline=2.1']],
        ['initiative', 'one-page-checkout', ['owner=@li', 'metrics=KR-1']],
      ],
    );
  });

  it('leaves to remark what it cannot read line by line', () => {
    for (const text of [
      '## Objective: A\n- id: O-1\n  - nested: item\n',
      '## Objective: A\n\n    indented code\n',
      'Title\n=====\n',
      'Paragraph\n---\n',
      '## Objective: A\n<div>\n## Initiative: inside HTML\n</div>\n',
      '[ref]: https://example.com\n\n## Objective: A\n',
      '## Objective: A\n- id:\tO-1\n',
      '## Objective: A\r\n- id: O-1\r\n',
      '## Objective: A\n```\n## Initiative: in a fence never closed\n',
      '## Objective: *Emphasised*\n',
      '- # heading in an item\n',
      'Paragraph\n2. an ordered list cannot interrupt it\n',
    ]) {
      assert.equal(parseSimpleMarkdown(text), undefined, JSON.stringify(text));
    }
  });
});
