/**
 * Offsets ↔ positions for one file. The index keeps only this compact table (not the text),
 * so every adapter can turn a parser offset into an LSP/CLI position later.
 * Positions are 0-based lines and UTF-16 code unit columns, as LSP and JS strings use.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineMap {
  private constructor(private readonly starts: Uint32Array, readonly length: number) {}

  static of(text: string): LineMap {
    const starts: number[] = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return new LineMap(Uint32Array.from(starts), text.length);
  }

  /** A map rebuilt from its table (`table()`), as kept in the lint cache. */
  static fromTable(table: { starts: Uint32Array; length: number }): LineMap {
    return new LineMap(table.starts, table.length);
  }

  table(): { starts: Uint32Array; length: number } {
    return { starts: this.starts, length: this.length };
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.length;
    if (position.line < 0) return 0;
    const start = this.starts[position.line]!;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: { start: number; end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
