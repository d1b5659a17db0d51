import type { Nodes, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * Re-parsing a long Markdown document on every keystroke costs a remark parse of all of it, though
 * one section changed. This parser splits the text where a section can start on its own, parses
 * each section by itself (remembered by its text), and joins the sections' trees with their
 * positions moved to where the sections sit: a keystroke then costs one section's parse. The tree
 * is the one a parse of the whole text gives (test/parse/markdownSections.test.ts checks it on
 * random documents); where that cannot be known cheaply, the whole text is parsed.
 *
 * Where a section starts: at an ATX heading (`#`…`######` in the first column) after a blank
 * line. A blank line ends every paragraph and HTML block of types 6 and 7; a line in the first
 * column that is not blank ends every list item and block quote. What can still hold such a line
 * is a fenced code block or an HTML block of types 1–5 left open, and one left open in the last list
 * item ends differently where the text goes on: a section whose tree ends in a `code` or `html`
 * node, at any depth, is therefore joined with the next one. Link reference
 * definitions apply to the whole document: a document with one is parsed whole.
 */
export class SectionedMarkdownParser {
  /** Section trees by their text (positions as if the section were the whole text), oldest first. */
  private readonly sections = new Map<string, Root>();
  private cachedChars = 0;

  constructor(
    private readonly parseWhole: (text: string) => Root,
    /** How much section text the cache holds (the sections of the documents being edited). */
    private readonly capacityChars = 256 * 1024,
  ) {}

  parse(text: string): Root {
    const starts = sectionStarts(text);
    if (starts.length < 2) return this.parseWhole(text);
    const children: RootContent[] = [];
    let lineBase = 0;
    let end: Point | undefined;
    let sectionStart = 0;
    for (let i = 0; i < starts.length; i++) {
      const sectionEnd = i + 1 < starts.length ? starts[i + 1]! : text.length;
      const tree = this.section(text.slice(sectionStart, sectionEnd));
      // An open fence or HTML block may run on into the next section: parse them together.
      if (i + 1 < starts.length && endsInCodeOrHtml(tree)) continue;
      const shift = { offset: sectionStart, line: lineBase };
      for (const child of tree.children) {
        const moved = moveNode(child, shift);
        if (moved === undefined) return this.parseWhole(text);
        children.push(moved as RootContent);
      }
      end = movePoint(tree.position!.end, shift);
      lineBase = end.line - 1;
      sectionStart = sectionEnd;
    }
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: end! } };
  }

  private section(text: string): Root {
    const known = this.sections.get(text);
    if (known) {
      // Most recently used last.
      this.sections.delete(text);
      this.sections.set(text, known);
      return known;
    }
    const tree = this.parseWhole(text);
    if (text.length > this.capacityChars / 4) return tree;
    this.sections.set(text, tree);
    this.cachedChars += text.length;
    for (const [oldest] of this.sections) {
      if (this.cachedChars <= this.capacityChars) break;
      this.sections.delete(oldest);
      this.cachedChars -= oldest.length;
    }
    return tree;
  }
}

/**
 * Offsets where a section may start: 0, then every line in the first column that opens an ATX
 * heading and follows a blank line.
 */
export function sectionStarts(text: string): number[] {
  const starts = [0];
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart < text.length) {
    let next = text.indexOf('\n', lineStart);
    if (next === -1) next = text.length;
    if (previousBlank && lineStart > 0 && opensAtxHeading(text, lineStart, next)) starts.push(lineStart);
    previousBlank = isBlankLine(text, lineStart, next);
    lineStart = next + 1;
  }
  return starts;
}

function opensAtxHeading(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 7 && text.charCodeAt(i) === 0x23 /* # */) i++;
  const hashes = i - start;
  if (hashes < 1 || hashes > 6) return false;
  const after = i < end ? text.charCodeAt(i) : -1;
  return after === -1 || after === 0x20 || after === 0x09 || (after === 0x0d && i + 1 === end);
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/**
 * Whether the last block of a tree, at any depth (a fence in the last list item), is code or HTML:
 * one left open ends differently where the text goes on (it takes in the blank lines before the
 * next section).
 */
function endsInCodeOrHtml(tree: Root): boolean {
  let node: Nodes | undefined = tree.children[tree.children.length - 1];
  while (node) {
    if (node.type === 'code' || node.type === 'html') return true;
    node = 'children' in node ? (node.children[node.children.length - 1] as Nodes | undefined) : undefined;
  }
  return tree.children.length === 0;
}

interface Shift {
  offset: number;
  /** Lines before the section. */
  line: number;
}

/** A copy of a node and its descendants, positioned `shift` further on; undefined for a definition (see the class). */
function moveNode(node: Nodes, shift: Shift): Nodes | undefined {
  if (node.type === 'definition') return undefined;
  const moved = { ...node } as Nodes & { children?: Nodes[] };
  if (node.position) moved.position = movePosition(node.position, shift);
  if ('children' in node) {
    const children: Nodes[] = [];
    for (const child of node.children as Nodes[]) {
      const copy = moveNode(child, shift);
      if (copy === undefined) return undefined;
      children.push(copy);
    }
    moved.children = children;
  }
  return moved;
}

function movePosition(position: Position, shift: Shift): Position {
  return { start: movePoint(position.start, shift), end: movePoint(position.end, shift) };
}

/** Sections start at the beginning of a line: columns stay as they are. */
function movePoint(point: Point, shift: Shift): Point {
  const moved: Point = { line: point.line + shift.line, column: point.column };
  if (point.offset !== undefined) moved.offset = point.offset + shift.offset;
  return moved;
}
