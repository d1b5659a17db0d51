import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { SectionedMarkdownParser, sectionStarts } from '../../server/src/parse/markdownSections.js';
import { parseFile } from '../../server/src/parse/parseFile.js';
import { runs, seed } from '../fuzz/workspaces.js';

const processor = unified().use(remarkParse).freeze();
const parseWhole = (text: string) => processor.parse(text) as Root;

/**
 * Lines that make Markdown blocks start, run on or end: entity headings and others, blank lines,
 * fields, lists, quotes, fences left open or closed, HTML blocks of every type (some of which run
 * across blank lines), link reference definitions (which apply to the whole document), setext
 * underlines, indented code.
 */
const LINES = [
  '# Plan', '## Objective: Grow revenue', '### Initiative: Ship [it]', '### Key Result: KR one #', '#NoSpace', '####### seven', '  ## indented heading', '#', '## ',
  '', '', '', '   ', '\t',
  'Plain text with *emphasis*, `code`, [a link](plan.md#x) and [ref].', 'Objective: not a heading', '- Owner: @a', '- Metrics: K1, K2', '  - nested item', '1. ordered', '* Status: planned', '-',
  '> quoted', '> ## quoted heading', '>',
  '```', '```js', '~~~', '````', '    indented code', '  ```',
  '<!-- comment', '-->', '<!-- strategy-lint-disable-next-line initiative-owner -->', '<div>', '</div>', '<pre>', '</pre>', '<?php', '?>', '<!DOCTYPE x>', '<![CDATA[', ']]>', '<span>', '<script>', '</script>',
  '[ref]: https://example.com', '[Ref]:', 'Setext title', '===', '---', '***', '**Owner:** @b', '| a | b |',
];
const line = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...LINES) }, { weight: 2, arbitrary: fc.constantFrom('', '## Initiative: Next', '# Objective: Top') });
const eol = fc.constantFrom('\n', '\n', '\r\n');
const document = fc.array(fc.tuple(line, eol), { maxLength: 40 }).map((lines) => lines.map(([text, end]) => text + end));
const edit = fc.record({ at: fc.nat(), action: fc.constantFrom('replace', 'insert', 'delete', 'type'), line, eol });

function applyEdit(lines: string[], { at, action, line: text, eol: end }: { at: number; action: string; line: string; eol: string }): string[] {
  const next = [...lines];
  const i = lines.length ? at % lines.length : 0;
  if (action === 'insert' || !lines.length) next.splice(i, 0, text + end);
  else if (action === 'delete') next.splice(i, 1);
  else if (action === 'replace') next[i] = text + end;
  // A keystroke in the middle of a line.
  else next[i] = next[i]!.replace(/(\r?\n)?$/, (ending) => `x${ending}`);
  return next;
}

describe('Markdown parsed by sections (the editor re-parses the section a keystroke changed)', function () {
  this.timeout(0);

  it('gives the tree a parse of the whole text gives, across a sequence of edits (property)', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { maxLength: 6 }), (lines, edits) => {
        const parser = new SectionedMarkdownParser(parseWhole);
        let current = lines;
        for (const step of [undefined, ...edits]) {
          if (step) current = applyEdit(current, step);
          const text = current.join('');
          assert.deepStrictEqual(parser.parse(text), parseWhole(text), JSON.stringify(text));
        }
      }),
      { numRuns: runs(400), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('reads the same entities, fields and ranges when a document is parsed as an edit (property)', () => {
    fc.assert(
      fc.property(document, edit, (lines, step) => {
        const before = lines.join('');
        const after = applyEdit(lines, step).join('');
        parseFile('/ws/plan.md', before, undefined, [], false, undefined, true);
        assert.deepStrictEqual(parseFile('/ws/plan.md', after, undefined, [], false, undefined, true), parseFile('/ws/plan.md', after));
      }),
      { numRuns: runs(200), ...(seed() !== undefined ? { seed: seed() } : {}) },
    );
  });

  it('starts sections at headings in the first column after a blank line', () => {
    const text = '# Plan\n\n## Objective: A\n- Owner: @a\n## Initiative: B\n\n  ## indented\n\n###### six\n\n####### seven\n';
    assert.deepEqual(sectionStarts(text).map((at) => text.slice(at, text.indexOf('\n', at))), ['# Plan', '## Objective: A', '###### six']);
  });

  it('parses only the section an edit changed', () => {
    const parsed: string[] = [];
    const parser = new SectionedMarkdownParser((text) => {
      parsed.push(text);
      return parseWhole(text);
    });
    const section = (n: number) => `## Initiative: Item ${n}\n- Owner: @a\n- Metrics: K${n}\n\nSome words about item ${n}.\n\n`;
    const text = Array.from({ length: 20 }, (_, n) => section(n)).join('');
    parser.parse(text);
    parsed.length = 0;
    const edited = text.replace('- Owner: @a\n- Metrics: K7', '- Owner: \n- Metrics: K7');
    assert.deepStrictEqual(parser.parse(edited), parseWhole(edited));
    assert.deepEqual(parsed, [section(7).replace('@a', '')]);
  });

  it('parses a section with a fence left open together with what follows it', () => {
    const parser = new SectionedMarkdownParser(parseWhole);
    const text = '## Objective: A\n\n```\n\n## Initiative: inside the code block\n\n## Initiative: B\n';
    const tree = parser.parse(text);
    assert.deepStrictEqual(tree, parseWhole(text));
    assert.deepEqual(tree.children.map((n) => n.type), ['heading', 'code']);
  });
});
