import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { blankOut } from '../../server/src/parse/frontMatter.js';
import { runs, seed } from '../fuzz/workspaces.js';
import { plainDocument, readsAsRemark } from './markdownOutline.js';

/**
 * Differential tests of the plain Markdown reader against remark on documents built to sit on the
 * edges of its subset: lines assembled from CommonMark's block syntax (indentation, container
 * markers, block starts, inline markup, odd whitespace and line endings), and plain documents the
 * reader reads, mutated a few characters at a time. Whenever the reader reads a document, its tree
 * must be remark's in all the entity reader reads. `FUZZ_RUNS=200000` runs a long campaign.
 */

const weighted = <T>(...choices: [number, fc.Arbitrary<T>][]) => fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const some = (...values: string[]) => fc.constantFrom(...values);

/** Whitespace a line may start with: mostly none, sometimes spaces (1 to 6), rarely a tab or a character that only looks like space. */
const indent = weighted([14, fc.constant('')], [4, some(' ', '  ', '   ', '    ', '     ', '      ')], [1, some('\t', ' \t', '\u00a0', '\u3000', '\f', '\v', '\u2028')]);
/** Container markers: block quotes and list items, well formed or not. */
const container = some('> ', '>', '>  ', '- ', '* ', '+ ', '1. ', '2. ', '1) ', '3) ', '10. ', '0. ', '01. ', '-  ', '1.    ', '-\t', '>\t', '123456789. ', '1234567890. ', '-\u00a0');
/** What follows the containers: the start of a block (heading, fence, break, setext underline, HTML, definition) or nothing. */
const blockStart = weighted(
  [6, fc.constant('')],
  [3, some('# ', '## ', '### ', '###### ', '####### ', '#', '#  ', '#     ', '#\t', '#\u00a0')],
  [2, some('```', '````', '~~~', '~~~~', '```yaml', '``` js ', '```a`b', '~~~ a`b', '``')],
  [2, some('***', '---', '___', '- - -', '* * *', '_ _ _', '-- -', '--', '-', '=', '==', '===', '- ', '* ', '1. ', '2) ')],
  [2, some('<!-- c -->', '<!---->', '<!-->', '<!--->', '<!-- a -- b -->', '<!-- x --> after', '<!-- open', '-->', '<div>', '</div>', '<div', '<a href="x">', '<b>', '<script>', '</script>', '<pre>', '<style>', '<textarea>', '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>')],
  [1, some('[ref]: /url', '[ref]:', '[ref]', '\\', '\\#', '&#35; ', '|', '!', '~')],
);
/** Text: entity headings and fields, prose, and every inline construct that changes a heading's text. */
const word = weighted(
  [8, some('Objective: Grow', 'Key Result: Win', 'Initiative: Ship', 'Metric: NPS', 'KR: x', 'id: O-1', 'Owner: @a', '**Owner:** @b', 'plain words', 'text', 'x')],
  [3, some('&copy;', '&amp;', '&#35;', '&nosuch;', '\\*', '\\#', '\\', '<http://a.b>', '<a@b.c>', '<span>', '`code`', '``', '*em*', '**b**', '_u_', '[l](x)', '[l]', '![i](x)', '~~s~~')],
  [3, some('#', ' #', ' ##', '##', '  ', ' ', '-->', '<!--', '>', '=', ':', '1.', '```', '~~~', '---')],
  [2, some('\u00a0', '\u2028', '\u2029', '\u3000', '\u200b', '\f', '\v', '\0', '\r', '\ufeff', '\t', 'é', '😀', '\ud800', '\u0085')],
);
const trailing = weighted([8, fc.constant('')], [2, some(' ', '  ', '   ', '\t', ' #', ' # ', '\\', ' \u00a0')]);
/** One line near the edge of the subset: mostly one piece of syntax before some text, sometimes all of them at once. */
const structuredLine = weighted(
  [3, fc.tuple(indent, fc.array(word, { minLength: 1, maxLength: 2 })).map(([lead, words]) => lead + words.join(' '))],
  [3, fc.tuple(container, fc.array(word, { maxLength: 2 }), trailing).map(([marker, words, end]) => marker + words.join(' ') + end)],
  [4, fc.tuple(blockStart, fc.array(word, { maxLength: 2 }), trailing).map(([block, words, end]) => block + words.join(' ') + end)],
  [2, fc.tuple(indent, fc.array(container, { maxLength: 2 }), blockStart, fc.array(word, { maxLength: 3 }), trailing).map(([lead, containers, block, words, end]) => lead + containers.join('') + block + words.join(' ') + end)],
);
/** Lines the reader reads, so that documents reach their edges after a few plain lines. */
const plainLine = some('# Strategy', '## Objective: Grow revenue', '### Key Result: Win 40 logos', 'Plain prose.', '**Owner:** @b', '- id: OBJ-1', '- Owner: @a', '1. First', '2. Second', '  wrapped text', '> A quote', '>', '```', '~~~', '***', '<!-- note -->');
const blankLine = some('', '', '', ' ', '   ', '    ');
const lineEnd = weighted([30, fc.constant('\n')], [1, some('\r\n', '\r')]);
/** Front matter as markdownFile.ts hands the body to the reader: blanked to spaces, line breaks kept. */
const frontMatter = weighted([6, fc.constant('')], [1, some('---\nkind: strategy\nid: s\n---\n', '---\ntitle: "x\ty"\n...\n', '---\n---\n')]).map((block) => blankOut(block, 0, block.length));

/** A fenced code block: its closing line is sometimes indented, longer, shorter, of the other character or followed by text. */
const fencedBlock = fc
  .tuple(some('`', '~'), fc.integer({ min: 3, max: 5 }), weighted([3, fc.constant('')], [1, word]), fc.array(weighted([2, plainLine], [1, blankLine], [2, structuredLine]), { maxLength: 3 }))
  .chain(([char, length, info, body]) =>
    fc
      .tuple(some('', '', ' ', '   ', '    '), some(char, char, char, char === '`' ? '~' : '`'), fc.integer({ min: length - 1, max: length + 2 }), some('', '', ' ', '\t', ' x', '`'))
      .map(([lead, closer, n, end]) => [char.repeat(length) + info, ...body, lead + closer.repeat(n) + end].join('\n')),
  );
/** Consecutive list items (same or other markers), their continuation lines and blank lines between them. */
const listBlock = fc
  .array(
    fc.tuple(
      some('- ', '- ', '* ', '+ ', '1. ', '1. ', '2. ', '1) ', '3) ', '10. ', '01. '),
      some('id: O-1', 'Owner: @a', '**Owner:** @b', 'Metrics: KR-1', 'text'),
      fc.array(fc.tuple(some('', ' ', '  ', '   ', '    ', '      '), weighted([3, word], [1, blockStart])), { maxLength: 2 }),
      some('', '', '', '\n', '\n\n'),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((items) => items.map(([marker, text, more, gap]) => [marker + text, ...more.map(([lead, rest]) => lead + rest)].join('\n') + gap).join('\n'));

const structuredDocument = fc
  .tuple(frontMatter, fc.array(fc.tuple(weighted([6, plainLine], [3, blankLine], [3, structuredLine], [1, fencedBlock], [1, listBlock]), lineEnd), { maxLength: 16 }), fc.boolean())
  .map(([front, lines, finalNewline]) => {
    const text = front + lines.map(([line, end]) => line + end).join('');
    return finalNewline ? text : text.replace(/\r?\n$|\r$/, '');
  });

/** Characters and short strings a mutation inserts or writes over a character. */
const MUTATIONS = [
  ' ', '  ', '    ', '\n', '\n\n', '#', '# ', '-', '- ', '*', '+', '_', '=', '>', '> ', '<', '`', '```', '~', '~~~', '!', '[', ']', '(', ')', '\\', '&', ';',
  '1', '2', '1. ', '2. ', '.', ':', '|', '/', '?', 'a', '--', '---', '<!--', '-->', '\t', '\r', '\r\n', '\u00a0', '\u2028', '\0', '\ufeff', '\f', '\v',
];
const mutation = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...MUTATIONS));
const mutatedDocument = fc.tuple(plainDocument, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([text, edits]) => {
  let out = text;
  for (const [at, kind, insert] of edits) {
    const i = out.length ? at % (out.length + 1) : 0;
    if (kind === 'insert') out = out.slice(0, i) + insert + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + 1 + (at % 3));
    else out = out.slice(0, i) + insert + out.slice(i + 1);
  }
  return out;
});

const options = (fallback: number) => ({ numRuns: runs(fallback), ...(seed() !== undefined ? { seed: seed() } : {}) });

describe('the plain Markdown reader against remark on the edges of its subset', function () {
  this.timeout(0);

  for (const [name, documents, share, cases] of [
    ['documents assembled from block syntax, containers, inline markup and odd whitespace', structuredDocument, 0.05, 2000],
    ['plain documents mutated a few characters at a time', mutatedDocument, 0.2, 800],
  ] as const) {
    it(`builds the tree remark builds whenever it reads ${name} (property)`, () => {
      let read = 0;
      let total = 0;
      fc.assert(
        fc.property(documents, (text) => {
          total++;
          if (readsAsRemark(text)) read++;
        }),
        options(cases),
      );
      // The property says nothing of the documents the reader leaves to remark: it must read enough of them.
      if (total >= 100) assert.ok(read >= total * share, `read ${read} of ${total} documents`);
    });
  }
});

/** Lines on the edges of the subset, one construct each; every sequence of two of them (three under FUZZ_RUNS) is checked. */
const EDGE_LINES = [
  '', '  ', 'Prose', 'Objective: x', '**Owner:** @a', '# Objective: A', '#', '# ', '#x', '####### x', '## A ##', '# A\u00a0', '# \u00a0',
  '- a', '* a', '+ a', '1. a', '2. a', '1) a', '2) a', '10. a', '01. a', '0. a', '-', '- ', '1.', '-  a', '- - a', '- # a', '- > a', '- ```', '- --', '- [a]: b', '- ***', '- id: X',
  '> a', '>', '> ', '>a', '>  a', '> - a', '> # a', '>> a', '> --', '> ===',
  '  a', '   a', '    a', '      a', '  - a', '  --', '   ---', '  ===', '  # a', '  > a', '  ```', '    ```', '   ```', '   ``` ', '  <!-- c -->',
  '--', '---', '-- ', '- - -', '***', '* * *', '___', '=', '===',
  '```', '```js', '````', '~~~', '~~~ a`b', '```a`b', '``', '```` ',
  '<!-- c -->', '<!---->', '<!-->', '<!-- open', '-->', '<div>', '<a>', '[a]: b', '[a]',
  '\u00a0a', '\ta', 'a\t', '\fa', '\u2028', '# a\u2029', '```\u2028', 'a  ', 'a\\', '\ufeffa', '|a|',
];

describe('the plain Markdown reader against remark on every short sequence of edge lines', function () {
  this.timeout(0);

  it('builds the tree remark builds whenever it reads one (with and without a final line break)', () => {
    const length = process.env.FUZZ_RUNS ? 3 : 2;
    const at = new Array<number>(length).fill(0);
    let read = 0;
    for (;;) {
      const text = at.map((i) => EDGE_LINES[i]!).join('\n');
      if (readsAsRemark(text)) read++;
      if (readsAsRemark(text + '\n')) read++;
      let k = length - 1;
      while (k >= 0 && ++at[k]! === EDGE_LINES.length) at[k--] = 0;
      if (k < 0) break;
    }
    assert.ok(read > EDGE_LINES.length ** length / 10, `read ${read}`);
  });
});

describe('the plain Markdown reader on what the differential tests caught (each was read into a tree remark does not build)', () => {
  for (const [name, text] of [
    ['a paragraph underlined with two dashes is a setext heading', 'Grow revenue\n--\n'],
    ['an indented two-dash underline is a setext heading too', 'Grow revenue\n   --  \n'],
    ['a two-dash underline under a list item turns its first block into a heading', '- Owner: @a\n  --\n'],
    ['a heading holding a line separator (U+2028) still interrupts a paragraph', 'Some prose\n## Objective: Grow\u2028revenue\n'],
    ['a fence whose info string holds a paragraph separator (U+2029) still interrupts a paragraph', 'Some prose\n```yaml\u2029\nid: x\n'],
  ]) {
    it(name, () => {
      readsAsRemark(text);
    });
  }
});
