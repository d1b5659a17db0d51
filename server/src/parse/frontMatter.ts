/** Locates YAML front matter (§10.11): `---` on the first line, closed by `---` or `...` on a line of its own. */
export interface FrontMatterBlock {
  /** Offset where the YAML text starts (after the opening fence line). */
  contentStart: number;
  /** Offset where the YAML text ends (start of the closing fence line). */
  contentEnd: number;
  /** Offset just after the closing fence line (end of the block); -1 when never closed. */
  end: number;
  openFence: { start: number; end: number };
}

export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const first = /^---[ \t]*\r?\n/.exec(text);
  if (!first) return undefined;
  const contentStart = first[0].length;
  const closing = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  closing.lastIndex = contentStart;
  const match = closing.exec(text);
  const openFence = { start: 0, end: 3 };
  if (!match) return { contentStart, contentEnd: text.length, end: -1, openFence };
  return { contentStart, contentEnd: match.index, end: match.index + match[0].length, openFence };
}

/** Replaces a region with spaces, keeping line breaks, so offsets stay valid for a parser that must not see it. */
export function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ') + text.slice(end);
}
