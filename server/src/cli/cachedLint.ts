import { statSync } from 'node:fs';
import { cacheFilePath, cacheKey, type CacheStrategy } from '../cache/cacheKey.js';
import { loadCache, saveCache, type CacheEntry, type CacheRecord, type FileIdentity, type LintCache, type PiecesSaved } from '../cache/cacheFile.js';
import type { FindingTally } from '../model/findingTally.js';
import { LintEngine, type HeldFindings } from '../engine/engine.js';
import { declaredAspects } from '../engine/changeShape.js';
import { findingsMoved, placesMoved } from '../cache/movedFindings.js';
import { BULK_PARSE_FILES } from './heap.js';
import { compareFindings } from '../engine/lintFile.js';
import { FileReadError, readTextFile } from '../files/read.js';
import { reasonOf } from '../files/errno.js';
import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';
import { contentHash } from '../parse/contentHash.js';
import { LEFT_OUT } from '../parse/parseFile.js';
import type { LineMap } from '../text/lineMap.js';
import type { SkippedPath } from '../files/discover.js';
import type { DiscoveredWorkspace } from './workspace.js';
import { RULES, RULES_BY_ID } from '../rules/registry.js';
import type { Retitled } from '../rules/rule.js';

export interface CacheOptions {
  /** `--cache-location` as given (relative to the current folder); default `.strategylintcache`. */
  location?: string;
  strategy: CacheStrategy;
  /** Told about a cache that could not be written (the run itself still succeeds). */
  warn(message: string): void;
  /**
   * An engine already holding the workspace's files, parsed by worker threads (--concurrency) when
   * there was no cache file: a first run starts from it instead of reading and parsing every file.
   */
  loaded?: LintEngine;
  /** Told when the run will parse many files itself (BULK_PARSE_FILES, or no usable cache): see cli/heap.ts. */
  parsingInBulk?(): void;
  /**
   * The report's format, when it is made of a piece per file (PiecewiseFormatter) and this run
   * prints every file's findings as they are (no --quiet, no suppressions file): the cache stores
   * each reported file's piece, and `storedPiece` gives those that still stand.
   */
  pieces?: ReportPieces;
}

/** What the cache needs of a piecewise format. */
export interface ReportPieces {
  pieceKey: string;
  /** A reported file's piece of the report, from its findings. */
  render(file: string, findings: readonly Finding[], lineMap: LineMap): string;
}

/** Findings by file (a Map is one). */
export interface FindingsByFile {
  get(file: string): Finding[] | undefined;
  /**
   * How many findings of each severity `get(file)` gives, when the cache holds them (counted when
   * they were stored: a run that prints them counts them without decoding them); undefined otherwise.
   */
  storedTally?(file: string): FindingTally | undefined;
}

/** What a lint run hands to the formatters, however its findings were obtained. */
export interface LintedFiles {
  reported: string[];
  /**
   * Each reported file's findings. Those the cache holds are decoded anew at each `get`, not kept:
   * hold them no longer than needed (at 10k heavy documents, ~27 MB would otherwise stay live until
   * the report is written).
   */
  findings: FindingsByFile;
  /** What the formatters need of a reported file. */
  view(file: string): { participates: boolean; lineMap: LineMap } | undefined;
  /** A reported file's parse result (bulk suppressions and fingerprints read its entities); decoded when asked for. */
  parsed(file: string): ParsedFile | undefined;
  /**
   * A reported file's piece of the report as the cache stored it, when its findings and the piece
   * stand (CacheOptions.pieces); undefined otherwise (the caller makes it).
   */
  storedPiece?(file: string): string | undefined;
  /** Files of the workspace read or restored (reported or not). */
  fileCount: number;
  unreadable: SkippedPath[];
  /** How the cache was used, for tests and `--debug`-style curiosity: files parsed and linted this run. */
  stats: { parsed: number; linted: number; rechecked: number; moved: number; cache: 'none' | 'missing' | 'corrupt' | 'stale' | 'used' };
}

/** A file of this run: its identity now, and its text when it had to be read. */
interface Current extends FileIdentity {
  // `hash` is '' until the file is read (a run without a usable cache reads each file once, when
  // parsing it); `inputsKey` is the contents of the files its templates pair it with (inputsKeyOf).
  /** Its text is the same, but a file its parse depends on changed: parsed again. */
  inputsChanged?: true;
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
  const stats: LintedFiles['stats'] = { parsed: 0, linted: 0, rechecked: 0, moved: 0, cache: read.ok ? 'used' : read.reason };
  const unreadable = [...found.unreadable];
  const engine = options.loaded ?? new LintEngine(found.cascade);
  // An engine loaded ahead is a run without a cache (one that appeared since is written over).
  let cache = read.ok && !options.loaded ? read.cache : undefined;
  const files = identify(found.files, cache, options.strategy, unreadable, engine);
  const piecesSaved: PiecesSaved = options.pieces ? { pieceKey: options.pieces.pieceKey } : 'as before';
  const save = (records: CacheRecord[], from?: LintCache) => {
    try {
      saveCache(location, key, records, from, piecesSaved);
    } catch (error) {
      options.warn(`cannot write the cache ${location}: ${reasonOf(error)}`);
    }
  };

  if (cache) {
    const unchanged = reuseEverything(found, files, cache, engine, unreadable, stats, save, options.pieces);
    if (unchanged) return unchanged;
    if (stats.cache === 'corrupt') cache = undefined;
  }
  const removed = cache ? cache.entries.filter((entry) => !files.has(entry.path)) : [];
  if (!options.loaded && (!cache || countChanged(files) >= BULK_PARSE_FILES)) options.parsingInBulk?.();
  // The index keeps this run's order whatever order files come in (where ids tie, candidates and
  // related locations go by index order): a replaced file keeps its place, an added one takes its own.
  engine.index.setOrder(found.files);

  // The index as the cache left it (changed files in their old version, so that updating them
  // yields what the change affects). A changed file whose old parse is not at hand (damaged, or one
  // the cache could not store) leaves nothing to compare with: everything is linted again.
  const affected = new Set<string>();
  let lintEverything = !cache;
  // The rules whose workspace candidates the changes may have moved (see candidateRulesMoved), and
  // the entities the changes only retitled (see retitledIn).
  const moved = new Set<string>();
  const retitled: Retitled[] = [];
  const restore = (file: { path: string; entry?: CacheEntry; inputsChanged?: true }) => {
    const old = file.entry && cache!.restoredParse(file.entry, engine.templateLookup(file.path));
    if (old) engine.restore(old, !file.inputsChanged);
    return old !== undefined;
  };
  // Files whose stored parse result could not be used (damaged, or never stored): stored anew.
  const parsedAgain = new Set<string>();
  if (cache) {
    for (const file of files.values()) {
      if (file.entry && !restore(file)) {
        if (!file.unchanged) lintEverything = true;
        // Same text, parse not stored: parsed again now, in its place.
        else if (!load(engine, file, unreadable, stats)) files.delete(file.path);
        else parsedAgain.add(file.path);
      }
    }
    for (const entry of removed) if (!restore(entry)) lintEverything = true;
  }
  // The files this run reports, as a set (`reported` below, once unreadable files are left out: the
  // loops over `files` ask only of files still in it).
  const reportedPaths = new Set(found.selected);
  // What the cache holds of each file's findings: an edit that only moves or retitles what a file
  // declares re-checks, of the files that link to it or that it links to, only those whose findings
  // do not stand once the places they name in it move along (engine.update). `moved` holds those
  // moved: they are printed and stored as this run's findings.
  const held = cache ? heldFindings(files, cache, reportedPaths) : undefined;
  for (const file of [...files.values()]) {
    if (file.unchanged) continue;
    // Without a cache nothing was read yet: each text is read, parsed and dropped in turn.
    if (!cache) {
      if (options.loaded?.getFile(file.path)) stats.parsed++;
      else if (!load(engine, file, unreadable, stats)) files.delete(file.path);
      continue;
    }
    const text = file.text ?? readOrNote(file.path, unreadable);
    file.text = undefined;
    if (text === undefined) {
      files.delete(file.path);
      continue;
    }
    stats.parsed++;
    const before = engine.getFile(file.path);
    for (const p of engine.update(file.path, text, held)) affected.add(p);
    const after = engine.getFile(file.path);
    for (const rule of candidateRulesMoved(before, after)) moved.add(rule);
    retitled.push(...retitledIn(before, after));
  }
  for (const entry of removed) {
    for (const rule of candidateRulesMoved(engine.getFile(entry.path), undefined)) moved.add(rule);
    for (const p of engine.remove(entry.path)) affected.add(p);
  }
  // What working out the affected files derived from the index is rebuilt, as a run without the cache builds it.
  if (cache) engine.index.forgetDerived();

  // Fixes that name candidates (declared owners, objectives to link, the closest id) and edits into
  // other files follow the whole workspace, not only what the engine tracks for diagnostics (the
  // editor computes them when asked): when a change touched what some file declares (an edit of
  // prose or a move of lines does not), the rules that gave such findings run again on their files,
  // and their other findings are kept.
  const reusable = (file: Current): CacheEntry | undefined => {
    const entry = file.entry;
    return !lintEverything && file.unchanged && entry?.hasFindings && !affected.has(file.path) ? entry : undefined;
  };
  // Rules marked '>' gave fixes that edit other files: their offsets move with any change. A rule
  // that can tell whether its findings stand after entities were retitled (prd-link) is asked, once per file.
  const standing = new Map<string, boolean>();
  const standsRetitled = (entry: CacheEntry, rule: string): boolean => {
    const check = RULES_BY_ID.get(rule)?.standsAfterRetitling;
    if (!check || !cache) return false;
    const key = `${rule}\0${entry.path}`;
    let stands = standing.get(key);
    if (stands === undefined) {
      const stored = cache.findings(entry);
      const parsed = engine.getFile(entry.path);
      stands = stored !== undefined && parsed !== undefined && check(stored, parsed, retitled, engine.index);
      standing.set(key, stands);
    }
    return stands;
  };
  const movedFor = (entry: CacheEntry, rule: string) => moved.has(rule) || (retitled.length > 0 && TITLES_RANKED.has(rule) && !standsRetitled(entry, rule));
  const again = (entry: CacheEntry) => entry.followRules.flatMap((rule) => (rule.startsWith('>') ? [rule.slice(1)] : movedFor(entry, rule) ? [rule] : []));
  const stale = (entry: CacheEntry) => again(entry).length > 0;
  const findings = new RunFindings(cache);
  const reported = found.selected.filter((f) => files.has(f));
  const kept = new Map<string, CacheEntry>();
  for (const path of reported) {
    const entry = reusable(files.get(path)!);
    const movedAlong = entry && held?.moved.get(path);
    // Stored and still true: decoded when printed.
    if (entry && !movedAlong && !stale(entry) && cache!.canReadFindingsLater(entry)) {
      findings.stored(path, entry);
      kept.set(path, entry);
      continue;
    }
    const stored = movedAlong ?? (entry && cache!.findings(entry));
    if (!stored) {
      findings.set(path, engine.lint(path));
      stats.linted++;
    } else if (stale(entry!)) {
      const rules = new Set(again(entry!));
      findings.set(path, [...stored.filter((f) => !rules.has(f.ruleId)), ...engine.lint(path, rules)].sort(compareFindings));
      stats.rechecked++;
    } else if (movedAlong) {
      findings.set(path, movedAlong);
      stats.moved++;
    } else {
      findings.set(path, stored);
      kept.set(path, entry!);
    }
  }

  const records: CacheRecord[] = [];
  const hashOf = (path: string) => engine.getFile(path)?.hash;
  const pieces = new StoredPieces(cache, options.pieces);
  for (const file of files.values()) {
    const parsed = engine.getFile(file.path)!;
    const fresh = kept.has(file.path) ? undefined : findings.fresh(file.path);
    // Not reported this time (context only): what was cached stays true unless the changes reach it.
    const context = fresh ? undefined : reusable(file);
    const reused = kept.get(file.path) ?? (context && !stale(context) ? context : undefined);
    const piece = pieces.toSave(file.path, reportedPaths.has(file.path), reused, fresh, parsed);
    records.push({
      path: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      hash: parsed.hash,
      templateKey: parsed.templateKey,
      inputsKey: inputsKeyOf(engine, file.path, parsed.templateKey, hashOf),
      participates: parsed.participates,
      followRules: reused ? reused.followRules : fresh ? followRulesOf(fresh) : [],
      lineMap: parsed.lineMap,
      ...(reused ? { findings: reused } : fresh ? { findings: fresh } : {}),
      // The stored bytes stay where they are (saveCache); a damaged part is replaced.
      parse: file.unchanged && file.entry?.hasParse && !parsedAgain.has(file.path) ? file.entry : parsed,
      ...(piece ? { piece } : {}),
    });
  }
  save(records, cache);
  // Read from the cache as it was (the file held open).
  const storedPiece = (file: string) => pieces.toPrint(kept.get(file), findings.isStored(file));
  return { reported, findings, view: (file) => engine.getFile(file), parsed: (file) => engine.getFile(file), storedPiece, fileCount: files.size, unreadable, stats };
}

/**
 * Which pieces of the report (CacheOptions.pieces) a save stores, and which stored ones a run may
 * print. A stored piece stands while its file's findings do (it reads nothing else), and is made
 * for the cache's pieceKey: a run in that format keeps it; a run in another keeps it too, for the
 * next run in the first (it stores none of its own); a run in a third format stores its own.
 */
class StoredPieces {
  private readonly keep: boolean;

  constructor(
    private readonly cache: LintCache | undefined,
    private readonly pieces: ReportPieces | undefined,
  ) {
    this.keep = !pieces || cache?.piecesMadeFor(pieces.pieceKey) === true;
  }

  /**
   * The stored piece of a reported file's entry, when the run prints it as stored: its findings
   * stand and the cache reads them when asked (`printedAsStored`: the caller's to say), and the
   * piece was made for this run's pieceKey.
   */
  toPrint(entry: CacheEntry | undefined, printedAsStored: boolean): string | undefined {
    return entry && printedAsStored && this.pieces !== undefined && this.keep && entry.hasPiece ? this.cache?.piece(entry) : undefined;
  }

  /**
   * The piece to save for a file: kept from its entry when its findings are reused; else, for a
   * reported file the report shows, made from its findings when it is written (those of the entry
   * decoded then, from the file held open).
   */
  toSave(path: string, reported: boolean, reused: CacheEntry | undefined, fresh: readonly Finding[] | undefined, parsed: Pick<ParsedFile, 'participates' | 'lineMap'>): CacheRecord['piece'] {
    if (reused && this.keep && reused.hasPiece) return reused;
    const pieces = this.pieces;
    if (!pieces || !reported) return undefined;
    // Markdown that declares nothing and has no findings is left out of the report (run.ts).
    if (!parsed.participates && (fresh ? fresh.length : (reused?.tally.total ?? 1)) === 0) return undefined;
    if (fresh) return () => pieces.render(path, fresh, parsed.lineMap);
    const cache = this.cache;
    if (!reused || !cache) return undefined;
    return () => {
      const stored = cache.findings(reused);
      return stored && pieces.render(path, stored, parsed.lineMap);
    };
  }
}

/**
 * Nothing changed (every file as the cache remembers it, none removed, every reported file's
 * findings stored): the stored findings are the findings; nothing is parsed, and parse results are
 * decoded only when asked for (bulk suppressions read them). Undefined otherwise, or when stored
 * findings prove damaged (the caller then lints without the cache).
 */
function reuseEverything(found: DiscoveredWorkspace, files: Map<string, Current>, cache: LintCache, engine: LintEngine, unreadable: SkippedPath[], stats: LintedFiles['stats'], save: (records: CacheRecord[], from: LintCache) => void, report: ReportPieces | undefined): LintedFiles | undefined {
  if (files.size !== cache.entries.length) return undefined;
  for (const file of files.values()) if (!file.unchanged) return undefined;
  const reported = found.selected.filter((f) => files.has(f));
  const findings = new RunFindings(cache);
  for (const path of reported) {
    const entry = files.get(path)!.entry!;
    if (cache.canReadFindingsLater(entry)) {
      findings.stored(path, entry);
      continue;
    }
    const stored = cache.findings(entry);
    if (!stored) {
      if (entry.hasFindings) markCorrupt(files, stats);
      return undefined;
    }
    findings.set(path, stored);
  }
  const pieces = new StoredPieces(cache, report);
  const reportedSet = new Set(reported);
  // Only metadata moved (a file touched, not changed): remembered, so that the next run need not
  // read it. Pieces of the report not stored for this run's format: stored, so that the next run
  // prints them as they are.
  const piecesMissing = report !== undefined && !cache.piecesMadeFor(report.pieceKey);
  if (piecesMissing || [...files.values()].some((f) => f.entry!.mtimeMs !== f.mtimeMs || f.entry!.size !== f.size)) {
    save(
      [...files.values()].map((f) => {
        const e = f.entry!;
        const lineMap = cache.lineMap(e);
        const piece = pieces.toSave(f.path, reportedSet.has(f.path), e.hasFindings ? e : undefined, undefined, { participates: e.participates, lineMap });
        return { path: f.path, size: f.size, mtimeMs: f.mtimeMs, hash: e.hash, templateKey: e.templateKey, inputsKey: e.inputsKey, participates: e.participates, followRules: e.followRules, lineMap, ...(e.hasFindings ? { findings: e } : {}), parse: e, ...(piece ? { piece } : {}) };
      }),
      cache,
    );
  }
  const storedPiece = (path: string) => pieces.toPrint(files.get(path)?.entry, findings.isStored(path));
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
      let result = cache.parse(file.entry!, engine.templateLookup(path));
      if (!result && load(engine, file, unreadable, stats)) result = engine.getFile(path);
      decoded.set(path, result);
    }
    return decoded.get(path);
  };
  return { reported, findings, view, parsed, storedPiece, fileCount: files.size, unreadable, stats };
}

/**
 * A run's findings by file: those it linted, and those the cache holds, read and decoded at each
 * `get` (the formatters ask for a file's findings as they print it: they are then dropped, instead
 * of all staying live until the report is written).
 */
class RunFindings implements FindingsByFile {
  private readonly linted = new Map<string, Finding[]>();
  private readonly inCache = new Map<string, CacheEntry>();

  constructor(private readonly cache: LintCache | undefined) {}

  set(file: string, findings: Finding[]): void {
    this.linted.set(file, findings);
  }

  /** The file's findings are the cache's (canReadFindingsLater said they can be read). */
  stored(file: string, entry: CacheEntry): void {
    this.inCache.set(file, entry);
  }

  /** Whether the file's findings are the cache's, read when asked for (`stored`). */
  isStored(file: string): boolean {
    return this.inCache.has(file);
  }

  /** The findings of a file this run linted. */
  fresh(file: string): Finding[] | undefined {
    return this.linted.get(file);
  }

  get(file: string): Finding[] | undefined {
    const entry = this.inCache.get(file);
    if (!entry) return this.linted.get(file);
    const findings = this.cache!.findings(entry);
    // Checked when the run began and read from the file as it was then: only a disk failing since can fail here.
    if (!findings) throw new Error(`the lint cache changed while this run read it (${file}): run again`);
    return findings;
  }

  storedTally(file: string): FindingTally | undefined {
    return this.inCache.get(file)?.tally;
  }
}

/**
 * The cache's findings as engine.update asks for them (HeldFindings), and those it moved along with
 * an edit. A file's stored findings stand after an edit that only moved or retitled what another
 * declares when they name no place in it, or when each place they name there is a part of one of
 * its entities, which moves with it (movedFindings.ts): an owners file whose load lists the edited
 * file's initiatives. Only files this run reports and whose findings are stored qualify (a changed
 * file is linted again). Each file's findings are decoded once, when first asked about.
 */
function heldFindings(files: Map<string, Current>, cache: LintCache, reported: ReadonlySet<string>): HeldFindings & { moved: Map<string, Finding[]> } {
  const moved = new Map<string, Finding[]>();
  const decoded = new Map<string, Finding[] | undefined>();
  const heldFor = (path: string): Finding[] | undefined => {
    if (moved.has(path)) return moved.get(path);
    if (!decoded.has(path)) {
      const file = files.get(path);
      decoded.set(path, reported.has(path) && file?.unchanged && file.entry?.hasFindings ? cache.findings(file.entry) : undefined);
    }
    return decoded.get(path);
  };
  let places: { before: ParsedFile; after: ParsedFile; moved: ReturnType<typeof placesMoved> } | undefined;
  const placesOf = (before: ParsedFile, after: ParsedFile) => {
    if (places?.before !== before || places.after !== after) places = { before, after, moved: placesMoved(before, after) };
    return places.moved;
  };
  return {
    moved,
    standAfterMove(path, before, after) {
      const held = heldFor(path);
      if (!held) return false;
      const now = findingsMoved(held, before.path, placesOf(before, after));
      if (!now) return false;
      if (now !== held) moved.set(path, now);
      return true;
    },
  };
}

/** How many files the cache does not hold as they are now. */
function countChanged(files: Map<string, Current>): number {
  let changed = 0;
  for (const file of files.values()) if (!file.unchanged) changed++;
  return changed;
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
 * (a KEP's main file appeared beside it), or whose template pairs it with a file that changed (its
 * README.md), has changed too.
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
    if (!cache) {
      // Everything will be parsed: read later, one file at a time.
      files.set(path, { path, size, mtimeMs, hash: '', templateKey: '', inputsKey: '', unchanged: false });
      continue;
    }
    const templateKey = engine.templateKeyFor(path);
    const sameTemplates = entry !== undefined && entry.templateKey === templateKey;
    if (strategy === 'metadata' && entry && sameTemplates && entry.size === size && entry.mtimeMs === mtimeMs) {
      files.set(path, { path, size, mtimeMs, hash: entry.hash, templateKey, inputsKey: '', entry, unchanged: true });
      continue;
    }
    const text = readOrNote(path, unreadable);
    if (text === undefined) continue;
    const hash = contentHash(text);
    const unchanged = sameTemplates && entry.hash === hash;
    files.set(path, { path, size, mtimeMs, hash, templateKey, inputsKey: '', ...(entry ? { entry } : {}), unchanged, ...(unchanged ? {} : { text }) });
  }
  // Once every file's hash is known: the files templates pair.
  const hashOf = (path: string) => files.get(path)?.hash;
  for (const file of files.values()) {
    file.inputsKey = inputsKeyOf(engine, file.path, file.templateKey, hashOf);
    if (!file.unchanged || file.inputsKey === file.entry!.inputsKey) continue;
    const text = readOrNote(file.path, unreadable);
    if (text === undefined) {
      files.delete(file.path);
      continue;
    }
    Object.assign(file, { unchanged: false, inputsChanged: true, text });
  }
  return files;
}

/**
 * What a templated file's parse may read of the files its templates pair it with (a KEP's README.md
 * beside its kep.yaml): their paths and content hashes, hashed; '' for a file no template reads.
 * `hashOf` knows the workspace's files; others are read from disk (absent: '').
 */
function inputsKeyOf(engine: LintEngine, path: string, templateKey: string, hashOf: (path: string) => string | undefined): string {
  if (templateKey === '' || templateKey === LEFT_OUT) return '';
  const inputs = engine.parseInputsFor(path);
  if (!inputs.length) return '';
  return contentHash(inputs.map((p) => `${p}\0${hashOf(p) ?? diskHash(p)}`).join('\n'));
}

function diskHash(path: string): string {
  try {
    return contentHash(readTextFile(path));
  } catch {
    return '';
  }
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

/**
 * The rules of the findings whose fixes name candidates from the whole workspace, and, marked '>',
 * of those whose fixes edit other files (re-checked after any change: the offsets may have moved).
 */
function followRulesOf(findings: readonly Finding[]): string[] {
  const rules = new Set<string>();
  for (const finding of findings) {
    if (finding.fixes?.some((fix) => fix.edits.some((edit) => edit.file !== finding.file))) rules.add(`>${finding.ruleId}`);
    // A finding without candidates yet counts too: it gains them when the first one is declared.
    else if (CANDIDATES_FROM_THE_WORKSPACE.has(finding.ruleId)) rules.add(finding.ruleId);
  }
  for (const rule of rules) if (rule.startsWith('>')) rules.delete(rule.slice(1));
  return [...rules];
}

/**
 * The candidate rules whose lists a change of one file may have moved. The ids a file declares feed
 * them all; heading anchors the links kind-mismatch writes; the other fields (owners, status, links)
 * all but those that list ids alone. Titles feed prd-link's likeness of titles, which asks each
 * file's findings whether they stand (retitledIn; a reference naming a title or a near id, a broken
 * link, are the engine's to follow: it re-checks them as it does for the hints that name them). An
 * edit of prose, or one that only moves lines, moves none.
 */
function candidateRulesMoved(before: ParsedFile | undefined, after: ParsedFile | undefined): string[] {
  const [a, b] = [declaredAspects(before), declaredAspects(after)];
  if (a.ids !== b.ids) return [...CANDIDATES_FROM_THE_WORKSPACE];
  const rules = new Set<string>();
  if (a.anchors !== b.anchors) rules.add('kind-mismatch');
  // Titles alone: see retitledIn.
  if (a.rest !== b.rest) for (const rule of CANDIDATES_FROM_THE_WORKSPACE) if (!LIST_IDS_ALONE.has(rule)) rules.add(rule);
  return [...rules];
}

/** The candidate rules that rank by title: each file's findings of theirs are asked whether they stand after retitling (Rule.standsAfterRetitling). */
const TITLES_RANKED = new Set(['prd-link']);

/**
 * The entities of a file whose titles changed, when their ids did not (candidateRulesMoved then
 * re-checks every candidate rule): the same entities, in the same order, each before and after.
 */
function retitledIn(before: ParsedFile | undefined, after: ParsedFile | undefined): Retitled[] {
  if (!before || !after || before.entities.length !== after.entities.length) return [];
  const retitled: Retitled[] = [];
  before.entities.forEach((entity, i) => {
    const now = after.entities[i]!;
    if (entity.id === now.id && entity.kind === now.kind && entity.title !== now.title) retitled.push({ before: entity, after: now });
  });
  return retitled;
}

/** Rules whose candidates are ids of a kind, near a written one or first declared, and nothing else about the entities. */
const LIST_IDS_ALONE = new Set(['unknown-owner', 'unresolved-reference']);
