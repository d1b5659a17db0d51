import { readdirSync, statSync, type Dirent } from 'node:fs';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../engine/config.js';
import { ALWAYS_SKIPPED_DIRS, ConfigFilter } from './filter.js';
import { GitignoreChains, isIgnoredByChain, type IgnoreChain } from './gitignore.js';
import { languageOf } from '../parse/parseFile.js';
import { reasonOf } from './errno.js';
import { absolutePosix, parentDir, relativeInside } from './paths.js';

export interface DiscoveryOptions {
  /** Absolute, '/'-separated. */
  cwd: string;
  config: Pick<ResolvedConfig, 'root' | 'include' | 'ignore'>;
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
        : `no files match the pattern${paths.length > 1 ? 's' : ''} ${paths.map((p) => `"${p}"`).join(', ')}`,
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
 * A path that exists nowhere, or a pattern that matches nothing, is a MissingPathError.
 */
export function discoverFiles(args: readonly string[], options: DiscoveryOptions): Discovery {
  const walker = new Walker(options);
  const missing: string[] = [];
  const unmatched: string[] = [];
  if (options.virtualFile) walker.addExplicit(options.virtualFile);
  for (const arg of args) {
    const absolute = absolutePosix(arg, options.cwd);
    const stats = statOrUndefined(absolute);
    if (stats?.isDirectory()) walker.walkRoot(absolute, (file) => walker.filter.isIncluded(file, absolute));
    else if (stats?.isFile()) walker.addExplicit(absolute);
    else if (isGlobPattern(arg)) {
      if (!walker.walkGlob(arg)) unmatched.push(arg);
    } else missing.push(arg);
  }
  if (missing.length) throw new MissingPathError(missing, 'missing');
  if (unmatched.length) throw new MissingPathError(unmatched, 'no-match');
  return { files: [...walker.files], skipped: walker.skipped, unreadable: walker.unreadable };
}

class Walker {
  readonly filter: ConfigFilter;
  readonly files = new Set<string>();
  readonly skipped: SkippedPath[] = [];
  readonly unreadable: SkippedPath[] = [];
  private readonly chains: GitignoreChains;
  private readonly startIgnored = new Map<string, boolean>();

  constructor(private readonly options: DiscoveryOptions) {
    this.filter = new ConfigFilter(options.config);
    this.chains = new GitignoreChains(options.gitignoreCeiling, options.extraIgnore);
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
    if (this.filter.isIgnored(file, false) || this.ancestorIgnoredByConfig(dir)) return 'it matches an "ignore" pattern of the config';
    if (this.options.namedFilesOverrideGitignore) return undefined;
    const start = relativeInside(this.options.cwd, dir) !== undefined ? this.options.cwd : dir;
    if (isIgnoredByChain(this.chainFrom(start, dir), file, false)) return 'a .gitignore excludes it';
    return undefined;
  }

  private ancestorIgnoredByConfig(dir: string): boolean {
    for (let d = dir; relativeInside(this.options.config.root, d); d = parentDir(d)) if (this.filter.isIgnored(d, true)) return true;
    return false;
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

  walkRoot(dir: string, accept: (file: string) => boolean): void {
    this.walk(dir, this.chainFrom(dir), accept);
  }

  /** Returns whether the pattern matched any file. */
  walkGlob(pattern: string): boolean {
    const scan = picomatch.scan(pattern);
    const base = absolutePosix(scan.base || '.', this.options.cwd);
    if (!statOrUndefined(base)?.isDirectory()) return false;
    const matches = picomatch(scan.glob, { dot: true });
    let matched = false;
    this.walk(base, this.chainFrom(base), (file) => {
      const rel = relativeInside(base, file);
      if (rel === undefined || !matches(rel)) return false;
      matched = true;
      return languageOf(file) !== undefined || this.filter.isIncluded(file, base);
    });
    return matched;
  }

  private walk(dir: string, chain: IgnoreChain, accept: (file: string) => boolean): void {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.unreadable.push({ path: dir, reason: reasonOf(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ownChain = entries.some((e) => e.name === '.gitignore' && !e.isDirectory()) ? this.chains.childChain(dir, chain, true) : chain;
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      // A linked file is read through its link; a linked folder is not walked (as git does not),
      // which also keeps links that loop back, or that show one folder twice, from duplicating entities.
      if (entry.isSymbolicLink()) isFile = statOrUndefined(path)?.isFile() ?? false;
      if (isDirectory) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || this.filter.isIgnored(path, true) || isIgnoredByChain(ownChain, path, true)) continue;
        this.walk(path, ownChain, accept);
      } else if (isFile && accept(path) && !this.filter.isIgnored(path, false) && !isIgnoredByChain(ownChain, path, false)) {
        this.files.add(path);
      }
    }
  }
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}
