import { statSync } from 'node:fs';
import { loadCache, type CacheEntry, type LintCache } from '../cache/cacheFile.js';
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
  const parseOfHash = (path: string, hash: string) => {
    const entry = loaded.get(path);
    if (!entry?.hasParse || entry.hash !== hash || !sameTemplates(entry)) return undefined;
    return loaded.restoredParse(entry, engine.templateLookup(path), true);
  };
  return {
    paths: loaded.entries.map((e) => e.path),
    storedFindings(path) {
      const entry = loaded.get(path);
      if (!entry?.hasFindings || !sameTemplates(entry)) return undefined;
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
