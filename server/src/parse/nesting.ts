/**
 * A cheap guard run before remark: how deeply a Markdown file nests lists and block quotes.
 * remark-parse's time grows with the square of the nesting depth for every line (a list nested
 * 1,000 deep under an entity heading took over 30 s, and the editor, which handles one job at a
 * time, froze with it). Past MAX_NESTING the file is not handed to remark at all.
 */

/** Deepest nesting analysed. Real documents rarely nest past 10; 50 levels parse in well under a second. */
export const MAX_NESTING = 50;

/** Columns of indentation taken as one level of list nesting (a `- ` item nests its children 2 columns in). */
const COLUMNS_PER_LEVEL = 2;

export interface TooDeep {
  /** Offset of the first line nested deeper than MAX_NESTING, and of its end. */
  start: number;
  end: number;
  depth: number;
}

/**
 * The first line whose container prefix (indentation, `>` quote markers, list markers) is deeper
 * than MAX_NESTING levels, estimated from above: every marker is a level, and so is every two
 * columns of indentation. Lines inside fenced code blocks do not count. Linear in the text's length.
 */
export function tooDeeplyNested(text: string): TooDeep | undefined {
  let fence: string | undefined;
  let lineStart = 0;
  while (lineStart < text.length) {
    let next = text.indexOf('\n', lineStart);
    if (next === -1) next = text.length;
    const lineEnd = next > lineStart && text[next - 1] === '\r' ? next - 1 : next;
    let i = lineStart;
    let columns = 0;
    let markers = 0;
    for (;;) {
      const ch = text[i];
      if (ch === ' ') columns++;
      else if (ch === '\t') columns += 4;
      else if (ch === '>') markers++;
      else if ((ch === '-' || ch === '*' || ch === '+') && isBlank(text[i + 1])) markers++;
      else if (ch !== undefined && ch >= '0' && ch <= '9') {
        let j = i;
        while (j < lineEnd && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
        if ((text[j] === '.' || text[j] === ')') && isBlank(text[j + 1])) {
          markers++;
          i = j;
        } else break;
      } else break;
      i++;
      if (i >= lineEnd) break;
    }
    const rest = text.slice(i, Math.min(lineEnd, i + 3));
    if (fence) {
      if (rest.startsWith(fence)) fence = undefined;
    } else if (rest === '```' || rest === '~~~') {
      fence = rest;
    } else if (markers > 0 || i < lineEnd) {
      // (A line of white space alone is blank: it nests nothing. Blanked-out front matter is such lines.)
      const depth = markers + Math.floor(columns / COLUMNS_PER_LEVEL);
      if (depth > MAX_NESTING) return { start: lineStart, end: lineEnd, depth };
    }
    lineStart = next + 1;
  }
  return undefined;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === undefined;
}
