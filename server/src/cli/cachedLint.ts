import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheFilePath, cacheKey, type CacheStrategy } from '../cache/cacheKey.js';
import { encodeCacheFile, encodeFindings, encodeParse, readCacheFile, type CachedFileEntry, type CacheContents, type NewCacheEntry } from '../cache/cacheFile.js';
import { LintEngine } from '../engine/engine.js';
import { FileReadError, readTextFile } from '../files/read.js';
import { reasonOf } from '../files/errno.js';
import { writeFileAtomic } from '../fix/apply.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { contentHash } from '../parse/parseFile.js';
import { LineMap } from '../text/lineMap.js';
import type { SkippedPath } from '../files/discover.js';
import type { DiscoveredWorkspace } from './workspace.js';
import { RULES } from '../rules/registry.js';

export interface CacheOptions {
  /** `--cache-location` as given (relative to the current folder); default `.strategylintcache`. */
  location?: string;
  strategy: CacheStrategy;
  /** Told about a cache that could not be written (the run itself still succeeds). */
  warn(message: string): void;
}

/** What a lint run hands to the formatters, however its findings were obtained. */
export interface LintedFiles {
  reported: string[];
  findings: Map<string, Finding[]>;
  /** What the formatters need of a reported file. */
  view(file: string): { participates: boolean; lineMap: LineMap } | undefined;
  /** A reported file's parse result (bulk suppressions and fingerprints read its entities); decoded when asked for. */
  parsed(file: string): ParsedFile | undefined;
  /** Files of the workspace read or restored (reported or not). */
  fileCount: number;
  unreadable: SkippedPath[];
  /** How the cache was used, for tests and `--debug`-style curiosity: files parsed and linted this run. */
  stats: { parsed: number; linted: number; cache: 'none' | 'missing' | 'corrupt' | 'stale' | 'used' };
}

/** A file of this run: its identity now, and its text when it had to be read. */
interface Current {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  /** Index in the cache's lists, when the cache knew the file. */
  cached?: number;
  /** The cache's parse and findings still hold (same content). */
  unchanged: boolean;
  text?: string;
}

/**
 * `--cache` (SPEC §8, ESLint's semantics): a run that finds every file as the cache remembers it
 * reuses the findings without parsing anything; a run where some files changed reuses the parse
 * results of the others and re-lints only the files the changes can affect (the engine computes
 * that set, as it does for the editor); a missing, damaged, foreign or stale cache is ignored and
 * rewritten. Findings are the same as a run without the cache.
 */
export function lintWithCache(found: DiscoveredWorkspace, options: CacheOptions): LintedFiles {
  const location = cacheFilePath(options.location, found.cwd);
  const key = cacheKey(found.cascade, options.strategy);
  const read = readCacheFile(location, key);
  const cache = read.ok ? read.contents : undefined;
  const unreadable = [...found.unreadable];
  // A file's parse also depends on the templates that may read it (a sibling needs its main file).
  const probe = new LintEngine(found.cascade);
  const files = identify(found.files, cache, options.strategy, unreadable, (path) => probe.templateKeyFor(path));
  const removed = cache ? cache.files.filter((entry) => !files.has(entry.path)) : [];
  const reportedNow = () => found.selected.filter((f) => files.has(f));
  const stats: LintedFiles['stats'] = { parsed: 0, linted: 0, cache: read.ok ? 'used' : read.reason };
  const entryOf = (file: Current) => (file.cached === undefined ? undefined : cache?.files[file.cached]);

  const allSame = cache !== undefined && removed.length === 0 && [...files.values()].every((f) => f.unchanged);
  if (allSame && reportedNow().every((f) => entryOf(files.get(f)!)!.findings)) {
    // Nothing changed: the cached findings are the findings. Nothing is parsed.
    const reported = reportedNow();
    const findings = new Map(reported.map((f) => [f, cache.findingsOf(entryOf(files.get(f)!)!)!]));
    const view = (path: string) => {
      const file = files.get(path);
      const entry = file && entryOf(file);
      return entry && { participates: entry.participates, lineMap: LineMap.fromTable(entry.lineTable) };
    };
    // Only metadata moved (a file touched, not changed): remembered, so the next run need not read it.
    if ([...files.values()].some((f) => entryOf(f)!.mtimeMs !== f.mtimeMs || entryOf(f)!.size !== f.size)) {
      writeCache(location, key, [...files.values()].map((f) => ({ ...entryOf(f)!, size: f.size, mtimeMs: f.mtimeMs, parseBytes: cache.parseBytesOf(entryOf(f)!) })), options);
    }
    const decoded = new Map<string, ParsedFile>();
    const parsed = (path: string) => {
      const file = files.get(path);
      const entry = file && entryOf(file);
      if (!entry) return undefined;
      let known = decoded.get(path);
      if (!known) decoded.set(path, (known = restored(cache, entry)));
      return known;
    };
    return { reported, findings, view, parsed, fileCount: files.size, unreadable, stats };
  }

  let engine = new LintEngine(found.cascade);
  const affected = new Set<string>();
  let declarationsChanged = false;
  if (cache) {
    // The index as the cache left it (changed files in their old version, so that updating them
    // yields what the change affects), in this run's order.
    for (const file of files.values()) {
      const entry = entryOf(file);
      if (entry) engine.restore(restored(cache, entry));
    }
    for (const entry of removed) engine.restore(restored(cache, entry));
  }
  for (const file of [...files.values()]) {
    if (file.unchanged) continue;
    // Without a cache nothing was read yet: each text is read, parsed and dropped in turn.
    const text = file.text ?? readOrNote(file.path, unreadable);
    file.text = undefined;
    if (text === undefined) {
      files.delete(file.path);
      continue;
    }
    stats.parsed++;
    if (!cache) {
      engine.load(file.path, text);
      continue;
    }
    const before = declarations(engine.getFile(file.path));
    for (const p of engine.update(file.path, text)) affected.add(p);
    if (declarations(engine.getFile(file.path)) !== before) declarationsChanged = true;
  }
  for (const entry of removed) {
    if (engine.getFile(entry.path)?.entities.length) declarationsChanged = true;
    for (const p of engine.remove(entry.path)) affected.add(p);
  }
  if (cache) {
    // Updates moved the changed files to the end of the index, and where ids tie, candidates come
    // in index order: the files are indexed again in this run's order, as a run without the cache has them.
    const ordered = new LintEngine(found.cascade);
    for (const file of files.values()) ordered.restore(engine.getFile(file.path)!);
    engine = ordered;
  }

  // Fixes that name candidates (declared owners, objectives to link, the closest id) and edits into
  // other files follow the whole workspace, not only what the engine tracks for diagnostics (the
  // editor computes them when asked): such findings are recomputed whenever a change touched what
  // some file declares (an edit of prose or a move of lines keeps them).
  const reusable = (file: Current): CachedFileEntry | undefined => {
    const entry = entryOf(file);
    return file.unchanged && entry?.findings && !affected.has(file.path) && !(declarationsChanged && entry.followsWorkspace) ? entry : undefined;
  };
  const findings = new Map<string, Finding[]>();
  const encoded = new Map<string, Uint8Array>();
  const reported = reportedNow();
  for (const path of reported) {
    const file = files.get(path)!;
    const entry = reusable(file);
    if (entry) {
      findings.set(path, cache!.findingsOf(entry)!);
      continue;
    }
    const list = engine.lint(path);
    stats.linted++;
    findings.set(path, list);
    encoded.set(path, encodeFindings(list));
  }

  const entries: NewCacheEntry[] = [];
  for (const file of files.values()) {
    const parsed = engine.getFile(file.path)!;
    const old = entryOf(file);
    const entry: NewCacheEntry = {
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      hash: parsed.hash,
      templateKey: parsed.templateKey,
      participates: parsed.participates,
      lineTable: parsed.lineMap.table(),
      parseBytes: file.unchanged && old ? cache!.parseBytesOf(old) : encodeParse(parsed),
    };
    const fresh = findings.get(file.path);
    if (fresh) {
      entry.findings = encoded.get(file.path) ?? reusable(file)!.findings!;
      if (fresh.some(followsWorkspace)) entry.followsWorkspace = true;
    } else {
      // Not reported this time (context only): what was cached stays true unless the changes reach it.
      const kept = reusable(file);
      if (kept) Object.assign(entry, { findings: kept.findings, ...(kept.followsWorkspace ? { followsWorkspace: true } : {}) });
    }
    entries.push(entry);
  }
  writeCache(location, key, entries, options);
  return { reported, findings, view: (file) => engine.getFile(file), parsed: (file) => engine.getFile(file), fileCount: files.size, unreadable, stats };
}

/**
 * Each file's identity now. With the metadata strategy a file whose size and mtime match the cache
 * is not even read; otherwise it is read and its content hash decides (a touched but unchanged file
 * keeps its cached results under either strategy).
 */
function identify(paths: readonly string[], cache: CacheContents | undefined, strategy: CacheStrategy, unreadable: SkippedPath[], templateKeyOf: (path: string) => string): Map<string, Current> {
  const byPath = new Map(cache?.files.map((entry, i) => [entry.path, i]));
  const files = new Map<string, Current>();
  for (const path of paths) {
    const cached = byPath.get(path);
    const entry = cached === undefined ? undefined : cache!.files[cached]!;
    // Read by other templates than when cached (a KEP's main file appeared beside it): parsed again.
    const sameTemplates = entry !== undefined && entry.templateKey === templateKeyOf(path);
    let size: number;
    let mtimeMs: number;
    try {
      const stat = statSync(path);
      size = stat.size;
      mtimeMs = stat.mtimeMs;
    } catch (error) {
      unreadable.push({ path, reason: `cannot read the file: ${reasonOf(error)}` });
      continue;
    }
    if (strategy === 'metadata' && entry && sameTemplates && entry.size === size && entry.mtimeMs === mtimeMs) {
      files.set(path, { path, size, mtimeMs, hash: entry.hash, cached, unchanged: true });
      continue;
    }
    if (!cache) {
      // Everything will be parsed: read later, one file at a time.
      files.set(path, { path, size, mtimeMs, hash: '', unchanged: false });
      continue;
    }
    const text = readOrNote(path, unreadable);
    if (text === undefined) continue;
    const hash = contentHash(text);
    const unchanged = sameTemplates && entry?.hash === hash;
    files.set(path, { path, size, mtimeMs, hash, ...(cached === undefined ? {} : { cached }), unchanged, ...(unchanged ? {} : { text }) });
  }
  return files;
}

function readOrNote(path: string, unreadable: SkippedPath[]): string | undefined {
  try {
    return readTextFile(path);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    unreadable.push({ path, reason: error.reason });
    return undefined;
  }
}

/**
 * Rules whose fixes come from the file alone (quote a value, swap dates, the closest enum value or
 * field name, insert a key). Every other fixable rule may offer candidates from the whole workspace,
 * and may gain or lose them as others files change (a first metric declared elsewhere).
 */
const FIXES_FROM_THE_FILE = new Set(['syntax', 'invalid-value', 'unknown-field', 'schedule', 'metric-target', 'placeholder-value']);
const CANDIDATES_FROM_THE_WORKSPACE = new Set(RULES.filter((r) => r.meta.fixable && !FIXES_FROM_THE_FILE.has(r.meta.id)).map((r) => r.meta.id));

/** A finding whose fixes name candidates from the whole workspace or edit other files. */
function followsWorkspace(finding: Finding): boolean {
  return CANDIDATES_FROM_THE_WORKSPACE.has(finding.ruleId) || (finding.fixes?.some((fix) => fix.edits.some((edit) => edit.file !== finding.file)) ?? false);
}

/** What a file declares, without positions: when it is the same before and after, no candidate list changed. */
function declarations(parsed: Pick<ParsedFile, 'entities'> | undefined): string {
  return JSON.stringify(parsed?.entities ?? [], (key, value) => (POSITION_KEYS.has(key) ? undefined : value));
}
const POSITION_KEYS = new Set(['span', 'keySpan', 'idSpan', 'anchor', 'extent', 'insertion', 'enclosing', 'implicitTarget']);

function restored(cache: CacheContents, entry: CachedFileEntry): ParsedFile {
  return { ...cache.parseOf(entry), lineMap: LineMap.fromTable(entry.lineTable) };
}

function writeCache(location: string, key: string, entries: NewCacheEntry[], options: CacheOptions): void {
  try {
    mkdirSync(path.dirname(location), { recursive: true });
    writeFileAtomic(location, encodeCacheFile(key, entries));
  } catch (error) {
    options.warn(`cannot write the cache ${location}: ${reasonOf(error)}`);
  }
}
