import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, unlinkSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';

/**
 * The lint cache on disk (`--cache`, SPEC §8): one file, written whole, read whole, and trusted only
 * when every check passes. Layout:
 *
 *     strategy-lint cache\n
 *     {"format":2,"key":"…","filesBytes":N,"parsedBytes":M,"checksum":"…"}\n
 *     N bytes: the files section (v8-serialised CachedFileEntry[])
 *     M bytes: the parsed section: each file's parse result, v8-serialised on its own
 *
 * `key` names what the contents depend on besides the files (tool version, resolved config, cache
 * strategy; see cacheKey); `checksum` covers both sections, so a truncated or damaged file is
 * never deserialised into something half right. Findings and parse results are serialised per
 * file, so that a run where one file changed copies the bytes of the others instead of encoding
 * them again, and a run where nothing changed decodes only the findings it prints.
 */
const MAGIC = 'strategy-lint cache\n';
const FORMAT = 2;

/** What the cache remembers of one file: its identity, what the formatters need, and its findings. */
export interface CachedFileEntry {
  path: string;
  size: number;
  mtimeMs: number;
  /** Content hash (ParsedFile.hash). */
  hash: string;
  /** The templates that read the file (ParsedFile.templateKey): the parse depends on them too. */
  templateKey: string;
  participates: boolean;
  lineTable: { starts: Uint32Array; length: number };
  /** The file's findings, v8-serialised; absent when the file was loaded only to resolve references. */
  findings?: Uint8Array;
  /** Some finding carries fixes that follow the whole workspace (see lintWithCache): re-linted after any change. */
  followsWorkspace?: true;
  /** Where the file's parse result lies in the parsed section: [offset, length]. */
  parse: [number, number];
}

/** A parse result without its line map (kept once, in the files section). */
export type CachedParse = Omit<ParsedFile, 'lineMap'>;

/** An entry as given to encodeCacheFile: its parse result, encoded (encodeParse) or copied from the old cache. */
export type NewCacheEntry = Omit<CachedFileEntry, 'parse'> & { parseBytes: Uint8Array };

export interface CacheContents {
  files: CachedFileEntry[];
  findingsOf(entry: CachedFileEntry): Finding[] | undefined;
  parseOf(entry: CachedFileEntry): CachedParse;
  /** The encoded parse result, to be written again as it is. */
  parseBytesOf(entry: CachedFileEntry): Uint8Array;
}

export type CacheReadResult = { ok: true; contents: CacheContents } | { ok: false; reason: 'missing' | 'corrupt' | 'stale' };

interface Header {
  format: number;
  key: string;
  filesBytes: number;
  parsedBytes: number;
  checksum: string;
}

/** Reads the cache at `location`; anything but an intact cache written for `key` is not used. */
export function readCacheFile(location: string, key: string): CacheReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(location);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  try {
    if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return { ok: false, reason: 'corrupt' };
    const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
    if (headerEnd === -1) return { ok: false, reason: 'corrupt' };
    const header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as Partial<Header>;
    if (header.format !== FORMAT || typeof header.key !== 'string') return { ok: false, reason: 'stale' };
    if (header.key !== key) return { ok: false, reason: 'stale' };
    const filesStart = headerEnd + 1;
    const parsedStart = filesStart + Number(header.filesBytes);
    const end = parsedStart + Number(header.parsedBytes);
    if (!Number.isSafeInteger(end) || end !== bytes.length) return { ok: false, reason: 'corrupt' };
    if (checksum(bytes.subarray(filesStart)) !== header.checksum) return { ok: false, reason: 'corrupt' };
    const files = deserialize(bytes.subarray(filesStart, parsedStart)) as CachedFileEntry[];
    if (!Array.isArray(files)) return { ok: false, reason: 'corrupt' };
    const parsed = bytes.subarray(parsedStart, end);
    const parseBytesOf = (entry: CachedFileEntry) => parsed.subarray(entry.parse[0], entry.parse[0] + entry.parse[1]);
    return {
      ok: true,
      contents: {
        files,
        findingsOf: (entry) => (entry.findings ? (deserialize(entry.findings) as Finding[]) : undefined),
        parseOf: (entry) => deserialize(parseBytesOf(entry)) as CachedParse,
        parseBytesOf,
      },
    };
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}

export function encodeFindings(findings: readonly Finding[]): Uint8Array {
  return serialize(findings);
}

export function encodeParse(parsed: ParsedFile): Uint8Array {
  const { lineMap: _lineMap, ...rest } = parsed;
  return serialize(rest);
}

/** The bytes of a cache file holding `entries`. */
export function encodeCacheFile(key: string, entries: readonly NewCacheEntry[]): Buffer {
  let offset = 0;
  const chunks: Uint8Array[] = [];
  const files: CachedFileEntry[] = entries.map(({ parseBytes, ...entry }) => {
    chunks.push(parseBytes);
    const parse: [number, number] = [offset, parseBytes.length];
    offset += parseBytes.length;
    return { ...entry, parse };
  });
  const filesSection = serialize(files);
  const parsedSection = Buffer.concat(chunks);
  const header: Header = {
    format: FORMAT,
    key,
    filesBytes: filesSection.length,
    parsedBytes: parsedSection.length,
    checksum: checksum(filesSection, parsedSection),
  };
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), filesSection, parsedSection]);
}

function checksum(...parts: Buffer[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest('base64');
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
