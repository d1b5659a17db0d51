import { statSync } from 'node:fs';
import { cacheFilePath, cacheKey, type CacheStrategy } from '../cache/cacheKey.js';
import { loadCache, saveCache, type CacheEntry, type CacheRecord, type LintCache } from '../cache/cacheFile.js';
import { LintEngine } from '../engine/engine.js';
import { FileReadError, readTextFile } from '../files/read.js';
import { reasonOf } from '../files/errno.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { contentHash } from '../parse/parseFile.js';
import type { LineMap } from '../text/lineMap.js';
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
  /** Content hash; '' until the file is read (a run without a usable cache reads each file once, when parsing it). */
  hash: string;
  templateKey: string;
  /** What the cache knew of the file. */
  entry?: CacheEntry;
  /** The cache's parse and findings still hold (same content, same templates). */
  unchanged: boolean;
  text?: string;
}

/**
 * `--cache` (SPEC §8, ESLint's semantics): a run that finds every file as the cache remembers it
 * prints the stored findings without reading a parse result; a run where some files changed reuses
 * the parse results of the others and re-lints only the files the changes can affect (the engine
 * computes that set, as it does for the editor); a missing, damaged, foreign or stale cache is
 * ignored and rewritten. Findings are the same as a run without the cache.
 */
export function lintWithCache(found: DiscoveredWorkspace, options: CacheOptions): LintedFiles {
  const location = cacheFilePath(options.location, found.cwd);
  const key = cacheKey(found.cascade, options.strategy);
  const read = loadCache(location, key);
  const stats: LintedFiles['stats'] = { parsed: 0, linted: 0, cache: read.ok ? 'used' : read.reason };
  const unreadable = [...found.unreadable];
  const engine = new LintEngine(found.cascade);
  let cache = read.ok ? read.cache : undefined;
  const files = identify(found.files, cache, options.strategy, unreadable, engine);
  const save = (records: CacheRecord[], from?: LintCache) => {
    try {
      saveCache(location, key, records, from);
    } catch (error) {
      options.warn(`cannot write the cache ${location}: ${reasonOf(error)}`);
    }
  };

  if (cache) {
    const unchanged = reuseEverything(found, files, cache, engine, unreadable, stats, save);
    if (unchanged) return unchanged;
    if (stats.cache === 'corrupt') cache = undefined;
  }
  const removed = cache ? cache.entries.filter((entry) => !files.has(entry.path)) : [];
  const templateOf = (path: string) => (identity: string) => engine.templatesFor(path).byIdentity(identity);

  // The index as the cache left it (changed files in their old version, so that updating them
  // yields what the change affects), in this run's order. A changed file whose old parse is not at
  // hand (damaged, or one the cache could not store) leaves nothing to compare: everything is re-linted.
  const affected = new Set<string>();
  let lintEverything = !cache;
  let declarationsChanged = false;
  const restore = (file: { path: string; entry?: CacheEntry }) => {
    const old = file.entry && cache!.parse(file.entry, templateOf(file.path));
    if (old) engine.restore(old);
    return old !== undefined;
  };
  if (cache) {
    for (const file of files.values()) {
      if (file.entry && !restore(file)) {
        if (!file.unchanged) lintEverything = true;
        // Same text, parse not stored: parsed again now, in its place.
        else if (!load(engine, file, unreadable, stats)) files.delete(file.path);
      }
    }
    for (const entry of removed) if (!restore(entry)) lintEverything = true;
  }
  for (const file of [...files.values()]) {
    if (file.unchanged) continue;
    // Without a cache nothing was read yet: each text is read, parsed and dropped in turn.
    if (!cache) {
      if (!load(engine, file, unreadable, stats)) files.delete(file.path);
      continue;
    }
    const text = file.text ?? readOrNote(file.path, unreadable);
    file.text = undefined;
    if (text === undefined) {
      files.delete(file.path);
      continue;
    }
    stats.parsed++;
    const before = declarations(engine.getFile(file.path));
    for (const p of engine.update(file.path, text)) affected.add(p);
    if (declarations(engine.getFile(file.path)) !== before) declarationsChanged = true;
  }
  for (const entry of removed) {
    if (engine.getFile(entry.path)?.entities.length) declarationsChanged = true;
    for (const p of engine.remove(entry.path)) affected.add(p);
  }
  let final = engine;
  if (cache) {
    // Updates moved the changed files to the end of the index, and where ids tie, candidates come
    // in index order: the files are indexed again in this run's order, as a run without the cache has them.
    final = new LintEngine(found.cascade);
    for (const file of files.values()) final.restore(engine.getFile(file.path)!);
  }

  // Fixes that name candidates (declared owners, objectives to link, the closest id) and edits into
  // other files follow the whole workspace, not only what the engine tracks for diagnostics (the
  // editor computes them when asked): such findings are recomputed whenever a change touched what
  // some file declares (an edit of prose or a move of lines keeps them).
  const reusable = (file: Current): CacheEntry | undefined => {
    const entry = file.entry;
    return !lintEverything && file.unchanged && entry?.hasFindings && !affected.has(file.path) && !(declarationsChanged && entry.followsWorkspace) ? entry : undefined;
  };
  const findings = new Map<string, Finding[]>();
  const reported = found.selected.filter((f) => files.has(f));
  const kept = new Map<string, CacheEntry>();
  for (const path of reported) {
    const file = files.get(path)!;
    const entry = reusable(file);
    const stored = entry && cache!.findings(entry);
    if (stored) {
      findings.set(path, stored);
      kept.set(path, entry!);
      continue;
    }
    findings.set(path, final.lint(path));
    stats.linted++;
  }

  const records: CacheRecord[] = [];
  for (const file of files.values()) {
    const parsed = final.getFile(file.path)!;
    const fresh = kept.has(file.path) ? undefined : findings.get(file.path);
    // Not reported this time (context only): what was cached stays true unless the changes reach it.
    const reused = kept.get(file.path) ?? (fresh ? undefined : reusable(file));
    records.push({
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      hash: parsed.hash,
      templateKey: parsed.templateKey,
      inputsKey: '',
      participates: parsed.participates,
      followsWorkspace: reused ? reused.followsWorkspace : (fresh?.some(followsWorkspace) ?? false),
      lineMap: parsed.lineMap,
      ...(reused ? { findings: reused } : fresh ? { findings: fresh } : {}),
      parse: file.unchanged && file.entry?.hasParse ? file.entry : parsed,
    });
  }
  save(records, cache);
  return { reported, findings, view: (file) => final.getFile(file), parsed: (file) => final.getFile(file), fileCount: files.size, unreadable, stats };
}

/**
 * Nothing changed (every file as the cache remembers it, none removed, every reported file's
 * findings stored): the stored findings are the findings; nothing is parsed, and parse results are
 * decoded only when asked for (bulk suppressions read them). Undefined otherwise, or when stored
 * findings prove damaged (the caller then lints without the cache).
 */
function reuseEverything(found: DiscoveredWorkspace, files: Map<string, Current>, cache: LintCache, engine: LintEngine, unreadable: SkippedPath[], stats: LintedFiles['stats'], save: (records: CacheRecord[], from: LintCache) => void): LintedFiles | undefined {
  if (files.size !== cache.entries.length) return undefined;
  for (const file of files.values()) if (!file.unchanged) return undefined;
  const reported = found.selected.filter((f) => files.has(f));
  const findings = new Map<string, Finding[]>();
  for (const path of reported) {
    const entry = files.get(path)!.entry!;
    const stored = cache.findings(entry);
    if (!stored) {
      if (entry.hasFindings) markCorrupt(files, stats);
      return undefined;
    }
    findings.set(path, stored);
  }
  // Only metadata moved (a file touched, not changed): remembered, so that the next run need not read it.
  if ([...files.values()].some((f) => f.entry!.mtimeMs !== f.mtimeMs || f.entry!.size !== f.size)) {
    save(
      [...files.values()].map((f) => {
        const e = f.entry!;
        return { path: f.path, size: f.size, mtimeMs: f.mtimeMs, hash: e.hash, templateKey: e.templateKey, inputsKey: e.inputsKey, participates: e.participates, followsWorkspace: e.followsWorkspace, lineMap: cache.lineMap(e), ...(e.hasFindings ? { findings: e } : {}), parse: e };
      }),
      cache,
    );
  }
  const view = (path: string) => {
    const entry = files.get(path)?.entry;
    return entry && { participates: entry.participates, lineMap: cache.lineMap(entry) };
  };
  const decoded = new Map<string, ParsedFile | undefined>();
  const parsed = (path: string) => {
    const file = files.get(path);
    if (!file) return undefined;
    if (!decoded.has(path)) {
      // A parse result the cache could not store (or damaged) is made again from the file.
      let result = cache.parse(file.entry!, (identity) => engine.templatesFor(path).byIdentity(identity));
      if (!result && load(engine, file, unreadable, stats)) result = engine.getFile(path);
      decoded.set(path, result);
    }
    return decoded.get(path);
  };
  return { reported, findings, view, parsed, fileCount: files.size, unreadable, stats };
}

/** The cache proved damaged after it was opened: every file counts as new. */
function markCorrupt(files: Map<string, Current>, stats: LintedFiles['stats']): void {
  stats.cache = 'corrupt';
  for (const file of files.values()) {
    delete file.entry;
    file.unchanged = false;
  }
}

/** Reads and parses a file into the engine; false when it cannot be read (noted in `unreadable`). */
function load(engine: LintEngine, file: Current, unreadable: SkippedPath[], stats: LintedFiles['stats']): boolean {
  const text = file.text ?? readOrNote(file.path, unreadable);
  file.text = undefined;
  if (text === undefined) return false;
  stats.parsed++;
  engine.load(file.path, text);
  return true;
}

/**
 * Each file's identity now. With the metadata strategy a file whose size and mtime match the cache
 * is not even read; otherwise it is read and its content hash decides (a touched but unchanged file
 * keeps its cached results under either strategy). A file read by other templates than when cached
 * (a KEP's main file appeared beside it) has changed too.
 */
function identify(paths: readonly string[], cache: LintCache | undefined, strategy: CacheStrategy, unreadable: SkippedPath[], engine: LintEngine): Map<string, Current> {
  const files = new Map<string, Current>();
  for (const path of paths) {
    const entry = cache?.get(path);
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
    const templateKey = cache ? engine.templateKeyFor(path) : '';
    const sameTemplates = entry !== undefined && entry.templateKey === templateKey;
    if (strategy === 'metadata' && entry && sameTemplates && entry.size === size && entry.mtimeMs === mtimeMs) {
      files.set(path, { path, size, mtimeMs, hash: entry.hash, templateKey, entry, unchanged: true });
      continue;
    }
    if (!cache) {
      // Everything will be parsed: read later, one file at a time.
      files.set(path, { path, size, mtimeMs, hash: '', templateKey, unchanged: false });
      continue;
    }
    const text = readOrNote(path, unreadable);
    if (text === undefined) continue;
    const hash = contentHash(text);
    const unchanged = sameTemplates && entry.hash === hash;
    files.set(path, { path, size, mtimeMs, hash, templateKey, ...(entry ? { entry } : {}), unchanged, ...(unchanged ? {} : { text }) });
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

/**
 * What a file declares, without positions: when it is the same before and after, no candidate list
 * changed. Keys sorted: a parse restored from the cache holds the same properties in another order.
 */
function declarations(parsed: Pick<ParsedFile, 'entities'> | undefined): string {
  return JSON.stringify(parsed?.entities ?? [], (key, value: unknown) => {
    if (POSITION_KEYS.has(key) || key === 'template') return undefined;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k];
    return sorted;
  });
}
const POSITION_KEYS = new Set(['span', 'keySpan', 'idSpan', 'anchor', 'extent', 'insertion', 'enclosing', 'implicitTarget']);
