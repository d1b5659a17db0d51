import { visible } from './formatters/shared.js';

/** One line of a diff: kept (' '), removed ('-') or added ('+'). */
interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

const CONTEXT = 3;

/**
 * A unified diff of two versions of a file (what `--fix-dry-run` prints), with 3 lines of
 * context; empty when they are equal. Line endings are not shown (--fix keeps them). File text is
 * printed through `visible()` like every formatter: an escape sequence in a document must not
 * drive the terminal that previews the fix.
 */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const lines = diffLines(a, b);
  const out = [`--- ${visible(displayPath)}`, `+++ ${visible(displayPath)} (fixed)`];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.op === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that
    // is at most 2 × CONTEXT unchanged lines away.
    let start = i;
    while (start > 0 && i - start < CONTEXT && lines[start - 1]!.op === ' ') start--;
    let end = i;
    let unchanged = 0;
    for (let j = i; j < lines.length; j++) {
      if (lines[j]!.op === ' ') {
        if (++unchanged > 2 * CONTEXT) break;
      } else {
        unchanged = 0;
        end = j;
      }
    }
    const stop = Math.min(lines.length, end + 1 + CONTEXT);
    out.push(hunkHeader(lines, start, stop), ...lines.slice(start, stop).map((l) => `${l.op}${visible(l.text)}`));
    i = stop;
  }
  return `${out.join('\n')}\n`;
}

function hunkHeader(lines: readonly DiffLine[], start: number, stop: number): string {
  let oldLine = 1;
  let newLine = 1;
  for (let k = 0; k < start; k++) {
    if (lines[k]!.op !== '+') oldLine++;
    if (lines[k]!.op !== '-') newLine++;
  }
  let oldCount = 0;
  let newCount = 0;
  for (let k = start; k < stop; k++) {
    if (lines[k]!.op !== '+') oldCount++;
    if (lines[k]!.op !== '-') newCount++;
  }
  const range = (line: number, count: number) => `${count === 0 ? line - 1 : line},${count}`;
  return `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`;
}

function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body === '') return [];
  const lines = body.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Myers' O(ND) diff of two line lists (fixes change few lines, so D is small). */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  // Common prefix and suffix cost nothing to keep and make the search space small.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const out: DiffLine[] = a.slice(0, prefix).map((text) => ({ op: ' ', text }));
  out.push(...myers(midA, midB));
  out.push(...a.slice(a.length - suffix).map((text): DiffLine => ({ op: ' ', text })));
  return out;
}

function myers(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    // Past this many changes the trace would cost too much memory: show the block as replaced.
    if (d > 2000) return [...a.map((text): DiffLine => ({ op: '-', text })), ...b.map((text): DiffLine => ({ op: '+', text }))];
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [];
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number, depth: number): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) out.push({ op: ' ', text: a[--x]! }), y--;
    if (x === prevX) out.push({ op: '+', text: b[--y]! });
    else out.push({ op: '-', text: a[--x]! });
  }
  while (x > 0 && y > 0) out.push({ op: ' ', text: a[--x]! }), y--;
  return out.reverse();
}
