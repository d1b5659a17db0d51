import type { Span } from '../model/span.js';
import { canonicalKey } from '../model/kinds.js';

/** One `Key: value` read from Markdown text (a header line or a table row), with exact spans. */
export interface KeyValueLine {
  keyText: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
}

/** A heading and whether its section holds anything (text other than headings and HTML comments). */
export interface SectionFact {
  text: string;
  level: number;
  /** The heading's line, without its line break. */
  span: Span;
  /** The section's content (up to the next heading of the same or a higher level), trimmed. */
  content: Span;
  empty: boolean;
}

export interface Line {
  start: number;
  text: string;
  /** Inside a fenced code block (fence lines included). */
  inCode: boolean;
  /** Inside an HTML block opened by `<!--` at the start of a line, up to the line that closes it. */
  inHtml: boolean;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const HEADER_LINE = [
  /^[ \t]*[-*+][ \t]+\*\*([A-Za-z][^*:\n]*?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)$/,
  /^[ \t]*\*\*([A-Za-z][^*:\n]*?)(?::\*\*|\*\*[ \t]*:)[ \t]*(.*)$/,
  // Early Rust RFCs write `- RFC PR #: …`: a trailing `#` belongs to the key and is ignored when matching.
  /^[ \t]*[-*+][ \t]+([A-Za-z][A-Za-z0-9 _/().-]*?(?:[ \t]+#)?)[ \t]*:(?!\/\/)[ \t]*(.*)$/,
];

/** How header keys compare: as field names, a trailing `#` ignored (`RFC PR #` ≡ `RFC PR`). */
function headerKey(key: string): string {
  return canonicalKey(key.replace(/[ \t]*#$/, ''));
}

/**
 * What templates read from Markdown without a syntax tree: list-header lines of the document's
 * head, key/value table rows, and the sections. A line scan that skips fenced code and HTML
 * comment blocks (nothing in them is a heading or opens a fence, as in CommonMark); HTML comments
 * count as nothing (`<!-- write here -->` is an empty section).
 */
export class MarkdownFacts {
  private readonly lines: Line[];
  private cachedSections: SectionFact[] | undefined;
  private cachedHeaders: Map<string, KeyValueLine> | undefined;
  private cachedTable: Map<string, KeyValueLine> | undefined;

  /** `text` is the whole file; `bodyStart` skips its front matter. */
  constructor(private readonly text: string, bodyStart: number) {
    this.lines = splitLines(text, bodyStart);
  }

  sections(): SectionFact[] {
    if (this.cachedSections) return this.cachedSections;
    const lines = this.lines;
    const headings: { index: number; level: number; text: string; span: Span }[] = [];
    lines.forEach((line, index) => {
      if (line.inCode || line.inHtml) return;
      const m = ATX.exec(line.text);
      if (m) headings.push({ index, level: m[1]!.length, text: (m[2] ?? '').trim(), span: { start: line.start, end: line.start + line.text.length } });
    });
    // One pass over the lines: the visible text each heading holds directly, up to the next heading.
    const own: (Span | undefined)[] = headings.map(() => undefined);
    const visible = new VisibleText(this.text);
    let h = -1;
    for (let j = 0; j < lines.length; j++) {
      if (headings[h + 1]?.index === j) {
        h++;
        continue;
      }
      const line = lines[j]!;
      if (h < 0 || !visible.in(line)) continue;
      const end = line.start + line.text.length;
      own[h] = { start: own[h]?.start ?? line.start, end };
    }
    // A section holds its own text and its sub-sections' (up to the next heading of the same or a higher level).
    this.cachedSections = headings.map((heading, i) => {
      let content: Span | undefined;
      for (let n = i; n < headings.length && (n === i || headings[n]!.level > heading.level); n++) {
        const held = own[n];
        if (held) content = { start: content?.start ?? held.start, end: held.end };
      }
      const start = heading.span.end;
      return { text: heading.text, level: heading.level, span: heading.span, content: content ?? { start, end: start }, empty: !content };
    });
    return this.cachedSections;
  }

  /** The first section whose heading matches `name` (`A|B` alternatives; case, punctuation and numbering ignored). */
  section(name: string): SectionFact | undefined {
    const wanted = name.split('|').map(headingKey);
    return this.sections().find((s) => wanted.includes(headingKey(s.text)));
  }

  firstHeading(): SectionFact | undefined {
    return this.sections()[0];
  }

  /**
   * The document's title: its first level-1 heading, unless list-header lines come before it (a
   * Rust RFC opens with `- Feature Name:` lines, then `# Summary` is a section, not a title).
   */
  title(): SectionFact | undefined {
    const first = this.sections().find((s) => s.level === 1);
    if (!first) return undefined;
    const headerStarts = [...this.headerLines().values()].map((h) => h.keySpan.start);
    return headerStarts.some((start) => start < first.span.start) ? undefined : first;
  }

  /** The lines that start in [from, to), fenced code and HTML comment blocks marked. */
  linesIn(from: number, to: number): Line[] {
    return this.lines.filter((line) => line.start >= from && line.start < to);
  }

  /** List-header lines of the head: the lines before the first heading that is not the opening `# Title`. */
  header(key: string): KeyValueLine | undefined {
    return this.headerLines().get(headerKey(key));
  }

  private headerLines(): Map<string, KeyValueLine> {
    if (!this.cachedHeaders) {
      this.cachedHeaders = new Map();
      // A `# Title` opening the document is part of the head; a heading after header lines ends it.
      let seenTitle = false;
      for (const line of this.lines) {
        if (line.inCode || line.inHtml) continue;
        const heading = ATX.exec(line.text);
        if (heading) {
          if (heading[1] === '#' && !seenTitle && this.cachedHeaders.size === 0) {
            seenTitle = true;
            continue;
          }
          break;
        }
        for (const pattern of HEADER_LINE) {
          const m = pattern.exec(line.text);
          if (!m) continue;
          const entry = keyValue(line, m[1]!, m[2]!);
          if (!this.cachedHeaders.has(headerKey(entry.keyText))) this.cachedHeaders.set(headerKey(entry.keyText), entry);
          break;
        }
      }
    }
    return this.cachedHeaders;
  }

  /** A key/value table row (`| Owner | @sam |`) anywhere outside code; the first row with that key wins. */
  tableRow(key: string): KeyValueLine | undefined {
    if (!this.cachedTable) {
      this.cachedTable = new Map();
      for (const line of this.lines) {
        if (line.inCode || line.inHtml || !/^[ \t]*\|/.test(line.text)) continue;
        const cells = tableCells(line);
        if (cells.length < 2 || /^:?-+:?$/.test(cells[0]!.text)) continue;
        const [keyCell, valueCell] = cells as [Cell, Cell];
        const bold = /^\*\*(.*?)\*\*:?$/.exec(keyCell.text);
        const keyText = (bold ? bold[1]! : keyCell.text).replace(/:$/, '').trim();
        if (!keyText) continue;
        const keyStart = keyCell.start + keyCell.text.indexOf(keyText);
        const value = unwrapValue(valueCell.text, valueCell.start);
        const entry = { keyText, keySpan: { start: keyStart, end: keyStart + keyText.length }, ...value };
        if (!this.cachedTable.has(canonicalKey(keyText))) this.cachedTable.set(canonicalKey(keyText), entry);
      }
    }
    return this.cachedTable.get(canonicalKey(key));
  }
}

/** How headings compare: case, surrounding punctuation, numbering (`2.`, `1)`) and emphasis do not matter. */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+[.)]?\s*)+/, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let fence: string | undefined;
  let html = false;
  let start = from;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (html) {
      // An HTML comment block ends at the line holding `-->`; no fence or heading opens inside it.
      lines.push({ start, text: raw, inCode: false, inHtml: true });
      if (raw.includes('-->')) html = false;
    } else if (!fence && /^ {0,3}<!--/.test(raw)) {
      lines.push({ start, text: raw, inCode: false, inHtml: true });
      html = !raw.slice(raw.indexOf('<!--') + 4).includes('-->');
    } else {
      const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
      if (fenceMatch) {
        if (!fence) fence = fenceMatch[1]!;
        else if (raw.trim().startsWith(fence)) fence = undefined;
        lines.push({ start, text: raw, inCode: true, inHtml: false });
      } else lines.push({ start, text: raw, inCode: fence !== undefined, inHtml: false });
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

function commentSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /<!--[\s\S]*?(?:-->|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Whether lines hold text outside HTML comments; asked about lines in document order, it walks the comments once. */
class VisibleText {
  private readonly comments: Span[];
  private next = 0;

  constructor(private readonly text: string) {
    this.comments = commentSpans(text);
  }

  in(line: Line): boolean {
    const end = line.start + line.text.length;
    while (this.next < this.comments.length && this.comments[this.next]!.end <= line.start) this.next++;
    let at = line.start;
    for (let i = this.next; i < this.comments.length && this.comments[i]!.start < end; i++) {
      const comment = this.comments[i]!;
      if (comment.start > at && this.text.slice(at, comment.start).trim() !== '') return true;
      at = Math.max(at, comment.end);
    }
    return at < end && this.text.slice(at, end).trim() !== '';
  }
}

/** A `- Key: value` / `**Key:** value` line as a key and value, or undefined when the line is not one. */
export function keyValueLine(line: Line): KeyValueLine | undefined {
  for (const pattern of HEADER_LINE) {
    const m = pattern.exec(line.text);
    if (m) return keyValue(line, m[1]!, m[2]!);
  }
  return undefined;
}

function keyValue(line: Line, keyText: string, rawValue: string): KeyValueLine {
  const key = keyText.trim();
  const keyStart = line.start + line.text.indexOf(key);
  const valueStart = line.start + line.text.length - rawValue.length;
  return { keyText: key, keySpan: { start: keyStart, end: keyStart + key.length }, ...unwrapValue(rawValue, valueStart) };
}

/** Trims a Markdown value, drops a trailing hard break (`\\`, two spaces) and one pair of surrounding backticks. */
export function unwrapValue(raw: string, start: number): { value: string; valueSpan: Span } {
  let value = raw.replace(/\\$/, '');
  const lead = value.length - value.trimStart().length;
  value = value.trim();
  let offset = start + lead;
  const ticks = /^`([^`]*)`$/.exec(value);
  if (ticks) {
    value = ticks[1]!;
    offset += 1;
  }
  return { value, valueSpan: { start: offset, end: offset + value.length } };
}

export interface Cell {
  text: string;
  start: number;
  /** Everything between the cell's pipes (where an empty cell's value belongs). */
  inner: Span;
}

export function tableCells(line: Line): Cell[] {
  const cells: Cell[] = [];
  const text = line.text;
  let i = text.indexOf('|') + 1;
  let cellStart = i;
  for (; i <= text.length; i++) {
    if (i < text.length && text[i] === '\\') {
      i++;
      continue;
    }
    if (i === text.length || text[i] === '|') {
      const raw = text.slice(cellStart, i);
      const lead = raw.length - raw.trimStart().length;
      if (i < text.length || raw.trim()) cells.push({ text: raw.trim(), start: line.start + cellStart + lead, inner: { start: line.start + cellStart, end: line.start + i } });
      cellStart = i + 1;
    }
  }
  return cells;
}
