import type { Span } from '../model/span.js';
import { canonicalKey } from '../model/kinds.js';
import { detached } from '../parse/compact.js';

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

/** An ATX heading: its text (trimmed, without the `#`s), level and line (without its line break). */
export interface Heading {
  text: string;
  level: number;
  span: Span;
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
  private cachedLines: Line[] | undefined;
  private cachedHeadings: Heading[] | undefined;
  private cachedSections: SectionFact[] | undefined;
  private cachedHeaders: Map<string, KeyValueLine> | undefined;
  private cachedTable: Map<string, KeyValueLine> | undefined;

  /** `text` is the whole file; `bodyStart` skips its front matter. */
  constructor(
    private readonly text: string,
    private readonly bodyStart: number,
  ) {}

  /** Every line of the body, made only when a header, a table or an inner entity is read (sections need only the headings). */
  private get lines(): Line[] {
    return (this.cachedLines ??= [...linesOf(this.text, this.bodyStart)]);
  }

  /** The body's ATX headings (outside code and HTML comment blocks), found once. */
  private headings(): Heading[] {
    return (this.cachedHeadings ??= headingLines(this.text, this.bodyStart));
  }

  sections(): SectionFact[] {
    if (this.cachedSections) return this.cachedSections;
    const headings = this.headings();
    const content = new SectionContent(this.text, headings);
    this.cachedSections = headings.map((_, i) => content.sectionAt(i));
    return this.cachedSections;
  }

  /**
   * The sections whose heading's key (headingKey) is one of `keys`, in document order: what
   * `sections()` holds of them, without working out the content of every other section (a KEP's
   * README has a hundred headings; its template asks about one).
   */
  sectionsNamed(keys: ReadonlySet<string>): SectionFact[] {
    if (!keys.size) return [];
    if (this.cachedSections) return this.cachedSections.filter((s) => keys.has(headingKey(s.text)));
    const headings = this.headings();
    const content = new SectionContent(this.text, headings);
    const named: SectionFact[] = [];
    headings.forEach((heading, i) => {
      if (keys.has(headingKey(heading.text))) named.push(content.sectionAt(i));
    });
    return named;
  }

  /** The first section whose heading matches `name` (`A|B` alternatives; case, punctuation and numbering ignored). */
  section(name: string): SectionFact | undefined {
    const wanted = alternativeKeys(name);
    return this.sections().find((s) => wanted.includes(headingKey(s.text)));
  }

  firstHeading(): SectionFact | undefined {
    return this.sections()[0];
  }

  /**
   * The document's title: its first level-1 heading, unless list-header lines come before it (a
   * Rust RFC opens with `- Feature Name:` lines, then `# Summary` is a section, not a title).
   * Found from the headings and the head's header lines alone, without working out any section.
   */
  title(): Heading | undefined {
    const first = this.headings().find((h) => h.level === 1);
    if (!first) return undefined;
    for (const header of this.headerLines().values()) if (header.keySpan.start < first.span.start) return undefined;
    return first;
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
      for (const line of this.cachedLines ?? linesOf(this.text, this.bodyStart)) {
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
  let key = headingKeys.get(text);
  if (key === undefined) {
    // The same few headings (Summary, Motivation, Goals…) recur in every document of a family.
    if (headingKeys.size >= 10_000) headingKeys.clear();
    key = text
      .toLowerCase()
      .replace(/[*_`]/g, '')
      .replace(/^\s*(?:\d+[.)]?\s*)+/, '')
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(/\s+/g, ' ');
    // Kept by a copy of the text: a heading's text is a view into its file's, which it would keep alive.
    headingKeys.set(detached(text), key);
  }
  return key;
}

const headingKeys = new Map<string, string>();

/** The heading keys of a section name's alternatives (`A|B`: a heading matching either will do). */
export function alternativeKeys(name: string): string[] {
  return name.split('|').map(headingKey);
}

/** The body's lines in order, fenced code and HTML comment blocks marked; a reader may stop early (the header lines). */
function* linesOf(text: string, from: number): Generator<Line> {
  let fence: string | undefined;
  let html = false;
  let start = from;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (html) {
      // An HTML comment block ends at the line holding `-->`; no fence or heading opens inside it.
      yield { start, text: raw, inCode: false, inHtml: true };
      if (raw.includes('-->')) html = false;
    } else if (!fence && HTML_OPEN.test(raw)) {
      yield { start, text: raw, inCode: false, inHtml: true };
      html = !raw.slice(raw.indexOf('<!--') + 4).includes('-->');
    } else {
      const fenceMatch = FENCE.exec(raw);
      if (fenceMatch) {
        if (!fence) fence = fenceMatch[1]!;
        else if (raw.trim().startsWith(fence)) fence = undefined;
        yield { start, text: raw, inCode: true, inHtml: false };
      } else yield { start, text: raw, inCode: fence !== undefined, inHtml: false };
    }
    if (nl === -1) break;
    start = nl + 1;
  }
}

const HTML_OPEN = /^ {0,3}<!--/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/**
 * The ATX headings of the body outside fenced code and HTML comment blocks: what `linesOf` would
 * find, without making every line. Only a line whose first character after up to three spaces is
 * `#`, a backtick, `~` or `<` can be a heading or open or close a fence or an HTML comment block;
 * such a block is skipped to the line that holds its `-->`.
 */
function headingLines(text: string, from: number): Heading[] {
  const headings: Heading[] = [];
  let fence: string | undefined;
  for (let start = from; start <= text.length; ) {
    let nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    let first = start;
    while (first < end && first - start < 3 && text.charCodeAt(first) === 32) first++;
    const c = text.charCodeAt(first);
    if (c === 35 /* # */ || c === 96 /* ` */ || c === 126 /* ~ */ || c === 60 /* < */) {
      const raw = text.slice(start, end).replace(/\r$/, '');
      if (!fence && HTML_OPEN.test(raw)) {
        if (!raw.slice(raw.indexOf('<!--') + 4).includes('-->') && nl !== -1) {
          // The block ends at the first later line holding `-->`: go on after that line.
          const close = text.indexOf('-->', nl + 1);
          nl = close === -1 ? -1 : text.indexOf('\n', close);
        }
      } else {
        const fenceMatch = FENCE.exec(raw);
        if (fenceMatch) {
          if (!fence) fence = fenceMatch[1]!;
          else if (raw.trim().startsWith(fence)) fence = undefined;
        } else if (!fence) {
          const heading = ATX.exec(raw);
          if (heading) headings.push({ level: heading[1]!.length, text: (heading[2] ?? '').trim(), span: { start, end: start + raw.length } });
        }
      }
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return headings;
}

/** The HTML comments of the text (one left open runs to the end), in order. */
function commentSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (let start = text.indexOf('<!--'); start !== -1; ) {
    const close = text.indexOf('-->', start + 4);
    const end = close === -1 ? text.length : close + 3;
    spans.push({ start, end });
    start = close === -1 ? -1 : text.indexOf('<!--', end);
  }
  return spans;
}

const NOT_SPACE = /\S/g;

/** The index of the last span starting at or before `offset` (-1 when none does); spans in order. */
function lastStartingBy(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The sections of a list of headings, each worked out when asked for (in document order): a
 * section holds its heading's own text and its sub-sections' (up to the next heading of the same
 * or a higher level).
 */
class SectionContent {
  private readonly visible: VisibleText;
  /** The visible text each heading holds directly, up to the next heading (null: none), by heading. */
  private readonly own: (Span | null | undefined)[] = [];

  constructor(
    private readonly text: string,
    private readonly headings: readonly Heading[],
  ) {
    this.visible = new VisibleText(text);
  }

  private ownText(i: number): Span | null {
    let held = this.own[i];
    if (held === undefined) {
      held = this.visible.within(this.headings[i]!.span.end, this.headings[i + 1]?.span.start ?? this.text.length) ?? null;
      this.own[i] = held;
    }
    return held;
  }

  sectionAt(i: number): SectionFact {
    const { headings } = this;
    const heading = headings[i]!;
    let content: Span | undefined;
    for (let n = i; n < headings.length && (n === i || headings[n]!.level > heading.level); n++) {
      const held = this.ownText(n);
      if (held) content = { start: content?.start ?? held.start, end: held.end };
    }
    const start = heading.span.end;
    return { text: heading.text, level: heading.level, span: heading.span, content: content ?? { start, end: start }, empty: !content };
  }
}

/** Where a range holds text outside HTML comments (asked about ranges in document order, it walks the comments once). */
class VisibleText {
  private readonly comments: Span[];
  private next = 0;

  constructor(private readonly text: string) {
    this.comments = commentSpans(text);
  }

  /**
   * The lines of [from, to) that hold visible text, from the start of the first to the end of the
   * last (without its line break); undefined when there is none.
   */
  within(from: number, to: number): Span | undefined {
    const { text, comments } = this;
    while (this.next < comments.length && comments[this.next]!.end <= from) this.next++;
    // The first visible character: the first non-space one outside a comment.
    let first = -1;
    let c = this.next;
    NOT_SPACE.lastIndex = from;
    for (let m = NOT_SPACE.exec(text); m && m.index < to; m = NOT_SPACE.exec(text)) {
      while (c < comments.length && comments[c]!.end <= m.index) c++;
      const comment = comments[c];
      if (comment && comment.start <= m.index) {
        NOT_SPACE.lastIndex = comment.end;
        continue;
      }
      first = m.index;
      break;
    }
    if (first === -1) return undefined;
    // The last one, walking back from the end of the range.
    let last = to - 1;
    let k = lastStartingBy(comments, last);
    while (last > first) {
      while (k >= 0 && comments[k]!.start > last) k--;
      const comment = comments[k];
      if (comment && comment.end > last) {
        last = comment.start - 1;
        continue;
      }
      if (!/\s/.test(text[last]!)) break;
      last--;
    }
    const start = text.lastIndexOf('\n', first - 1) + 1;
    const nl = text.indexOf('\n', last);
    let end = nl === -1 ? text.length : nl;
    if (text[end - 1] === '\r') end--;
    return { start, end };
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
