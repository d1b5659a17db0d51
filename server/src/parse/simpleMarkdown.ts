import type { Blockquote, Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import type { Point } from 'unist';

/**
 * A reader for the plain Markdown most strategy documents are written in, ~25× faster than remark:
 * it builds, from one pass over the lines, the outline of the tree remark builds (the top-level
 * blocks, their positions, list items and their first paragraph, heading text), which is all that
 * HeadingEntityReader and the title lookup read. It reads only a subset of Markdown whose block
 * structure can be known line by line without doubt, and gives up (returns undefined, and remark
 * parses the text) at the first line outside it:
 * - lines that start in the first column: ATX headings whose text has no inline markup, paragraphs,
 *   single-line list items (`-`, `*`, `+`, `1.`, `1)` then one space), block quotes of plain
 *   paragraphs, thematic breaks after a blank line, fenced code blocks that are closed, HTML
 *   comments on one line; and the lazy or indented continuation lines of an open paragraph;
 * - no other indented line (nested lists, an item's second paragraph, indented code), no other HTML
 *   block, no link reference definition, setext heading, tab or carriage return outside code fences.
 * test/parse/simpleMarkdown.test.ts checks on random documents that whenever it reads a text, its
 * tree is remark's (same nodes, positions and heading text), and that it reads the documents it is
 * meant for; test/parse/simpleMarkdownDifferential.test.ts does so on documents built to sit on the
 * subset's edges.
 */
export function parseSimpleMarkdown(text: string): Root | undefined {
  return new SimpleReader(text).read();
}

/**
 * What the previous line left open: a paragraph (at the top level, in a list item or in a block
 * quote) takes lazy continuation lines; a quote whose last line was blank (`>`) takes only `>` lines.
 */
type Open = 'none' | 'paragraph' | 'item' | 'quote' | 'quoteBlank';

const THEMATIC_BREAK = /^(?:(?:\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$/;
// `[^]`, not `.`: a line may hold U+2028 or U+2029, which end a line for `.` but not for Markdown.
const ATX_HEADING = /^(#{1,6})(?: ([^]*))?$/;
const FENCE = /^(`{3,}|~{3,})([^]*)$/;
/** A setext heading's `-` underline (`---` and longer are also thematic breaks). */
const SETEXT_DASHES = /^-+ *$/;
const BULLET_ITEM = /^([-*+]) (?! )/;
const ORDERED_ITEM = /^(\d{1,9})([.)]) (?! )/;
/**
 * Inline markup that would make a heading's text differ from its source (escapes, references, code,
 * emphasis, links, HTML), and the line and paragraph separators (U+2028, U+2029), left to remark.
 */
const INLINE_MARKUP = /[\\&`*_[\]<#\u2028\u2029]/;

class SimpleReader {
  private readonly children: RootContent[] = [];
  /** The line being read: its start, end (before `\n`) and number (1-based). */
  private start = 0;
  private end = 0;
  private line = 0;
  private open: Open = 'none';
  /** The list being built, its marker (`-`, `*`, `+`, `.` or `)`), and whether a blank line followed its last item. */
  private list: List | undefined;
  private listMarker = '';
  private blankSinceItem = false;
  private quote: Blockquote | undefined;

  constructor(private readonly text: string) {}

  read(): Root | undefined {
    const text = this.text;
    for (;;) {
      const nl = text.indexOf('\n', this.start);
      this.end = nl === -1 ? text.length : nl;
      this.line++;
      // (A fenced code block reads on to its closing line: the next line is the one after `end`.)
      if (!this.readLine()) return undefined;
      if (this.end === text.length) break;
      this.start = this.end + 1;
    }
    this.closeBlocks();
    return {
      type: 'root',
      children: this.children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: this.pointAt(text.length, this.line, text.lastIndexOf('\n') + 1) },
    };
  }

  /** Reads the current line; false: it is outside the subset. */
  private readLine(): boolean {
    const { text, start, end } = this;
    const first = text.charCodeAt(start);
    if (isBlankLine(text, start, end)) {
      if (this.list) this.blankSinceItem = true;
      this.closeQuote();
      this.open = 'none';
      return true;
    }
    const line = text.slice(start, end);
    if (start === 0 && first === 0xfeff) return false;
    if (line.includes('\r') || line.includes('\t') || line.includes('\0')) return false;
    if (first === 0x20) {
      // Indented: only the next line of an open paragraph (a wrapped list item, say) is read here. Text
      // that starts no block of any kind continues a paragraph at whatever indentation (indented code
      // cannot interrupt one); anything else (nested lists, indented code, item paragraphs) is remark's.
      if (!this.paragraphOpen() || !opensParagraph(line.trimStart())) return false;
      this.extendOpenParagraph(end);
      return true;
    }
    if (first === 0x23 /* # */) {
      const heading = ATX_HEADING.exec(line);
      if (heading) return this.heading(heading[1]!.length, heading[2] ?? '');
    }
    if (first === 0x3e /* > */) return this.quoteLine(line);
    if (first === 0x3c /* < */) return this.htmlComment(line);
    const fence = FENCE.exec(line);
    if (fence) return this.fence(fence[1]!, fence[2]!);
    if (THEMATIC_BREAK.test(line)) {
      // After a paragraph, `---` underlines a setext heading; after a list item, the line's place is not certain.
      if (this.open !== 'none') return false;
      this.closeBlocks();
      this.children.push({ type: 'thematicBreak', position: this.span(start, end) });
      return true;
    }
    const bullet = BULLET_ITEM.exec(line);
    if (bullet) return this.item(bullet[1]!, bullet[0].length);
    const ordered = ORDERED_ITEM.exec(line);
    if (ordered) {
      // Only a list starting at 1 may interrupt a paragraph: a paragraph's next line is not read here.
      if (this.open === 'paragraph' || this.open === 'quote') return false;
      return this.item(ordered[2]!, ordered[0].length);
    }
    if (first === 0x2d /* - */ || first === 0x2a /* * */ || first === 0x2b /* + */) {
      // A marker with no text after it, or more than one space: an empty item, or one holding indented code.
      if (/^[-*+](?: |$)/.test(line)) return false;
    }
    if (/^\d{1,9}[.)](?: |$)/.test(line)) return false;
    return this.paragraphLine(line);
  }

  private heading(depth: number, content: string): boolean {
    const title = trimSpaces(content);
    if (INLINE_MARKUP.test(title)) return false;
    this.closeBlocks();
    this.open = 'none';
    const { start, end } = this;
    const children: Heading['children'] = [];
    if (title) {
      const titleStart = start + depth + 1 + (content.length - content.trimStart().length);
      children.push({ type: 'text', value: title, position: this.span(titleStart, titleStart + title.length) });
    }
    this.children.push({ type: 'heading', depth: depth as Heading['depth'], children, position: this.span(start, end) });
    return true;
  }

  /** A fenced code block, read up to its closing fence (one that is never closed is left to remark). */
  private fence(opening: string, info: string): boolean {
    if ((opening[0] === '`' && info.includes('`')) || /[\u2028\u2029]/.test(info)) return false;
    this.closeBlocks();
    this.open = 'none';
    const text = this.text;
    const blockStart = this.start;
    const startLine = this.line;
    const closing = new RegExp(`^ {0,3}${opening[0] === '`' ? '`' : '~'}{${opening.length},}[ \\t]*$`);
    for (let from = this.end + 1; from <= text.length; ) {
      const nl = text.indexOf('\n', from);
      const lineEnd = nl === -1 ? text.length : nl;
      this.line++;
      const line = text.slice(from, lineEnd);
      if (line.includes('\r')) return false;
      if (closing.test(line)) {
        this.start = from;
        this.end = lineEnd;
        this.children.push({ type: 'code', lang: null, meta: null, value: '', position: { start: this.pointAt(blockStart, startLine, blockStart), end: this.pointAt(lineEnd, this.line, from) } });
        return true;
      }
      if (nl === -1) break;
      from = nl + 1;
    }
    return false;
  }

  /**
   * A comment on one line (`<!-- strategy-lint-disable-next-line ... -->`): an HTML block that ends on
   * the line it starts, interrupting a paragraph or list. Any other HTML is left to remark.
   */
  private htmlComment(line: string): boolean {
    if (!line.startsWith('<!--') || line.startsWith('<!-->') || line.startsWith('<!--->') || line.indexOf('-->', 4) === -1) return false;
    this.closeBlocks();
    this.open = 'none';
    this.children.push({ type: 'html', value: line, position: this.span(this.start, this.end) });
    return true;
  }

  private item(marker: string, contentOffset: number): boolean {
    const { start, end } = this;
    const content = this.text.slice(start + contentOffset, end);
    // The item's text must open a paragraph (`- # x` holds a heading, `- - x` a nested list).
    if (!opensParagraph(content)) return false;
    this.closeQuote();
    if (this.list && this.listMarker !== marker) this.closeList();
    if (!this.list) {
      const ordered = marker === '.' || marker === ')';
      this.list = { type: 'list', ordered, ...(ordered ? { start: Number.parseInt(this.text.slice(start, start + contentOffset), 10) } : {}), spread: false, children: [], position: this.span(start, end) };
      this.listMarker = marker;
    } else if (this.blankSinceItem) {
      this.list.spread = true;
    }
    const paragraph: Paragraph = { type: 'paragraph', children: [], position: this.span(start + contentOffset, end) };
    const item: ListItem = { type: 'listItem', spread: false, children: [paragraph], position: this.span(start, end) };
    this.list.children.push(item);
    this.list.position!.end = item.position!.end;
    this.blankSinceItem = false;
    this.open = 'item';
    return true;
  }

  private paragraphLine(line: string): boolean {
    const { start, end } = this;
    if (this.paragraphOpen()) {
      // A lazy continuation line: `=` and `--` could underline a setext heading, `>` and `<` open blocks that interrupt.
      if (/^[=><]/.test(line) || SETEXT_DASHES.test(line)) return false;
      this.extendOpenParagraph(end);
      return true;
    }
    if (!opensParagraph(line)) return false;
    this.closeBlocks();
    this.children.push({ type: 'paragraph', children: [], position: this.span(start, end) });
    this.open = 'paragraph';
    return true;
  }

  private paragraphOpen(): boolean {
    return this.open === 'paragraph' || this.open === 'item' || this.open === 'quote';
  }

  /** Moves the end of the open paragraph (and of its list item and list) to the current line's end. */
  private extendOpenParagraph(end: number): void {
    const point = this.pointAt(end, this.line, this.start);
    if (this.open === 'quote') {
      this.quote!.position!.end = point;
    } else if (this.open === 'item') {
      const item = this.list!.children[this.list!.children.length - 1]!;
      item.children[0]!.position!.end = point;
      item.position!.end = point;
      this.list!.position!.end = point;
    } else {
      this.children[this.children.length - 1]!.position!.end = point;
    }
  }

  /**
   * `>` then text that opens or continues a paragraph, or nothing: a quote of plain paragraphs (any
   * other block inside a quote is left to remark).
   */
  private quoteLine(line: string): boolean {
    const inner = line.startsWith('> ') ? line.slice(2) : line.slice(1);
    if (inner !== '' && !opensParagraph(inner)) return false;
    const { start, end } = this;
    if (!this.quote) {
      this.closeList();
      this.quote = { type: 'blockquote', children: [], position: this.span(start, end) };
    }
    this.quote.position!.end = this.pointAt(end, this.line, start);
    this.open = inner === '' ? 'quoteBlank' : 'quote';
    return true;
  }

  private closeQuote(): void {
    if (!this.quote) return;
    this.children.push(this.quote);
    this.quote = undefined;
  }

  /** Ends the list or quote being read: the line read next starts a block of its own. */
  private closeBlocks(): void {
    this.closeList();
    this.closeQuote();
  }

  private closeList(): void {
    if (!this.list) return;
    this.children.push(this.list);
    this.list = undefined;
    this.blankSinceItem = false;
  }

  private span(from: number, to: number) {
    return { start: this.pointAt(from, this.line, this.start), end: this.pointAt(to, this.line, this.start) };
  }

  private pointAt(offset: number, line: number, lineStart: number): Point {
    return { line, column: offset - lineStart + 1, offset };
  }
}

/** Whether a line (in the first column, or an item's text) starts a paragraph, read here only if nothing else could start there. */
function opensParagraph(line: string): boolean {
  if (line === '' || /^[ \t]/.test(line)) return false;
  // `#` headings, `>` quotes, `<` HTML blocks, `[` link reference definitions, `=` (text that is safe
  // only as the paragraph's first line: kept out for simplicity), fences, breaks, list markers.
  if (/^(?:#{1,6}(?: |$)|[><[=]|`{3,}|~{3,}|[-*+](?: |$)|\d{1,9}[.)](?: |$))/.test(line)) return false;
  return !THEMATIC_BREAK.test(line) && !SETEXT_DASHES.test(line);
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 0x20) return false;
  return true;
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) === 0x20) b--;
  return s.slice(a, b);
}
