import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../engine/config.js';
import { ALWAYS_SKIPPED_DIRS, ConfigFilter } from './filter.js';
import { GitignoreChains, isIgnoredByChain, type IgnoreChain } from './gitignore.js';
import { languageOf } from '../parse/parseFile.js';
import { reasonOf } from './errno.js';
import { absolutePosix, parentDir, relativeInside, toPosix } from './paths.js';

export interface DiscoveryOptions {
  /** Absolute, '/'-separated. */
  cwd: string;
  /** The settings of each folder (its `include` and `ignore`; §10.12 cascade). */
  configs: {
    configForDir(dir: string): Pick<ResolvedConfig, 'root' | 'include' | 'ignore'>;
    /** Told the names in each folder walked, before its settings are asked for (ConfigCascade.listed). */
    listed?(dir: string, names: readonly string[]): void;
  };
  /**
   * The workspace root (§10.15): a symbolic link is followed only when its target lies inside it;
   * any other link is left out and listed in `skipped`, so nothing outside is read (or fixed).
   */
  workspaceRoot: string;
  /** A path or pattern that yields no file to lint is an error (§8), unless this is false. */
  errorOnUnmatched?: boolean;
  /** Highest folder whose .gitignore counts when none of the folders between holds `.git`. */
  gitignoreCeiling: string;
  /** Layers applied below every .gitignore (`--ignore-path`). */
  extraIgnore?: IgnoreChain;
  /** A file linted from stdin: named explicitly, whether or not it exists on disk. */
  virtualFile?: string;
  /**
   * Files named explicitly are linted even when a .gitignore excludes them (the command line:
   * what you name is what you mean, as ripgrep does). Off, a named file is listed only if a walk
   * from `cwd` would list it (the language server asks which files take part).
   */
  namedFilesOverrideGitignore?: boolean;
}

export interface SkippedPath {
  /** Absolute path of a file named on the command line but left out. */
  path: string;
  reason: string;
}

export interface Discovery {
  /** Absolute, '/'-separated, deduplicated, in command-line order then walk order (names sorted per folder). */
  files: string[];
  /** Files named explicitly but excluded by `ignore`, `.gitignore` or node_modules/.git (ESLint warns about these). */
  skipped: SkippedPath[];
  /** Folders that could not be listed (permissions): the run goes on, then exits 2. */
  unreadable: SkippedPath[];
}

/** A path argument that names nothing (exit 2). */
export class MissingPathError extends Error {
  constructor(readonly paths: readonly string[], readonly kind: 'missing' | 'no-match') {
    super(
      kind === 'missing'
        ? `no such file or directory: ${paths.join(', ')}`
        : `no files to lint match ${paths.map((p) => `"${p}"`).join(', ')}: nothing there is Markdown or *.strategy.yaml|yml that the config's include names and that ignore, .gitignore and node_modules/.git leave in (--no-error-on-unmatched-pattern allows this)`,
    );
    this.name = 'MissingPathError';
  }
}

const GLOB_CHARS = /[*?[\]{}()!]/;

export function isGlobPattern(arg: string): boolean {
  return GLOB_CHARS.test(arg) && picomatch.scan(arg).isGlob;
}

/**
 * Which files a run lints (§2, §10.14). Path arguments may be files, folders or glob patterns:
 * - a folder is walked: files matching `include`, minus `ignore`, node_modules/, .git/ and
 *   whatever a `.gitignore` excludes (each .gitignore applies to its own folder and below; one
 *   above the folder cannot exclude the folder itself, since it was named);
 * - a glob pattern (relative to the current directory) is walked from its static base: files it
 *   matches that the linter understands or `include` names, with the same exclusions;
 * - a file is linted even when `include` does not name it (as ESLint does), unless the config's
 *   `ignore` excludes it (or a .gitignore, see `namedFilesOverrideGitignore`): then it is
 *   reported in `skipped`.
 * A path that exists nowhere is a MissingPathError; so is a folder or pattern that yields no file
 * to lint, when `errorOnUnmatched` is set (the CLI, §8).
 * Symbolic links are followed only to targets inside `workspaceRoot` (§10.15).
 */
export function discoverFiles(args: readonly string[], options: DiscoveryOptions): Discovery {
  const walker = new Walker(options);
  const missing: string[] = [];
  const unmatched: string[] = [];
  if (options.virtualFile) walker.addExplicit(options.virtualFile);
  for (const arg of args) {
    const absolute = absolutePosix(arg, options.cwd);
    const stats = statOrUndefined(absolute);
    if (stats?.isDirectory()) {
      if (walker.walkRoot(absolute, (file, filter) => filter.isIncluded(file, absolute)) === 0) unmatched.push(arg);
    } else if (stats?.isFile()) walker.addExplicit(absolute);
    else if (isGlobPattern(arg)) {
      if (walker.walkGlob(arg) === 0) unmatched.push(arg);
    } else missing.push(arg);
  }
  if (missing.length) throw new MissingPathError(missing, 'missing');
  if (unmatched.length && options.errorOnUnmatched) throw new MissingPathError(unmatched, 'no-match');
  return { files: [...walker.files], skipped: walker.skipped, unreadable: walker.unreadable };
}

type Accept = (file: string, filter: ConfigFilter) => boolean;

class Walker {
  readonly files = new Set<string>();
  readonly skipped: SkippedPath[] = [];
  readonly unreadable: SkippedPath[] = [];
  private readonly chains: GitignoreChains;
  private readonly startIgnored = new Map<string, boolean>();
  private readonly filters = new Map<object, ConfigFilter>();
  private realRoot: string | undefined;

  constructor(private readonly options: DiscoveryOptions) {
    this.chains = new GitignoreChains(options.gitignoreCeiling, options.extraIgnore);
  }

  /** The include/ignore filter of the files directly inside `dir` (one per distinct config). */
  filterFor(dir: string): ConfigFilter {
    const config = this.options.configs.configForDir(dir);
    let filter = this.filters.get(config);
    if (!filter) {
      filter = new ConfigFilter(config);
      this.filters.set(config, filter);
    }
    return filter;
  }

  addExplicit(file: string): void {
    const dir = parentDir(file);
    const reason = this.exclusionOf(file, dir);
    if (reason) this.skipped.push({ path: file, reason });
    else this.files.add(file);
  }

  /** Why an explicitly named file is left out, if it is. */
  private exclusionOf(file: string, dir: string): string | undefined {
    if (file.split('/').some((segment) => ALWAYS_SKIPPED_DIRS.has(segment))) return 'files in node_modules/ and .git/ are never linted';
    if (file !== this.options.virtualFile && !this.insideWorkspace(file)) return OUTSIDE;
    const filter = this.filterFor(dir);
    if (filter.isIgnored(file, false) || this.ancestorIgnoredByConfig(dir, filter)) return 'it matches an "ignore" pattern of the config';
    if (this.options.namedFilesOverrideGitignore) return undefined;
    const start = relativeInside(this.options.cwd, dir) !== undefined ? this.options.cwd : dir;
    if (isIgnoredByChain(this.chainFrom(start, dir), file, false)) return 'a .gitignore excludes it';
    return undefined;
  }

  /** The ignore patterns of every config above add up (§10.12), so the folder's own filter knows them all. */
  private ancestorIgnoredByConfig(dir: string, filter: ConfigFilter): boolean {
    const top = this.options.configs.configForDir(dir).root;
    for (let d = dir; relativeInside(top, d); d = parentDir(d)) if (filter.isIgnored(d, true)) return true;
    return false;
  }

  /**
   * §10.15: whether the real location of `p` (links resolved) lies inside the workspace root. A
   * path that cannot be resolved (a dangling link) is not followed.
   */
  private insideWorkspace(p: string): boolean {
    let real: string;
    try {
      real = toPosix(realpathSync(p));
    } catch {
      return false;
    }
    this.realRoot ??= realOr(this.options.workspaceRoot);
    return relativeInside(this.realRoot, real) !== undefined;
  }

  /**
   * The .gitignore layers for `dir`, for a walk that starts at `start`. A folder the walk starts
   * from is never excluded by a pattern of a .gitignore above it: naming a folder (or opening it
   * as a workspace) that an outer .gitignore excludes lints it, with the .gitignore files inside it.
   */
  private chainFrom(start: string, dir = start): IgnoreChain {
    const chain = this.chains.chainFor(dir);
    let startIgnored = this.startIgnored.get(start);
    if (startIgnored === undefined) {
      startIgnored = parentDir(start) !== start && isIgnoredByChain(this.chains.chainFor(parentDir(start)), start, true);
      this.startIgnored.set(start, startIgnored);
    }
    return startIgnored ? chain.filter((layer) => relativeInside(start, layer.base) !== undefined) : chain;
  }

  /** Walks a named folder; returns how many files to lint it holds. */
  walkRoot(dir: string, accept: Accept): number {
    if (!this.insideWorkspace(dir)) {
      this.skipped.push({ path: dir, reason: OUTSIDE });
      return 0;
    }
    return this.walk(dir, this.chainFrom(dir), accept);
  }

  /** Walks a pattern from its static base; returns how many files to lint it matched. */
  walkGlob(pattern: string): number {
    const scan = picomatch.scan(pattern);
    const base = absolutePosix(scan.base || '.', this.options.cwd);
    if (!statOrUndefined(base)?.isDirectory()) return 0;
    const matches = picomatch(scan.glob, { dot: true });
    return this.walkRoot(base, (file, filter) => {
      const rel = relativeInside(base, file);
      if (rel === undefined || !matches(rel)) return false;
      return languageOf(file) !== undefined || filter.isIncluded(file, base);
    });
  }

  private walk(dir: string, chain: IgnoreChain, accept: Accept): number {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.unreadable.push({ path: dir, reason: reasonOf(error) });
      return 0;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ownChain = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? this.chains.childChain(dir, chain, true) : chain;
    this.options.configs.listed?.(dir, entries.map((e) => e.name));
    const filter = this.filterFor(dir);
    let count = 0;
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      const isLink = entry.isSymbolicLink();
      const isFile = entry.isFile() || (isLink && (statOrUndefined(path)?.isFile() ?? false));
      if (isDirectory) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || filter.isIgnored(path, true) || isIgnoredByChain(ownChain, path, true)) continue;
        count += this.walk(path, ownChain, accept);
      } else if (isFile && accept(path, filter) && !filter.isIgnored(path, false) && !isIgnoredByChain(ownChain, path, false)) {
        // §10.15: a linked file is read through its link only when its target is inside the workspace.
        if (isLink && !this.insideWorkspace(path)) {
          this.skipped.push({ path, reason: OUTSIDE });
          continue;
        }
        this.files.add(path);
        count++;
      } else if (isLink && !isFile && statOrUndefined(path)?.isDirectory() && !this.insideWorkspace(path)) {
        // A linked folder is never walked (as git does not: links that loop back, or show one
        // folder twice, would duplicate entities); one that leads outside is said so.
        this.skipped.push({ path, reason: OUTSIDE });
      }
    }
    return count;
  }
}

const OUTSIDE = 'it is a symbolic link to a place outside the workspace, which strategy-lint neither reads nor fixes';

function realOr(p: string): string {
  try {
    return toPosix(realpathSync(p));
  } catch {
    return p;
  }
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
