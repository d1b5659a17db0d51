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

/** A file's line starts, as the lint cache and the parsing workers pass them. */
export interface LineTable {
  starts: Uint32Array;
  length: number;
}

/**
 * Where line maps keep their line starts: runs of shared slabs, not a typed array each. A typed
 * array of its own cost each map two objects (the array and its buffer, ~180 bytes of heap) and a
 * block of native memory: 10k of them at 10k documents, for ~150 starts each. A text shorter than
 * 64 KiB (nearly every file) has starts that fit 16 bits, so they take half the room.
 * A slab lives as long as one map in it does: maps made together (a scan) die together, and an
 * editor session makes a few maps per edit, so a slab held by a few live maps stays small beside
 * what it saves.
 */
class Slabs<T extends Uint16Array | Uint32Array> {
  private slab: T;
  private used = 0;

  constructor(private readonly make: (size: number) => T) {
    this.slab = make(SLAB_ENTRIES);
  }

  /** Room for `count` starts: the slab that has it, and where in it they go. */
  take(count: number): { slab: T; first: number } {
    if (count > SLAB_ENTRIES / 4) return { slab: this.make(count), first: 0 };
    if (this.used + count > SLAB_ENTRIES) {
      this.slab = this.make(SLAB_ENTRIES);
      this.used = 0;
    }
    const first = this.used;
    this.used += count;
    return { slab: this.slab, first };
  }
}

const SLAB_ENTRIES = 1 << 15;
const shortSlabs = new Slabs((size) => new Uint16Array(size));
const longSlabs = new Slabs((size) => new Uint32Array(size));

export class LineMap {
  /** The slab holding the starts (see Slabs), at `first`, `count` of them. */
  readonly #starts: Uint16Array | Uint32Array;
  readonly #first: number;
  readonly #count: number;

  private constructor(starts: ArrayLike<number>, readonly length: number) {
    const { slab, first } = length <= 0xffff ? shortSlabs.take(starts.length) : longSlabs.take(starts.length);
    slab.set(starts, first);
    this.#starts = slab;
    this.#first = first;
    this.#count = starts.length;
  }

  static of(text: string): LineMap {
    const starts: number[] = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return new LineMap(starts, text.length);
  }

  /** A map rebuilt from its table (`table()`), as kept in the lint cache and sent by parsing workers. */
  static fromTable(table: LineTable): LineMap {
    return new LineMap(table.starts, table.length);
  }

  /** The starts in an array of their own (a parsing worker sends it; a view into a slab would send the slab). */
  table(): LineTable {
    return { starts: Uint32Array.from(this.#starts.subarray(this.#first, this.#first + this.#count)), length: this.length };
  }

  get lineCount(): number {
    return this.#count;
  }

  lineStart(line: number): number {
    return this.#starts[this.#first + Math.max(0, Math.min(line, this.#count - 1))]!;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const starts = this.#starts;
    const first = this.#first;
    let low = 0;
    let high = this.#count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[first + mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[first + low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.#count) return this.length;
    if (position.line < 0) return 0;
    const start = this.#starts[this.#first + position.line]!;
    const next = position.line + 1 < this.#count ? this.#starts[this.#first + position.line + 1]! : this.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  rangeOf(span: { start: number; end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** As JSON, its length and starts (the fields are private: JSON would not see them, and a slab is not the map's). */
  toJSON(): { starts: number[]; length: number } {
    return { starts: [...this.table().starts], length: this.length };
  }
}
