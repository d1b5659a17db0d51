import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseSimpleMarkdown } from '../../server/src/parse/simpleMarkdown.js';
import { HeadingEntityReader } from '../../server/src/parse/markdownHeadings.js';

/**
 * What the plain Markdown reader (server/src/parse/simpleMarkdown.ts) must agree with remark on,
 * shared by its tests: the outline of a tree and the entities read from it.
 */

const processor = unified().use(remarkParse).freeze();
export const remark = (text: string) => processor.parse(text) as Root;

/**
 * What the entity reader and the title lookup read of a tree: the top-level blocks in order, their
 * types and offsets, a heading's depth and text, a list's items and each item's first block.
 */
export function outline(tree: Root) {
  return tree.children.map((node: RootContent) => ({
    type: node.type,
    start: node.position!.start.offset,
    end: node.position!.end.offset,
    ...(node.type === 'heading' ? { depth: node.depth, text: toString(node) } : {}),
    ...(node.type === 'list'
      ? {
          items: node.children.map((item) => ({
            start: item.position!.start.offset,
            end: item.position!.end.offset,
            first: item.children[0] && { type: item.children[0].type, start: item.children[0].position!.start.offset, end: item.children[0].position!.end.offset },
          })),
        }
      : {}),
  }));
}

export function entitiesOf(text: string, tree: Root) {
  const reader = new HeadingEntityReader('/ws/plan.md', text, '\n');
  reader.read(tree);
  // An entity's enclosing objective is itself an entity: compare by id, not by the whole cycle.
  return reader.entities.map((e) => ({ ...e, enclosing: e.enclosing?.id }));
}

/**
 * Whether the reader reads `text`; when it does, fails unless its tree is remark's in everything
 * the entity reader and the title lookup read.
 */
export function readsAsRemark(text: string): boolean {
  const tree = parseSimpleMarkdown(text);
  if (!tree) return false;
  const expected = remark(text);
  assert.deepStrictEqual(outline(tree), outline(expected), JSON.stringify(text));
  assert.deepStrictEqual(entitiesOf(text, tree), entitiesOf(text, expected), JSON.stringify(text));
  return true;
}

const pick = (lines: string[]) => fc.constantFrom(...lines);
const prose = pick(['Plain prose with *emphasis*, `code`, [a link](plan.md#x) and **bold**.', 'Objective: a line of prose', '2027-03-12 was the date.', '1.5 million users, #1 in market.', '**Owner:** @b']);
/** A block of the plain Markdown strategy documents are written in (blocks are joined by blank lines). */
export const plainBlock = fc.oneof(
  pick(['# Strategy 2027', '## Objective: Grow revenue', '### Key Result: Win 40 logos', '#### Initiative: Self-serve checkout', '## Context', '#hashtag']),
  fc.array(prose, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  fc.tuple(pick(['- ', '* ', '+ ', '1. ', '7) ']), fc.array(fc.tuple(pick(['id: OBJ-1', 'Owner: @a', 'Metrics: KR-1, KR-2', '**Owner:** @c']), fc.boolean()), { minLength: 1, maxLength: 4 })).map(([marker, items]) =>
    items.map(([item, wrapped]) => marker + item + (wrapped ? '\n  (wrapped onto a second line)' : '')).join('\n'),
  ),
  fc.array(pick(['> A quote', '>', '> **Note:** @a']), { minLength: 1, maxLength: 3 }).map((lines) => ['> Quoted', ...lines].join('\n')),
  pick(['| Segment | Share |\n| --- | ---: |\n| self-serve | 20% |', '***', '___', '<!-- strategy-lint-disable-next-line initiative-owner -->']),
  pick(['```sql\nselect 1 -- Initiative: not a heading\n\n    indented\n```', '~~~ yaml\n- id: x\n~~~']),
);
/** A plain strategy document: the reader should read every one of them. */
export const plainDocument = fc
  .tuple(fc.array(plainBlock, { maxLength: 30 }), fc.constantFrom('\n\n', '\n\n\n'))
  .map(([blocks, between]) => blocks.join(between) + '\n');
