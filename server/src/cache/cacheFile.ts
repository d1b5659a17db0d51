import { closeSync, fstatSync, openSync, readSync, statSync, unlinkSync, writeSync, mkdirSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import type { CompiledTemplate } from '../templates/compiled.js';
import { replaceFile } from '../files/replaceFile.js';
import { LineMap } from '../text/lineMap.js';
import { decodeParse, encodeParse } from './parseCodec.js';

/**
 * The lint cache on disk (`--cache`, SPEC §8; the language server reads it too). One file, written
 * to a temporary file and renamed, trusted only when every check passes:
 *
 *     strategy-lint cache\n
 *     {"format":3,"key":"…","endian":"LE","manifest":[bytes,crc32],"findings":bytes,"lines":[bytes,crc32],"parses":bytes}\n
 *     manifest: JSON, one row per file (its identity, flags, and where its other parts lie)
 *     findings: each file's findings, JSON, one after the other
 *     lines:    each file's line starts, Uint32 in the machine's byte order
 *     parses:   each file's parse result, JSON (parseCodec), one after the other
 *
 * The sections are apart so that each run reads only what it needs: a run where nothing changed
 * reads the manifest, the findings it prints and the line maps, never a parse result. Each file's
 * findings and parse result carry their own CRC-32 (in the manifest), so a run that rewrites the
 * cache copies the bytes of unchanged files as they are, without encoding or hashing them again,
 * and a damaged part is never decoded into something half right.
 */
const MAGIC = 'strategy-lint cache\n';
const FORMAT = 3;
const ENDIAN = endianness();

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
  /** @internal where the parts lie: [offset, bytes, crc32] of findings and parse, [offset, count, text length] of the line starts. */
  readonly at: { findings: [number, number, number]; lines: [number, number, number]; parse: [number, number, number] };
}

export type CacheReadResult = { ok: true; cache: LintCache } | { ok: false; reason: 'missing' | 'corrupt' | 'stale' };

interface Header {
  format: number;
  key: string;
  endian: string;
  manifest: [number, number];
  findings: number;
  lines: [number, number];
  parses: number;
}

/** [path, size, mtimeMs, hash, templateKey, inputsKey, flags, follow rules, findings offset, bytes, crc, lines offset, count, text length, parse offset, bytes, crc] */
type ManifestRow = [string, number, number, string, string, string, number, string, number, number, number, number, number, number, number, number, number];
const PARTICIPATES = 1;

/** A cache read from disk: its entries, and their parts decoded on demand. */
export class LintCache {
  private readonly byPath: Map<string, CacheEntry>;
  private parses: Buffer | undefined | false;

  /** @internal */
  constructor(
    readonly entries: readonly CacheEntry[],
    private readonly findingsBytes: Buffer,
    private readonly lineStarts: Uint32Array,
    private readonly source: { location: string; parsesAt: number; parsesBytes: number },
  ) {
    this.byPath = new Map(entries.map((e) => [e.path, e]));
  }

  get(filePath: string): CacheEntry | undefined {
    return this.byPath.get(filePath);
  }

  lineMap(entry: CacheEntry): LineMap {
    const [offset, count, length] = entry.at.lines;
    return LineMap.fromTable({ starts: this.lineStarts.subarray(offset, offset + count), length });
  }

  /** The file's findings; undefined when none are stored or their bytes are damaged. */
  findings(entry: CacheEntry): Finding[] | undefined {
    const bytes = this.findingsBytesOf(entry);
    if (!bytes) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as Finding[];
    } catch {
      return undefined;
    }
  }

  /**
   * The file's parse result; undefined when none is stored, its bytes are damaged, or it names a
   * template `templateOf` does not know. The parse results are read from disk on first use.
   */
  parse(entry: CacheEntry, templateOf: (identity: string) => CompiledTemplate | undefined): ParsedFile | undefined {
    const bytes = this.parseBytesOf(entry);
    if (!bytes) return undefined;
    return decodeParse(bytes.toString('utf8'), { path: entry.path, hash: entry.hash, templateKey: entry.templateKey, lineMap: this.lineMap(entry) }, templateOf);
  }

  /** @internal the stored findings, checked */
  findingsBytesOf(entry: CacheEntry): Buffer | undefined {
    const [offset, length, crc] = entry.at.findings;
    if (!entry.hasFindings) return undefined;
    const bytes = this.findingsBytes.subarray(offset, offset + length);
    return bytes.length === length && crc32(bytes) === crc ? bytes : undefined;
  }

  /** @internal the stored parse result, checked */
  parseBytesOf(entry: CacheEntry): Buffer | undefined {
    if (!entry.hasParse) return undefined;
    const all = this.loadParses();
    if (!all) return undefined;
    const [offset, length, crc] = entry.at.parse;
    const bytes = all.subarray(offset, offset + length);
    return bytes.length === length && crc32(bytes) === crc ? bytes : undefined;
  }

  private loadParses(): Buffer | undefined {
    if (this.parses === undefined) {
      try {
        this.parses = readRange(this.source.location, this.source.parsesAt, this.source.parsesBytes);
      } catch {
        this.parses = false;
      }
    }
    return this.parses || undefined;
  }
}

/**
 * Reads the cache at `location` written under `key` (cacheKey: tool, configuration, strategy);
 * anything else (missing, damaged, foreign, written for another key or format) is not used.
 * Reads the file list, the findings and the line maps; parse results are read when first asked for.
 */
export function loadCache(location: string, key: string): CacheReadResult {
  let fd: number;
  try {
    fd = openSync(location, 'r');
  } catch {
    return { ok: false, reason: 'missing' };
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return { ok: false, reason: 'corrupt' };
    const headerEnd = head.indexOf(0x0a, MAGIC.length);
    if (headerEnd === -1) return { ok: false, reason: 'corrupt' };
    const header = JSON.parse(head.subarray(MAGIC.length, headerEnd).toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || header.key !== key || header.endian !== ENDIAN) return { ok: false, reason: 'stale' };
    const [manifestBytes, manifestCrc] = header.manifest ?? [NaN, NaN];
    const [linesBytes, linesCrc] = header.lines ?? [NaN, NaN];
    const start = headerEnd + 1;
    const findingsAt = start + manifestBytes;
    const linesAt = findingsAt + Number(header.findings);
    const parsesAt = linesAt + linesBytes;
    const end = parsesAt + Number(header.parses);
    if (!Number.isSafeInteger(end) || end !== size || linesBytes % 4 !== 0) return { ok: false, reason: 'corrupt' };
    const front = Buffer.allocUnsafe(parsesAt - start);
    if (readSync(fd, front, 0, front.length, start) !== front.length) return { ok: false, reason: 'corrupt' };
    const manifest = front.subarray(0, manifestBytes);
    const lines = front.subarray(parsesAt - start - linesBytes);
    if (crc32(manifest) !== manifestCrc || crc32(lines) !== linesCrc) return { ok: false, reason: 'corrupt' };
    const rows = JSON.parse(manifest.toString('utf8')) as ManifestRow[];
    if (!Array.isArray(rows)) return { ok: false, reason: 'corrupt' };
    // A copy, aligned for the Uint32Array (the buffer's own offset may not be).
    const lineStarts = new Uint32Array(linesBytes / 4);
    Buffer.from(lineStarts.buffer).set(lines);
    const entries = rows.map(entryOf);
    return { ok: true, cache: new LintCache(entries, front.subarray(manifestBytes, manifestBytes + Number(header.findings)), lineStarts, { location, parsesAt, parsesBytes: Number(header.parses) }) };
  } catch {
    return { ok: false, reason: 'corrupt' };
  } finally {
    closeSync(fd);
  }
}

function entryOf(row: ManifestRow): CacheEntry {
  const [path, size, mtimeMs, hash, templateKey, inputsKey, flags, follow, fOffset, fBytes, fCrc, lOffset, lCount, length, pOffset, pBytes, pCrc] = row;
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
    at: { findings: [fOffset, fBytes, fCrc], lines: [lOffset, lCount, length], parse: [pOffset, pBytes, pCrc] },
  };
}

function readRange(location: string, at: number, bytes: number): Buffer {
  const fd = openSync(location, 'r');
  try {
    const buffer = Buffer.allocUnsafe(bytes);
    if (readSync(fd, buffer, 0, bytes, at) !== bytes) throw new Error('short read');
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** One file as saveCache writes it. Parts given as a cache entry are copied from `previous` as they are. */
export interface CacheRecord extends FileIdentity {
  participates: boolean;
  followRules: readonly string[];
  lineMap: LineMap;
  /** Absent: none stored (the file was loaded only to resolve references). */
  findings?: readonly Finding[] | CacheEntry;
  parse: ParsedFile | CacheEntry;
}

/**
 * Writes the cache for `records` to `location` (folders made as needed), replacing any file there
 * at once (a temporary file renamed). Parts given as entries of `previous` are copied unread.
 * Throws when the file cannot be written.
 */
export function saveCache(location: string, key: string, records: readonly CacheRecord[], previous?: LintCache): void {
  const findings = new Chunks();
  const parses = new Chunks();
  const lineTables: Uint32Array[] = [];
  let lineCount = 0;
  const rows: ManifestRow[] = [];
  for (const r of records) {
    let f: [number, number, number] = [0, 0, 0];
    if (r.findings && isEntry(r.findings)) {
      const bytes = previous?.findingsBytesOf(r.findings);
      if (bytes) f = findings.add(bytes, r.findings.at.findings[2]);
    } else if (r.findings) {
      f = findings.add(Buffer.from(JSON.stringify(r.findings), 'utf8'));
    }
    let p: [number, number, number] = [0, 0, 0];
    if (isEntry(r.parse)) {
      const bytes = previous?.parseBytesOf(r.parse);
      if (bytes) p = parses.add(bytes, r.parse.at.parse[2]);
    } else {
      const text = encodeParse(r.parse);
      if (text !== undefined) p = parses.add(Buffer.from(text, 'utf8'));
    }
    const table = r.lineMap.table();
    lineTables.push(table.starts);
    const flags = r.participates ? PARTICIPATES : 0;
    rows.push([r.path, r.size, r.mtimeMs, r.hash, r.templateKey, r.inputsKey, flags, r.followRules.join(','), ...f, lineCount, table.starts.length, table.length, ...p]);
    lineCount += table.starts.length;
  }
  const lineStarts = new Uint32Array(lineCount);
  let at = 0;
  for (const starts of lineTables) {
    lineStarts.set(starts, at);
    at += starts.length;
  }
  const lines = Buffer.from(lineStarts.buffer, lineStarts.byteOffset, lineStarts.byteLength);
  const manifest = Buffer.from(JSON.stringify(rows), 'utf8');
  const header: Header = { format: FORMAT, key, endian: ENDIAN, manifest: [manifest.length, crc32(manifest)], findings: findings.bytes, lines: [lines.length, crc32(lines)], parses: parses.bytes };
  writeAtomically(location, [Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), manifest, ...findings.list, lines, ...parses.list]);
}

function isEntry(value: object): value is CacheEntry {
  return 'at' in value && 'hasParse' in value;
}

/** Parts laid one after the other: each gets its offset, length and CRC-32. */
class Chunks {
  readonly list: Buffer[] = [];
  bytes = 0;
  add(bytes: Buffer, crc = crc32(bytes)): [number, number, number] {
    const at = this.bytes;
    this.list.push(bytes);
    this.bytes += bytes.length;
    return [at, bytes.length, crc];
  }
}

function writeAtomically(location: string, chunks: readonly Uint8Array[]): void {
  mkdirSync(path.dirname(location), { recursive: true });
  // Written chunk by chunk: joining them first would hold the whole cache in memory twice.
  replaceFile(location, (temp) => {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      for (const chunk of chunks) {
        let done = 0;
        while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
      }
    } finally {
      closeSync(fd);
    }
  });
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
