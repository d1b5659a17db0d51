import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../engine/config.js';
import type { ConfigCascade } from '../config/cascade.js';
import { LintEngine } from '../engine/engine.js';
import { loadConfig } from '../config/load.js';
import { discoverFiles, isGlobPattern, MissingPathError, type SkippedPath } from '../files/discover.js';
import { ignoreLayer, type IgnoreChain } from '../files/gitignore.js';
import { absolutePosix, displayPath, parentDir, relativeInside, toPosix } from '../files/paths.js';
import { decodeUtf8, FileReadError, readTextFile } from '../files/read.js';
import { reasonOf } from '../files/errno.js';
import { didYouMean } from '../config/suggest.js';
import type { RuleSetting } from '../model/finding.js';
import type { WorkspaceArgs } from './args.js';
import { CliError } from './errors.js';
import { assertTemplatesMatch } from '../templates/unmatched.js';
import { loadInParallel, sampledStart, workerCountFor, workersAvailable, type ParseSplit } from '../parallel/parallelLoad.js';
import type { Concurrency } from '../parallel/concurrency.js';
import type { ConfigSource } from '../parallel/protocol.js';

export interface WorkspaceRequest extends WorkspaceArgs {
  rules?: Record<string, RuleSetting>;
  /** Lint this text as the file `stdinFilename` (or `<stdin>`), within the workspace around it. */
  stdinText?: () => Buffer;
  stdinFilename?: string;
  /** Keep every file's raw text (for --fix); otherwise texts are dropped once parsed. */
  keepTexts?: boolean;
  /** false (`--no-error-on-unmatched-pattern`): a path that yields no file to lint is not an error. */
  errorOnUnmatchedPattern?: boolean;
  /** Called once the files are found, before they are read (the phases of --stats), with how many will be read. */
  onDiscovered?: (fileCount: number) => void;
  /** Called as each file is read and parsed (progress in a terminal). */
  onFileLoaded?: (done: number, total: number) => void;
}

/** How `loadWorkspaceConcurrently` parses: `--concurrency`. */
export interface ParallelRequest {
  concurrency: Concurrency;
  /** Told when a worker stops early (its files are parsed in the main thread). */
  warn(message: string): void;
  /** False for a run that never asks a parse's content hash (no --cache): see LintEngine's `contentHashes`. Default true. */
  contentHashes?: boolean;
  /** Told where the files were parsed, when workers could start (--stats). */
  parsedWhere?: (split: ParseSplit) => void;
}

/** Everything a command needs once the files are found, read and loaded into the engine. */
export interface LoadedWorkspace {
  /** Absolute, '/'-separated. */
  cwd: string;
  /** The workspace root (§10.12): every taking-part file under it is indexed. */
  root: string;
  /** The settings of the workspace as a whole (the top of the cascade). */
  config: ResolvedConfig;
  engine: LintEngine;
  /** The files the command reports on (and may fix), in discovery order (with --stdin: the stdin file). */
  reported: string[];
  /** Whether other files of the workspace were loaded too, only so that references resolve. */
  contextOnly: boolean;
  /** Raw texts of the reported files, when `keepTexts` was asked for. */
  texts: Map<string, string>;
  /** The stdin file's path, when linting stdin. */
  stdinPath?: string;
  /** Files named on the command line but left out (ignore patterns, links leading outside): a warning each. */
  skipped: SkippedPath[];
  /** Files or folders that could not be read: the run reports what it can, then exits 2. */
  unreadable: SkippedPath[];
}

/** The files a command works on, found but not read yet. */
export interface DiscoveredWorkspace {
  /** Absolute, '/'-separated. */
  cwd: string;
  /** The workspace root (§10.12). */
  root: string;
  /** Every config that applies, by folder (the engine's configuration). */
  cascade: ConfigCascade;
  /** The files the command reports on, in discovery order (before reading: some may prove unreadable). */
  selected: string[];
  /** Every file to load, in load order: the selected ones first, then the rest of the workspace. */
  files: string[];
  stdinPath?: string;
  skipped: SkippedPath[];
  unreadable: SkippedPath[];
  /** How the configs were found: what a parsing worker needs to read the same ones. */
  configSource: ConfigSource;
}

/**
 * Finds the workspace and its configs (§10.12), the files (§2, §10.14, §10.15), reads them
 * (§10.11) and loads them into one engine. Every taking-part file under the workspace root is
 * indexed; the paths only select which are reported (a `!pattern` leaves files out). Reading is a
 * tight synchronous loop: for thousands of small files that is faster than promises, and parsing
 * dominates anyway.
 */
export function loadWorkspace(request: WorkspaceRequest, found = discoverWorkspace(request)): LoadedWorkspace {
  // A run without --cache (cachedLint.ts makes its own engine) never asks a parse's content hash.
  const engine = new LintEngine(found.cascade, { contentHashes: false });
  const texts = new Map<string, string>();
  const unreadable = [...found.unreadable];
  const { cwd, stdinPath } = found;
  const selected = new Set(found.selected);
  let attempted = 0;
  engine.expect(found.files);
  for (const file of found.files) {
    attempted++;
    let text: string;
    try {
      text = file === stdinPath ? decodeUtf8(displayPath(file, cwd), request.stdinText!()) : readTextFile(file);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      unreadable.push({ path: file, reason: error.reason });
      continue;
    }
    engine.load(file, text);
    if (request.keepTexts === true && selected.has(file)) texts.set(file, text);
    request.onFileLoaded?.(attempted, found.files.length);
  }
  engine.expect();
  return loaded(found, engine, texts, unreadable);
}

/**
 * As loadWorkspace, with the files parsed by worker threads as well as the main thread
 * (`--concurrency`, docs/cli.md): the same engine, loaded in the same order. Not for stdin nor
 * --fix (which keeps the texts): those load in the main thread, as do small workspaces under `auto`.
 */
export async function loadWorkspaceConcurrently(request: WorkspaceRequest, parallel: ParallelRequest): Promise<LoadedWorkspace> {
  const found = discoverWorkspace(request);
  // As loadWorkspace: a run without --cache never asks a parse's content hash.
  const inParallel = request.keepTexts === true ? undefined : await parseInParallel(found, request, { ...parallel, contentHashes: false });
  if (!inParallel) return loadWorkspace(request, found);
  return loaded(found, inParallel.engine, new Map(), [...found.unreadable, ...inParallel.unreadable]);
}

/**
 * An engine holding the discovered files, parsed by worker threads and the main thread in load
 * order; undefined when no worker would start (`off`, `auto` on one core or for a small
 * workspace, stdin, tests that do not run from the bundle): then the caller loads as usual.
 */
export async function parseInParallel(found: DiscoveredWorkspace, request: Pick<WorkspaceRequest, 'onFileLoaded'>, parallel: ParallelRequest): Promise<{ engine: LintEngine; unreadable: SkippedPath[] } | undefined> {
  const workers = workersAvailable() && !found.stdinPath ? workerCountFor(parallel.concurrency, found.files.length) : 0;
  if (workers === 0) return undefined;
  const engine = new LintEngine(found.cascade, { contentHashes: parallel.contentHashes ?? true });
  const unreadable = await loadInParallel(found.files, engine, {
    workers,
    sampleFirst: sampledStart(parallel.concurrency, found.files.length),
    config: found.configSource,
    warn: parallel.warn,
    ...(request.onFileLoaded ? { onFileLoaded: request.onFileLoaded } : {}),
    ...(parallel.parsedWhere ? { parsedWhere: parallel.parsedWhere } : {}),
  });
  return { engine, unreadable };
}

function loaded(found: DiscoveredWorkspace, engine: LintEngine, texts: Map<string, string>, unreadable: SkippedPath[]): LoadedWorkspace {
  const { cwd, root, stdinPath } = found;
  const reported = found.selected.filter((f) => engine.getFile(f));
  return { cwd, root, config: found.cascade.root, engine, reported, contextOnly: found.files.length > reported.length, texts, ...(stdinPath ? { stdinPath } : {}), skipped: found.skipped, unreadable };
}

/** Finds the workspace, its configs (§10.12) and the files (§2, §10.14, §10.15) of a command, without reading them. */
export function discoverWorkspace(request: WorkspaceRequest): DiscoveredWorkspace {
  const cwd = toPosix(process.cwd());
  const stdinPath = request.stdinText ? absolutePosix(request.stdinFilename ?? '<stdin>', cwd) : undefined;
  const excluded = request.paths.filter(isNegated).map((p) => p.slice(1));
  const positive = request.paths.filter((p) => !isNegated(p));
  const paths = positive.length ? positive : ['.'];
  if (!stdinPath) assertPathsExist(paths, cwd);
  const start = stdinPath ? (relativeInside(cwd, stdinPath) !== undefined ? cwd : parentDir(stdinPath)) : startingPoint(paths, cwd);
  const overrides = {
    ...(request.today ? { today: request.today } : {}),
    ...(request.rules ? { rules: request.rules } : {}),
    ...(request.presets ? { presets: request.presets } : {}),
  };
  const configSource: ConfigSource = { ...(request.config ? { explicitPath: absolutePosix(request.config, cwd) } : {}), start, overrides };
  const { root, cascade } = loadConfig(configSource);

  const discoveryOptions = {
    cwd,
    configs: cascade,
    workspaceRoot: root,
    gitignoreCeiling: repositoryRoot(root) ?? root,
    namedFilesOverrideGitignore: true,
    errorOnUnmatched: request.errorOnUnmatchedPattern !== false,
    ...(request.ignorePath ? { extraIgnore: readIgnorePath(request.ignorePath, cwd) } : {}),
  };
  const named = discoverFiles(stdinPath ? [] : paths, { ...discoveryOptions, ...(stdinPath ? { virtualFile: stdinPath } : {}) });
  // References cross files: every file of the workspace is indexed, so that a file named alone
  // gets the same findings as in a full run or in the editor (SPEC §1). A folder argument that is
  // the root has found every file already.
  const walkedRoot = !stdinPath && paths.some((p) => absolutePosix(p, cwd) === root && isDirectory(root));
  const context = walkedRoot || !existsSync(root) ? undefined : discoverFiles([root], { ...discoveryOptions, errorOnUnmatched: false });
  // The context walk meets the named folders again: name each unreadable one once.
  const unreadable = [...new Map([...named.unreadable, ...(context?.unreadable ?? [])].map((u) => [u.path, u])).values()];
  const isExcluded = exclusionMatcher(excluded, cwd);
  const selected = named.files.filter((f) => f === stdinPath || !isExcluded(f));
  const files = [...new Set([...selected, ...named.files, ...(context?.files ?? [])])];
  if (!stdinPath) assertTemplatesMatch(new Set(files.flatMap((f) => cascade.configFor(f).templates).concat(cascade.root.templates)), files);
  request.onDiscovered?.(files.length);
  return { cwd, root, cascade, selected, files, ...(stdinPath ? { stdinPath } : {}), skipped: named.skipped, unreadable, configSource };
}

/** §8: a path argument starting with `!` leaves out what it matches. */
function isNegated(arg: string): boolean {
  return arg.startsWith('!') && arg.length > 1;
}

/**
 * Whether a file is left out by a `!pattern` (relative to the current folder, as the paths are):
 * the pattern may name the file or any folder above it (`!prds`, `!prds/**`, `!prds/*.md`).
 */
function exclusionMatcher(patterns: readonly string[], cwd: string): (file: string) => boolean {
  if (!patterns.length) return () => false;
  const matchers = patterns.map((p) => picomatch(toPosix(p).replace(/^\.\//, '').replace(/\/$/, ''), { dot: true }));
  return (file) => {
    const rel = toPosix(path.relative(cwd, file));
    for (let r = rel; r && r !== '.'; r = path.posix.dirname(r)) if (matchers.some((m) => m(r))) return true;
    return false;
  };
}

/** §10.12: the deepest folder containing every named path (a file's folder, a glob's static base). */
function startingPoint(paths: readonly string[], cwd: string): string {
  const dirs = paths.map((p) => lookupDirOf(p, cwd));
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) while (relativeInside(common, dir) === undefined) common = parentDir(common);
  return common;
}

/** A missing file is reported before the config is even read: it is the likelier mistake. */
function assertPathsExist(paths: readonly string[], cwd: string): void {
  const missing = paths.filter((p) => !isGlobPattern(p) && !existsSync(absolutePosix(p, cwd)));
  if (missing.length === 1 && paths[0] === missing[0] && didYouMean(missing[0]!, ['report'])) {
    throw new CliError(`no such file or directory: ${missing[0]} (did you mean the command "report"?)`);
  }
  if (missing.length) throw new MissingPathError(missing, 'missing');
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The folder a path argument stands for: itself, a file's folder, a glob's static base. */
function lookupDirOf(arg: string, cwd: string): string {
  const absolute = absolutePosix(arg, cwd);
  try {
    if (statSync(absolute).isDirectory()) return absolute;
    return parentDir(absolute);
  } catch {
    return isGlobPattern(arg) ? absolutePosix(picomatch.scan(arg).base || '.', cwd) : cwd;
  }
}

/** The nearest folder at or above `dir` that holds `.git`. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; ) {
    if (existsSync(`${d}/.git`)) return d;
    const parent = parentDir(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

function readIgnorePath(ignorePath: string, cwd: string): IgnoreChain {
  const absolute = absolutePosix(ignorePath, cwd);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new CliError(`--ignore-path ${ignorePath}: ${reasonOf(error)}`);
  }
  return [ignoreLayer(parentDir(absolute), text)];
}
