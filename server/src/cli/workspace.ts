import { existsSync, readFileSync, statSync } from 'node:fs';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../engine/config.js';
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

export interface WorkspaceRequest extends WorkspaceArgs {
  rules?: Record<string, RuleSetting>;
  /** Lint this text as the file `stdinFilename` (or `<stdin>`), within the workspace around it. */
  stdinText?: () => Buffer;
  stdinFilename?: string;
  /** Keep every file's raw text (for --fix); otherwise texts are dropped once parsed. */
  keepTexts?: boolean;
}

/** Everything a command needs once the files are found, read and loaded into the engine. */
export interface LoadedWorkspace {
  /** Absolute, '/'-separated. */
  cwd: string;
  config: ResolvedConfig;
  engine: LintEngine;
  /** The files the command reports on, in discovery order (with --stdin: the stdin file). */
  reported: string[];
  /** Whether other files of the workspace were loaded too, only so that references resolve. */
  contextOnly: boolean;
  /** Raw texts of the reported files, when `keepTexts` was asked for. */
  texts: Map<string, string>;
  /** The stdin file's path, when linting stdin. */
  stdinPath?: string;
  /** Files named on the command line but left out by an ignore pattern (for a warning). */
  skipped: SkippedPath[];
  /** Files or folders that could not be read: the run reports what it can, then exits 2. */
  unreadable: SkippedPath[];
}

/**
 * Finds the config (§10.12), the files (§2, §10.14), reads them (§10.11) and loads them into one
 * engine. Reading is a tight synchronous loop: for thousands of small files that is faster than
 * promises, and parsing dominates anyway.
 */
export function loadWorkspace(request: WorkspaceRequest): LoadedWorkspace {
  const cwd = toPosix(process.cwd());
  const stdinPath = request.stdinText ? absolutePosix(request.stdinFilename ?? '<stdin>', cwd) : undefined;
  const paths = request.paths.length ? request.paths : ['.'];
  if (!stdinPath) assertPathsExist(paths, cwd);
  const searchFrom = stdinPath ? parentDir(stdinPath) : lookupDirOf(paths[0]!, cwd);
  const overrides = { ...(request.today ? { today: request.today } : {}), ...(request.rules ? { rules: request.rules } : {}) };
  const config = loadConfig({ ...(request.config ? { explicitPath: absolutePosix(request.config, cwd) } : {}), searchFrom, fallbackRoot: searchFrom, overrides });

  const discoveryOptions = {
    cwd,
    config,
    gitignoreCeiling: repositoryRoot(config.root) ?? config.root,
    namedFilesOverrideGitignore: true,
    ...(request.ignorePath ? { extraIgnore: readIgnorePath(request.ignorePath, cwd) } : {}),
  };
  const named = discoverFiles(stdinPath ? [] : paths, { ...discoveryOptions, ...(stdinPath ? { virtualFile: stdinPath } : {}) });
  // References cross files: the named files are linted within their workspace, so that a file
  // named alone gets the same findings as in a full run or in the editor (SPEC §1).
  const contextRoot = stdinPath ? stdinWorkspaceRoot(stdinPath, config, cwd) : config.configPath ? config.root : undefined;
  // A folder argument at or above the workspace root has found every file already.
  const walkedRoot = !stdinPath && contextRoot !== undefined && paths.some((p) => relativeInside(absolutePosix(p, cwd), contextRoot) !== undefined && isDirectory(absolutePosix(p, cwd)));
  const needsContext = contextRoot !== undefined && !walkedRoot && existsSync(contextRoot) && named.files.some((f) => relativeInside(contextRoot, f) !== undefined);
  const context = needsContext ? discoverFiles([contextRoot], discoveryOptions) : undefined;

  const engine = new LintEngine(config);
  const texts = new Map<string, string>();
  // The context walk meets the named folders again: name each unreadable one once.
  const unreadable = [...new Map([...named.unreadable, ...(context?.unreadable ?? [])].map((u) => [u.path, u])).values()];
  const loaded = new Set<string>();
  const load = (file: string, keepText: boolean) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    let text: string;
    try {
      text = file === stdinPath ? decodeUtf8(displayPath(file, cwd), request.stdinText!()) : readTextFile(file);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      unreadable.push({ path: file, reason: error.reason });
      return;
    }
    engine.load(file, text);
    if (keepText) texts.set(file, text);
  };
  for (const file of named.files) load(file, request.keepTexts === true);
  const reported = named.files.filter((f) => engine.getFile(f));
  if (context) for (const file of context.files) load(file, false);
  return { cwd, config, engine, reported, contextOnly: loaded.size > reported.length, texts, ...(stdinPath ? { stdinPath } : {}), skipped: named.skipped, unreadable };
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

/** §10.12: the config is looked up from the first path's folder (a file's folder, a glob's static base). */
function lookupDirOf(arg: string, cwd: string): string {
  const absolute = absolutePosix(arg, cwd);
  try {
    if (statSync(absolute).isDirectory()) return absolute;
    return parentDir(absolute);
  } catch {
    return isGlobPattern(arg) ? absolutePosix(picomatch.scan(arg).base || '.', cwd) : cwd;
  }
}

/**
 * The folder whose files make up the stdin file's workspace: the config's folder; else the current
 * folder when it holds the file; else the file's repository; else the file's own folder.
 */
function stdinWorkspaceRoot(stdinPath: string, config: ResolvedConfig, cwd: string): string {
  if (config.configPath) return config.root;
  if (relativeInside(cwd, stdinPath) !== undefined) return cwd;
  return repositoryRoot(parentDir(stdinPath)) ?? parentDir(stdinPath);
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
