import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { NO_FINDINGS, tallyOf, type FindingTally } from '../model/findingTally.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import { replaceFile } from '../files/replaceFile.js';
import { LineMap } from '../text/lineMap.js';
import type { DiagnosticsEncoding } from '../lsp/diagnosticsEncoding.js';
import { decodeParse, encodeParse, restoreParse } from './parseCodec.js';
import { PinnedFile, sameFile, type FileStamp, type Part } from './pinnedFile.js';
import { renderPublishedForm } from './publishedForm.js';
import { readPublishedForm } from './publishedFormText.js';
import { contentHash } from '../parse/contentHash.js';

/**
 * The lint cache on disk (`--cache`, SPEC §8; the language server reads it too). One file, trusted
 * only when every check passes:
 *
 *     strategy-lint cache\n
 *     {"format":9,"key":"…","endian":"LE"}\n
 *     findings: each file's findings, JSON, one after the other
 *     parses:   each file's parse result, JSON (parseCodec), one after the other
 *     diagnostics: each file's findings as the language server publishes them (publishedForm.ts), one after the other
 *     pieces:   each file's piece of the CLI's report (PiecewiseFormatter), UTF-8, one after the other
 *     lines:    each file's line starts, Uint32 in the machine's byte order
 *     manifest: JSON, one row per file (its identity, flags, where its other parts lie, how many findings of each severity)
 *     trailer:  {"manifest":[offset,bytes,crc32],"lines":[offset,bytes,crc32],"pieces":"…"}, spaces up to 192 bytes, \n
 *
 * A run reads the header, the trailer, the file list and the line maps; a file's findings and parse
 * result are read when asked for, through a window that moves along the file (they are asked for in
 * the order they were written), so that no run holds the whole cache in memory: a run where nothing
 * changed reads only the findings it prints, and a run that prints stored findings decodes each file's
 * as it prints them (its counts are in the file list), so that they are not all in memory at once. Each part
 * carries its own CRC-32 (in the manifest), so a damaged part is never decoded into something half right, and the
 * file list and the trailer are written last, once every part has its place. The published form of a
 * file's findings names lines and columns of the files their related places lie in: it is rendered
 * again when one of those files changed (renderedFrom), even when the findings themselves stand. A run that changed a
 * few files writes their new parts, the line starts, the file list and the trailer over the end of
 * the file and leaves the rest in place (saveCache says when the file is written anew instead).
 *
 * The pieces are those of one format and context (the trailer's `pieces`, a hash of the formatter's
 * pieceKey): a run that prints in that format prints a file whose findings stand from its stored
 * piece, without decoding the findings (at 10k heavy documents, ~0.3 s of a run that changed one
 * file, of ~2.5 s). A piece reads only its own file's findings and line map, so it stands while they do.
 */
const MAGIC = 'strategy-lint cache\n';
const FORMAT = 10;
const ENDIAN = endianness();
const TRAILER_BYTES = 192;

/** What a file is, as the cache compares it: where, its metadata, its content and what its parse read. */
export interface FileIdentity {
  path: string;
  size: number;
  mtimeMs: number;
  /** Content hash (ParsedFile.hash). */
  hash: string;
  /** The templates that read the file (ParsedFile.templateKey): the parse depends on them too. */
  templateKey: string;
  /** The other files the parse read, by content (a KEP's README.md beside its kep.yaml); '' when none. */
  inputsKey: string;
}

/** What the cache remembers of one file. */
export interface CacheEntry extends Readonly<FileIdentity> {
  readonly participates: boolean;
  /**
   * The rules some of whose findings here have fixes that follow the whole workspace (candidates
   * from every file): re-checked when what the workspace declares changes; marked '>' when they
   * edit other files (re-checked after any change).
   */
  readonly followRules: readonly string[];
  /** Whether the file's findings are stored (a file loaded only to resolve references has none). */
  readonly hasFindings: boolean;
  /** Whether the file's parse result is stored (one the codec could not write is parsed again). */
  readonly hasParse: boolean;
  /** How many findings of each severity are stored (all zero when none are). */
  readonly tally: FindingTally;
  /** Whether the findings are stored as the language server publishes them too (a file with findings). */
  readonly hasDiagnostics: boolean;
  /** The other files whose line maps the published form read (where related places lie). */
  readonly renderedFrom: readonly string[];
  /** Whether the file's piece of the report is stored (for the cache's piecesKey; it may be empty). */
  readonly hasPiece: boolean;
  /** @internal where the parts lie in the file: [offset, bytes, crc32] of findings, parse, diagnostics and piece, [index, count, text length] of the line starts. */
  readonly at: { findings: Part; lines: [number, number, number]; parse: Part; diagnostics: Part; piece: Part };
}


/** The Part of what is not stored (a Part's bytes 0). */
const NO_PART: Part = [0, 0, 0];

export type CacheReadResult = { ok: true; cache: LintCache } | { ok: false; reason: 'missing' | 'corrupt' | 'stale' };

interface Header {
  format: number;
  key: string;
  endian: string;
}

interface Trailer {
  manifest: Part;
  lines: Part;
  /** The hash of the pieceKey the stored pieces were made for (absent: none are stored). */
  pieces?: string;
}

/**
 * [path, size, mtimeMs, hash, templateKey, inputsKey, flags, follow rules, findings offset, bytes, crc, lines index, count, text length, parse offset, bytes, crc,
 *  findings, errors, warnings, diagnostics offset, bytes, crc, rows rendered from, piece offset, bytes, crc, fixable errors, warnings, infos]
 */
type ManifestRow = [string, number, number, string, string, string, number, string, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number[], number, number, number, number, number, number];
const PARTICIPATES = 1;
/** The row's piece is stored (its bytes may be none: an empty piece). */
const HAS_PIECE = 2;

/** What a cache file names the pieceKey its pieces were made for by (the trailer holds little). */
function piecesKeyHash(pieceKey: string): string {
  return contentHash(pieceKey);
}

/** A cache read from disk: its entries, and their parts read and decoded on demand. */
export class LintCache {
  private readonly byPath: Map<string, CacheEntry>;

  /** @internal */
  constructor(
    readonly entries: readonly CacheEntry[],
    private readonly lineStarts: Uint32Array,
    private readonly parts: PartReader,
    /** The hash of the pieceKey the stored pieces were made for (undefined: none are stored). */
    private readonly piecesKey: string | undefined,
  ) {
    this.byPath = new Map(entries.map((e) => [e.path, e]));
  }

  /** @internal the trailer's `pieces` */
  piecesKeyHash(): string | undefined {
    return this.piecesKey;
  }

  /** Whether the stored pieces are those of this pieceKey (PiecewiseFormatter). */
  piecesMadeFor(pieceKey: string): boolean {
    return this.piecesKey !== undefined && this.piecesKey === piecesKeyHash(pieceKey);
  }

  /**
   * The file's stored piece of the report; undefined when none is stored or its bytes are damaged.
   * Read as findings are (from the file held open once canReadFindingsLater said yes).
   */
  piece(entry: CacheEntry): string | undefined {
    if (!entry.hasPiece) return undefined;
    if (entry.at.piece[1] === 0) return '';
    const bytes = this.partBytesOf(entry, 'piece') ?? this.pinned?.read(entry.at.piece);
    return bytes?.toString('utf8');
  }

  get(filePath: string): CacheEntry | undefined {
    return this.byPath.get(filePath);
  }

  lineMap(entry: CacheEntry): LineMap {
    const [offset, count, length] = entry.at.lines;
    return LineMap.fromTable({ starts: this.lineStarts.subarray(offset, offset + count), length });
  }

  /**
   * Whether the file's stored findings are sound (their CRC-32 checks) and `findings` can still read
   * them after this run or another wrote the cache (from the file held open, see PinnedFile): a run
   * that prints stored findings then decodes each file's as it prints them.
   */
  canReadFindingsLater(entry: CacheEntry): boolean {
    return this.findingsBytesOf(entry) !== undefined && this.pin() !== undefined;
  }

  /**
   * The file's findings; undefined when none are stored or their bytes are damaged. The paths they
   * name are the file list's own strings (JSON.parse makes one string per occurrence: ~6 MB of copies
   * of ~70 bytes each for the 37k findings of 10k heavy documents, kept until they are printed).
   */
  findings(entry: CacheEntry): Finding[] | undefined {
    const bytes = this.findingsBytesOf(entry) ?? (entry.hasFindings ? this.pinned?.read(entry.at.findings) : undefined);
    if (!bytes) return undefined;
    const shared = (path: string) => (path === entry.path ? entry.path : (this.byPath.get(path)?.path ?? path));
    try {
      const findings = JSON.parse(bytes.toString('utf8')) as Finding[];
      for (const finding of findings) {
        if (finding.file !== undefined) finding.file = shared(finding.file);
        for (const related of finding.related ?? []) related.file = shared(related.file);
        for (const fix of finding.fixes ?? []) for (const edit of fix.edits) edit.file = shared(edit.file);
      }
      return findings;
    } catch {
      return undefined;
    }
  }

  /**
   * The file's parse result; undefined when none is stored, its bytes are damaged (or the cache file
   * was replaced since it was opened), or it names a template `templateOf` does not know.
   */
  parse(entry: CacheEntry, templateOf: (identity: string) => CompiledTemplate | undefined): ParsedFile | undefined {
    const bytes = this.parseBytesOf(entry);
    if (!bytes) return undefined;
    return decodeParse(bytes.toString('utf8'), { path: entry.path, hash: entry.hash, templateKey: entry.templateKey, lineMap: this.lineMap(entry) }, templateOf);
  }

  /**
   * The file's parse result as `parse` gives it, but with each entity's fields decoded when first
   * read, except those a run reads of every entity (parseCodec's restoreParse): for a run that
   * restores the whole workspace to re-check a few files.
   */
  restoredParse(entry: CacheEntry, templateOf: (identity: string) => CompiledTemplate | undefined, keep = false): ParsedFile | undefined {
    const bytes = this.parseBytesOf(entry);
    if (!bytes) return undefined;
    // The other fields are read again when first needed, from the file as it was read (see PinnedFile); without it, or with `keep`, they are kept.
    const pinned = keep ? undefined : this.pin();
    const again = pinned ? () => pinned.read(entry.at.parse) : undefined;
    return restoreParse(bytes, { path: entry.path, hash: entry.hash, templateKey: entry.templateKey, lineMap: this.lineMap(entry) }, templateOf, again);
  }

  private pinned: PinnedFile | null | undefined;

  /** The file this cache was read from, held open from the first call on (undefined when it changed before). */
  private pin(): PinnedFile | undefined {
    return (this.pinned ??= this.parts.pin() ?? null) ?? undefined;
  }

  /**
   * @internal where the parts of this cache lie in its file, when `location` names the file it was
   * read from and the reader has not seen it change since
   */
  placeIn(location: string): { stamp: FileStamp; partsStart: number; partsEnd: number } | undefined {
    return this.parts.placeIn(location);
  }

  /** @internal saveCache wrote over the file this cache was read from, or replaced it. */
  wasWritten(): void {
    this.parts.wasWritten(this.pinned ?? undefined);
  }

  /**
   * The file's findings as the language server publishes them (publishedForm.ts); undefined when none
   * are stored or their bytes are damaged.
   */
  publishedForm(entry: CacheEntry): DiagnosticsEncoding | undefined {
    const bytes = this.partBytesOf(entry, 'diagnostics');
    return bytes && readPublishedForm(bytes.toString('utf8'));
  }

  /** The identity of the file this cache was read from, while it is read from `location` (for another thread to read its parts: PinnedFile). */
  stampIn(location: string): FileStamp | undefined {
    return this.parts.placeIn(location)?.stamp;
  }

  /**
   * @internal a stored part (none stored: undefined), checked against its CRC-32: a view into a
   * buffer the next read may replace (use it at once)
   */
  partBytesOf(entry: CacheEntry, kind: PartKind): Buffer | undefined {
    return entry.at[kind][1] > 0 ? this.parts.read(entry.at[kind]) : undefined;
  }

  /** @internal the stored findings, checked (partBytesOf) */
  findingsBytesOf(entry: CacheEntry): Buffer | undefined {
    return this.partBytesOf(entry, 'findings');
  }

  /** @internal the stored parse result, checked (partBytesOf) */
  parseBytesOf(entry: CacheEntry): Buffer | undefined {
    return this.partBytesOf(entry, 'parse');
  }
}

/** The most a window holds, and the least it starts with. */
const WINDOW_BYTES = 4 << 20;
const FIRST_WINDOW_BYTES = 64 << 10;

/**
 * Reads stored parts through a window of the file. Parts asked for one after the other (as a run
 * asks for them: in the order they were written) come from one read, which doubles in size up to
 * 4 MiB while the reads stay in order; a jump elsewhere starts again from 64 KiB, so that parts read
 * out of order cost little more than themselves. The file is opened for each window and must still
 * be the one the manifest was read from (a run may replace it: then nothing more is read from it).
 */
class PartReader {
  private window: Buffer | undefined;
  /**
   * The memory windows are read into, reused (a part is used at once: see partBytesOf): a buffer per
   * window stayed outside the heap until a collection freed it, and a run that reads its findings
   * and report from the cache allocates little on the heap to prompt one (~40 MB more resident at
   * 10k heavy documents).
   */
  private memory: Buffer | undefined;
  private windowAt = 0;
  private nextBytes = FIRST_WINDOW_BYTES;
  private gone = false;

  constructor(
    private readonly location: string,
    private readonly stamp: FileStamp,
    /** Where the parts begin (after the header) and end (the line starts follow them). */
    private readonly partsStart: number,
    private readonly partsEnd: number,
  ) {}

  placeIn(location: string): { stamp: FileStamp; partsStart: number; partsEnd: number } | undefined {
    return location === this.location && !this.gone ? { stamp: this.stamp, partsStart: this.partsStart, partsEnd: this.partsEnd } : undefined;
  }

  /**
   * The file was written since: nothing more comes from the window. Later windows are read through
   * `pinned` (the file as it was read, held open), which still holds every part; without it the next
   * read finds the file changed (a run that prints stored pieces after writing the cache would
   * otherwise read each through a call of its own: ~60 ms at 10k heavy documents).
   */
  wasWritten(pinned?: PinnedFile): void {
    this.window = undefined;
    this.through = pinned;
  }

  private through: PinnedFile | undefined;

  /** The file held open (PinnedFile), while it is still the one read. */
  pin(): PinnedFile | undefined {
    return this.gone ? undefined : PinnedFile.open(this.location, this.stamp);
  }

  /** The part's bytes, checked against its CRC-32; undefined when they are damaged or cannot be read. */
  read([at, bytes, crc]: Part): Buffer | undefined {
    if (!(at >= this.partsStart && bytes > 0 && at + bytes <= this.partsEnd)) return undefined;
    const view = this.windowed(at, bytes);
    return view && crc32(view) === crc ? view : undefined;
  }

  private windowed(at: number, bytes: number): Buffer | undefined {
    const window = this.window;
    if (window && at >= this.windowAt && at + bytes <= this.windowAt + window.length) return window.subarray(at - this.windowAt, at - this.windowAt + bytes);
    // The file held open still holds every part, though the file at `location` changed.
    if (this.gone && !this.through) return undefined;
    // In order (at or just past the window's end): a larger window; out of order: a small one.
    const inOrder = window !== undefined && at >= this.windowAt + window.length && at < this.windowAt + window.length + WINDOW_BYTES;
    this.nextBytes = inOrder ? Math.min(this.nextBytes * 2, WINDOW_BYTES) : FIRST_WINDOW_BYTES;
    const length = Math.min(Math.max(this.nextBytes, bytes), this.partsEnd - at);
    if (!this.memory || this.memory.length < length) this.memory = Buffer.allocUnsafe(Math.max(length, Math.min(2 * (this.memory?.length ?? 0), WINDOW_BYTES)));
    const buffer = this.memory.subarray(0, length);
    // The window is replaced: no view of the old one is read again.
    this.window = undefined;
    if (this.through) {
      if (this.through.readInto(buffer, at) !== length) return undefined;
      this.window = buffer;
      this.windowAt = at;
      return buffer.subarray(0, bytes);
    }
    let fd: number | undefined;
    try {
      fd = openSync(this.location, 'r');
      const stat = fstatSync(fd);
      if (!sameFile(stat, this.stamp)) {
        this.gone = true;
        return undefined;
      }
      if (readSync(fd, buffer, 0, length, at) !== length) return undefined;
      this.window = buffer;
      this.windowAt = at;
      return buffer.subarray(0, bytes);
    } catch {
      this.gone = true;
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/**
 * Reads the cache at `location` written under `key` (cacheKey: tool, configuration, strategy);
 * anything else (missing, damaged, foreign, written for another key or format) is not used.
 * Reads the file list and the line maps; findings and parse results are read when first asked for.
 */
export function loadCache(location: string, key: string): CacheReadResult {
  let fd: number;
  try {
    fd = openSync(location, 'r');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  try {
    const stat = fstatSync(fd);
    const size = stat.size;
    const head = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return { ok: false, reason: 'corrupt' };
    const headerEnd = head.indexOf(0x0a, MAGIC.length);
    if (headerEnd === -1) return { ok: false, reason: 'corrupt' };
    const header = JSON.parse(head.subarray(MAGIC.length, headerEnd).toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || header.key !== key || header.endian !== ENDIAN) return { ok: false, reason: 'stale' };
    const partsStart = headerEnd + 1;
    if (size < partsStart + TRAILER_BYTES) return { ok: false, reason: 'corrupt' };
    const tail = Buffer.alloc(TRAILER_BYTES);
    if (readSync(fd, tail, 0, TRAILER_BYTES, size - TRAILER_BYTES) !== TRAILER_BYTES || tail[TRAILER_BYTES - 1] !== 0x0a) return { ok: false, reason: 'corrupt' };
    const trailer = JSON.parse(tail.toString('utf8')) as Partial<Trailer>;
    const [linesAt, linesBytes, linesCrc] = trailer.lines ?? [NaN, NaN, NaN];
    const [manifestAt, manifestBytes, manifestCrc] = trailer.manifest ?? [NaN, NaN, NaN];
    // The line starts, then the file list, then the trailer: nothing between them.
    if (!(Number.isSafeInteger(linesAt) && linesAt >= partsStart && linesBytes % 4 === 0 && manifestAt === linesAt + linesBytes && manifestAt + manifestBytes === size - TRAILER_BYTES)) return { ok: false, reason: 'corrupt' };
    const back = Buffer.allocUnsafe(linesBytes + manifestBytes);
    if (readSync(fd, back, 0, back.length, linesAt) !== back.length) return { ok: false, reason: 'corrupt' };
    const lines = back.subarray(0, linesBytes);
    const manifest = back.subarray(linesBytes);
    if (crc32(manifest) !== manifestCrc || crc32(lines) !== linesCrc) return { ok: false, reason: 'corrupt' };
    const rows = JSON.parse(manifest.toString('utf8')) as ManifestRow[];
    if (!Array.isArray(rows)) return { ok: false, reason: 'corrupt' };
    // A copy, aligned for the Uint32Array (the buffer's own offset may not be).
    const lineStarts = new Uint32Array(linesBytes / 4);
    Buffer.from(lineStarts.buffer).set(lines);
    const entries = rows.map((row) => entryOf(row, rows));
    const stamp = { dev: stat.dev, ino: stat.ino, size, mtimeMs: stat.mtimeMs };
    const pieces = typeof trailer.pieces === 'string' ? trailer.pieces : undefined;
    return { ok: true, cache: new LintCache(entries, lineStarts, new PartReader(location, stamp, partsStart, linesAt), pieces) };
  } catch {
    return { ok: false, reason: 'corrupt' };
  } finally {
    closeSync(fd);
  }
}

const NOTHING_RENDERED_FROM: readonly string[] = Object.freeze([]);

function entryOf(row: ManifestRow, rows: readonly ManifestRow[]): CacheEntry {
  const [path, size, mtimeMs, hash, templateKey, inputsKey, flags, follow, fOffset, fBytes, fCrc, lOffset, lCount, length, pOffset, pBytes, pCrc, total, errors, warnings, dOffset, dBytes, dCrc, , sOffset, sBytes, sCrc, fixableErrors, fixableWarnings, fixableInfos] = row;
  return {
    path,
    size,
    mtimeMs,
    hash,
    templateKey,
    inputsKey,
    participates: (flags & PARTICIPATES) !== 0,
    followRules: follow ? follow.split(',') : [],
    hasFindings: fBytes > 0,
    hasParse: pBytes > 0,
    tally: fBytes > 0 ? { total, errors, warnings, fixableErrors, fixableWarnings, fixableInfos } : NO_FINDINGS,
    hasDiagnostics: dBytes > 0,
    // A row that is not there throws: the file list is damaged.
    renderedFrom: row[23].length ? row[23].map((j) => rows[j]![0]) : NOTHING_RENDERED_FROM,
    hasPiece: (flags & HAS_PIECE) !== 0,
    at: { findings: [fOffset, fBytes, fCrc], lines: [lOffset, lCount, length], parse: [pOffset, pBytes, pCrc], diagnostics: [dOffset, dBytes, dCrc], piece: [sOffset, sBytes, sCrc] },
  };
}

/** One file as saveCache writes it. Parts given as a cache entry are copied from `previous` as they are. */
export interface CacheRecord extends FileIdentity {
  participates: boolean;
  followRules: readonly string[];
  lineMap: LineMap;
  /** Absent: none stored (the file was loaded only to resolve references). */
  findings?: readonly Finding[] | CacheEntry;
  parse: ParsedFile | CacheEntry;
  /**
   * The file's piece of the report, for saveCache's pieceKey: kept from an entry of `previous`
   * (whose pieces were made for the same key), or made when written (undefined: none stored).
   */
  piece?: CacheEntry | (() => string | undefined);
}

/**
 * The pieces (CacheRecord.piece) a save stores: those of a pieceKey, or those `previous` held, under
 * its key (a run in another format keeps them for the next run in theirs); absent: none.
 */
export type PiecesSaved = { pieceKey: string } | 'as before';

/**
 * Writes the cache for `records` to `location` (folders made as needed). Parts given as entries of
 * `previous` are kept: when `previous` is the file at `location`, as it was read, and at most half
 * of what it would then hold is dead (parts no record names any more), the new parts, line starts,
 * file list and trailer are written over its end, and everything before stays where it is (one file
 * changed: a few KiB, not the whole cache); otherwise the whole file is written anew, to a temporary
 * file renamed over it at once, the parts of `previous` copied (checked on the way: a damaged one is
 * left out). Throws when the file cannot be written.
 */
export function saveCache(location: string, key: string, records: readonly CacheRecord[], previous?: LintCache, pieces?: PiecesSaved): void {
  mkdirSync(path.dirname(location), { recursive: true });
  // Read before the file is written over (its end moves as the new parts go in).
  const again = findingsToRenderAgain(records, previous);
  const piecesKey = pieces === 'as before' ? previous?.piecesKeyHash() : pieces && piecesKeyHash(pieces.pieceKey);
  try {
    if (previous && writeOverEnd(location, records, previous, again, piecesKey)) return;
    replaceFile(location, (temp) => {
      const out = new FileWriter(openSync(temp, 'wx', 0o666), 0);
      try {
        const header: Header = { format: FORMAT, key, endian: ENDIAN };
        out.write(Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'));
        writeBody(out, records, (entry, kind) => out.part(previous?.partBytesOf(entry, kind), entry.at[kind][2]), again, piecesKey);
      } finally {
        out.close();
      }
    });
  } finally {
    // The file it was read from is written over or replaced: from now on its parts come through the file held open.
    previous?.wasWritten();
  }
}

/**
 * Writes the records over the end of the cache file `previous` was read from, keeping its parts in
 * place; false (nothing written) when that file is not the one read, or when it would be more than
 * half dead. A run stopped half-way leaves a file whose trailer or file list fails its checks: the
 * next run rewrites it. A reader that opened the file before sees it changed and reads no more of it.
 */
function writeOverEnd(location: string, records: readonly CacheRecord[], previous: LintCache, again: RenderAgain, pieces: string | undefined): boolean {
  const place = previous.placeIn(location);
  if (!place) return false;
  let kept = 0;
  for (const r of records) {
    if (r.findings && isEntry(r.findings) && r.findings.hasFindings) kept += r.findings.at.findings[1];
    if (isEntry(r.parse) && r.parse.hasParse) kept += r.parse.at.parse[1];
    if (r.findings && isEntry(r.findings) && r.findings.hasDiagnostics) kept += r.findings.at.diagnostics[1];
    if (r.piece && isEntry(r.piece)) kept += r.piece.at.piece[1];
  }
  if (place.partsEnd - place.partsStart > 2 * kept) return false;
  let fd: number;
  try {
    fd = openSync(location, 'r+');
  } catch {
    return false;
  }
  try {
    if (!sameFile(fstatSync(fd), place.stamp)) return false;
    const out = new FileWriter(fd, place.partsEnd);
    writeBody(out, records, (entry, kind) => (entry.at[kind][1] > 0 ? entry.at[kind] : NO_PART), again, pieces);
    ftruncateSync(fd, out.end);
    return true;
  } finally {
    closeSync(fd);
  }
}

type PartKind = 'findings' | 'parse' | 'diagnostics' | 'piece';

/**
 * Everything after the header: the records' findings, then their parse results, then their findings'
 * published form (each kind in a run of its own, in the records' order: the order a later run reads
 * them in; `kept` places a part an entry of the earlier cache holds), the line starts, the file list
 * and the trailer.
 */
function writeBody(out: FileWriter, records: readonly CacheRecord[], kept: (entry: CacheEntry, kind: PartKind) => Part, again: RenderAgain, piecesKey: string | undefined): void {
  const findings = records.map((r): Part => {
    if (!r.findings) return NO_PART;
    if (isEntry(r.findings)) return kept(r.findings, 'findings');
    return out.textPart(JSON.stringify(r.findings));
  });
  const parses = records.map((r): Part => {
    if (isEntry(r.parse)) return kept(r.parse, 'parse');
    const text = encodeParse(r.parse);
    return text === undefined ? NO_PART : out.textPart(text);
  });
  const published = writePublishedForms(out, records, kept, again);
  const pieces = piecesKey === undefined ? records.map(() => undefined) : records.map((r) => writePiece(out, r.piece, kept));
  const tables = records.map((r) => r.lineMap.table());
  const lineStarts = new Uint32Array(tables.reduce((n, t) => n + t.starts.length, 0));
  const rows: ManifestRow[] = [];
  const rowOf = new Map(records.map((r, i) => [r.path, i]));
  let lineCount = 0;
  records.forEach((r, i) => {
    const table = tables[i]!;
    lineStarts.set(table.starts, lineCount);
    const tally = !r.findings ? NO_FINDINGS : isEntry(r.findings) ? r.findings.tally : tallyOf(r.findings);
    const piece = pieces[i];
    const flags = (r.participates ? PARTICIPATES : 0) | (piece ? HAS_PIECE : 0);
    rows.push([r.path, r.size, r.mtimeMs, r.hash, r.templateKey, r.inputsKey, flags, r.followRules.join(','), ...findings[i]!, lineCount, table.starts.length, table.length, ...parses[i]!, tally.total, tally.errors, tally.warnings, ...published[i]!.part, [...published[i]!.renderedFrom].map((p) => rowOf.get(p)!), ...(piece ?? NO_PART), tally.fixableErrors, tally.fixableWarnings, tally.fixableInfos]);
    lineCount += table.starts.length;
  });
  const lines = out.part(Buffer.from(lineStarts.buffer, lineStarts.byteOffset, lineStarts.byteLength));
  const manifest = out.part(Buffer.from(JSON.stringify(rows), 'utf8'));
  const trailer: Trailer = { manifest, lines, ...(piecesKey !== undefined ? { pieces: piecesKey } : {}) };
  out.write(Buffer.from(JSON.stringify(trailer).padEnd(TRAILER_BYTES - 1) + '\n', 'utf8'));
  out.flush();
}

/** Stored findings whose published form is rendered again, read from the earlier cache (undefined: damaged). */
type RenderAgain = ReadonlyMap<CacheEntry, readonly Finding[] | undefined>;

/**
 * The stored findings (of the earlier cache) whose published form reads the line map of a file this
 * save changes: parsed again, added or removed. Their findings stand, their lines and columns may not.
 */
function findingsToRenderAgain(records: readonly CacheRecord[], previous: LintCache | undefined): RenderAgain {
  const again = new Map<CacheEntry, readonly Finding[] | undefined>();
  if (!previous) return again;
  const known = new Set(records.map((r) => r.path));
  const moved = new Set(records.filter((r) => !isEntry(r.parse)).map((r) => r.path));
  for (const entry of previous.entries) if (!known.has(entry.path)) moved.add(entry.path);
  if (!moved.size) return again;
  for (const r of records) {
    const entry = r.findings && isEntry(r.findings) ? r.findings : undefined;
    if (entry?.renderedFrom.some((p) => moved.has(p))) again.set(entry, previous.findings(entry));
  }
  return again;
}

/**
 * The published form of each record's findings (publishedForm.ts): rendered for findings of this
 * run and for those `again` holds, kept for other stored findings. The line maps are the records':
 * those the cache will hold.
 */
function writePublishedForms(out: FileWriter, records: readonly CacheRecord[], kept: (entry: CacheEntry, kind: PartKind) => Part, again: RenderAgain): { part: Part; renderedFrom: Iterable<string> }[] {
  let lineMaps: Map<string, LineMap> | undefined;
  const lineMapOf = (path: string) => (lineMaps ??= new Map(records.map((r) => [r.path, r.lineMap]))).get(path);
  return records.map((r) => {
    if (!r.findings) return { part: NO_PART, renderedFrom: [] };
    let findings: readonly Finding[] | undefined = r.findings as readonly Finding[];
    if (isEntry(r.findings)) {
      const entry = r.findings;
      if (entry.hasDiagnostics && !again.has(entry)) return { part: kept(entry, 'diagnostics'), renderedFrom: entry.renderedFrom };
      findings = again.get(entry);
    }
    const form = findings && renderPublishedForm(findings, r.lineMap, lineMapOf);
    return form ? { part: out.textPart(...form.text), renderedFrom: form.renderedFrom } : { part: NO_PART, renderedFrom: [] };
  });
}

/**
 * A record's piece written (or kept): where it lies, or undefined when none is stored. An empty
 * piece is stored as no bytes (HAS_PIECE says it is there); a kept one whose bytes prove damaged is not stored.
 */
function writePiece(out: FileWriter, piece: CacheRecord['piece'], kept: (entry: CacheEntry, kind: PartKind) => Part): Part | undefined {
  if (piece === undefined) return undefined;
  if (isEntry(piece)) {
    if (!piece.hasPiece) return undefined;
    if (piece.at.piece[1] === 0) return NO_PART;
    const part = kept(piece, 'piece');
    return part[1] > 0 ? part : undefined;
  }
  const text = piece();
  return text === undefined ? undefined : out.textPart(text);
}

function isEntry(value: object): value is CacheEntry {
  return 'at' in value && 'hasParse' in value;
}

/** A file written from `start` on, through a buffer (parts copied from the old cache are small and many). */
class FileWriter {
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private buffered = 0;
  /** Where the buffer goes in the file. */
  private flushed: number;
  /** The offset of the next byte written (buffered or not): where the next part lies. */
  end: number;

  constructor(
    private readonly fd: number,
    start: number,
  ) {
    this.flushed = start;
    this.end = start;
  }

  /** Writes a part and says where it lies; no bytes (a part not stored): NO_PART. */
  part(bytes: Uint8Array | undefined, crc?: number): Part {
    if (!bytes?.length) return NO_PART;
    const at = this.end;
    this.write(bytes);
    return [at, bytes.length, crc ?? crc32(bytes)];
  }

  /**
   * A part given as texts, one after the other, encoded straight into the buffer: no string joined
   * and no buffer of their own (at 10k heavy documents a cold run writes ~100 MB of findings, parse
   * results and published forms, which would otherwise each hold memory outside the heap until the
   * next collection).
   */
  textPart(...texts: string[]): Part {
    const at = this.end;
    let crc = 0;
    for (const text of texts) {
      for (let from = 0; from < text.length; ) {
        // Room for the worst case (3 bytes per UTF-16 unit), and no surrogate pair split in two.
        if (this.buffer.length - this.buffered < 3 * TEXT_CHUNK && this.buffered > 0) this.flush();
        let to = Math.min(text.length, from + TEXT_CHUNK);
        if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to--;
        const bytes = this.buffer.write(to - from === text.length ? text : text.slice(from, to), this.buffered, 'utf8');
        crc = crc32(this.buffer.subarray(this.buffered, this.buffered + bytes), crc);
        this.buffered += bytes;
        this.end += bytes;
        from = to;
      }
    }
    return this.end === at ? NO_PART : [at, this.end - at, crc];
  }

  write(bytes: Uint8Array): void {
    this.end += bytes.length;
    if (bytes.length > this.buffer.length - this.buffered) this.flush();
    if (bytes.length >= this.buffer.length) {
      this.flushed += writeAll(this.fd, bytes, this.flushed);
      return;
    }
    this.buffer.set(bytes, this.buffered);
    this.buffered += bytes.length;
  }

  flush(): void {
    this.flushed += writeAll(this.fd, this.buffer.subarray(0, this.buffered), this.flushed);
    this.buffered = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** UTF-16 units written to the buffer at a time (at most 3 bytes each: it holds four such chunks). */
const TEXT_CHUNK = 1 << 16;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** Writes `bytes` at `position`; returns how many (all of them). */
function writeAll(fd: number, bytes: Uint8Array, position: number): number {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return done;
}

/** Whether the file at `location` is a strategy-lint cache (of any version): only such a file may be deleted. */
export function isCacheFile(location: string): boolean {
  let fd: number | undefined;
  try {
    if (!statSync(location).isFile()) return false;
    fd = openSync(location, 'r');
    const head = Buffer.alloc(MAGIC.length);
    readSync(fd, head, 0, MAGIC.length, 0);
    return head.toString('latin1') === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** ESLint deletes its cache when run without --cache, so a stale one is never picked up later. */
export function deleteCacheFile(location: string): void {
  if (!isCacheFile(location)) return;
  try {
    unlinkSync(location);
  } catch {
    // Not ours to insist on: a read-only folder keeps its cache, which the next --cache run validates anyway.
  }
}
