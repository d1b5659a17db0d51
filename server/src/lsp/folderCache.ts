import { statSync } from 'node:fs';
import { loadCache, type CacheEntry, type LintCache } from '../cache/cacheFile.js';
import type { FileStamp, Part } from '../cache/pinnedFile.js';
import { CACHE_STRATEGIES, cacheFilePath, cacheKey } from '../cache/cacheKey.js';
import type { ConfigCascade } from '../config/cascade.js';
import type { LintEngine } from '../engine/engine.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { contentHash } from '../parse/contentHash.js';
import type { DiagnosticsEncoding } from './diagnosticsEncoding.js';
import type { LineMap } from '../text/lineMap.js';

/**
 * What the language server takes from the lint cache the CLI writes (`--cache`, SPEC §8) when it
 * opens a workspace folder: findings to show at once, and parse results to load instead of parsing.
 * The server never writes the cache (see docs/editor.md).
 */
export interface FolderCache {
  /** Paths the cache knows. */
  readonly paths: readonly string[];
  /**
   * A file's stored findings, when the file is as the cache remembers it by size and mtime (a
   * first look: the contents are compared when the file is read) and read by the same templates.
   */
  storedFindings(file: string): StoredFindings | undefined;
  /**
   * For a worker that compares the files' contents with the cache and reads their stored diagnostics
   * (hashWorker.ts): the file's content hash they are for, and where their published form lies (none
   * for a file without findings). Undefined when the cache holds no findings for the file (or for
   * other templates) or stores no published form of them (the server converts them itself).
   */
  storedForm(file: string): { hash: string; part: Part | undefined } | undefined;
  /** The cache file as it was read, for a worker to read the same (PinnedFile). */
  readonly source: { location: string; stamp: FileStamp } | undefined;
  /** Line maps of the files the cache knows (related places of stored findings point into them). */
  lineMapOf(file: string): LineMap | undefined;
  /** The stored parse result of a file whose text is `text`, if the cache holds one for exactly that text and templates. */
  parseOf(file: string, text: string): ParsedFile | undefined;
  /** parseOf for a text known by its content hash only (parse/contentHash.ts). */
  parseOfHash(file: string, hash: string): ParsedFile | undefined;
}

/** A file's findings as the lint cache holds them, each form decoded when asked for (undefined: damaged). */
export interface StoredFindings {
  findings(): Finding[] | undefined;
  /** The findings as the server publishes them, encoded by the CLI that wrote the cache (cache/publishedForm.ts). */
  published(): DiagnosticsEncoding | undefined;
  lineMap(): LineMap;
  parsed: () => ParsedFile | undefined;
}

/**
 * The cache for a workspace folder, at `location` (`--cache-location`'s meaning, relative to the
 * folder's root: what a CLI run from the root with the same option writes), when it is intact and
 * written for this configuration and tool (under either `--cache-strategy`). Undefined otherwise.
 */
export function openFolderCache(root: string, cascade: ConfigCascade, engine: LintEngine, location: string | undefined): FolderCache | undefined {
  const file = cacheFilePath(location || undefined, root);
  let cache: LintCache | undefined;
  for (const strategy of CACHE_STRATEGIES) {
    const read = loadCache(file, cacheKey(cascade, strategy));
    if (read.ok) {
      cache = read.cache;
      break;
    }
    if (read.reason !== 'stale') return undefined;
  }
  if (!cache) return undefined;
  const loaded = cache;
  const sameTemplates = (entry: CacheEntry) => entry.templateKey === engine.templateKeyFor(entry.path);
  const stamp = loaded.stampIn(file);
  const withFindings = (path: string) => {
    const entry = loaded.get(path);
    return entry?.hasFindings && sameTemplates(entry) ? entry : undefined;
  };
  const parseOfHash = (path: string, hash: string) => {
    const entry = loaded.get(path);
    if (!entry?.hasParse || entry.hash !== hash || !sameTemplates(entry)) return undefined;
    return loaded.restoredParse(entry, engine.templateLookup(path), true);
  };
  return {
    paths: loaded.entries.map((e) => e.path),
    source: stamp && { location: file, stamp },
    storedForm(path) {
      const entry = withFindings(path);
      if (!entry) return undefined;
      if (entry.tally.total === 0) return { hash: entry.hash, part: undefined };
      return entry.hasDiagnostics ? { hash: entry.hash, part: entry.at.diagnostics } : undefined;
    },
    storedFindings(path) {
      const entry = withFindings(path);
      if (!entry) return undefined;
      try {
        const stat = statSync(path);
        if (stat.size !== entry.size || stat.mtimeMs !== entry.mtimeMs) return undefined;
      } catch {
        return undefined;
      }
      return {
        findings: () => loaded.findings(entry),
        published: () => loaded.publishedForm(entry),
        lineMap: () => loaded.lineMap(entry),
        parsed: () => loaded.parse(entry, engine.templateLookup(path)),
      };
    },
    lineMapOf(path) {
      const entry = loaded.get(path);
      return entry && loaded.lineMap(entry);
    },
    // A file the cache has no parse of is not hashed.
    parseOf: (path, text) => (loaded.get(path)?.hasParse ? parseOfHash(path, contentHash(text)) : undefined),
    parseOfHash,
  };
}
