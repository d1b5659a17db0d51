import * as path from 'node:path';
import { defaultConfig } from '../engine/config.js';
import { LintEngine } from '../engine/engine.js';
import type { SuppressionCounts } from '../engine/bulkSuppressions.js';
import { languageOf } from '../parse/parseFile.js';
import { parentDir } from '../files/paths.js';
import { takingPart } from './folderFiles.js';
import { loadFolderSuppressions, suppressionsFileOf } from './folderSuppressions.js';
import { isInside } from './uri.js';

/**
 * One workspace folder: its own engine (one id namespace per folder), its configuration and the
 * serial queue its disk work runs in (a scan and a burst of file events must not interleave).
 */
export class FolderState {
  readonly engine: LintEngine;
  /** What the bulk suppressions file accepts (empty: no file). */
  suppressions: SuppressionCounts = {};
  /**
   * That file: by default strategy-lint-suppressions.json at the top of the folder's config cascade,
   * which is where the CLI run from this folder writes it (the outermost config at or above it);
   * else where `strategyLint.suppressionsLocation` says.
   */
  suppressionsFile: string;
  /** The top of the folder's config cascade (the workspace root of a CLI run from the folder). */
  configTop: string;
  /** Invalid config texts already announced with showMessage, by path (announce once per change). */
  readonly announcedConfigTexts = new Map<string, string>();
  disposed = false;
  /**
   * False until the first scan has loaded every file: findings computed on a half-loaded index
   * (references to files not read yet) would flash as errors, so nothing is published before.
   */
  ready = false;
  /**
   * The files whose dependents were linted ahead (Analyzer.lintAheadOfEdits), after a first scan that
   * took every finding from the lint cache; undefined otherwise (a scan that linted every file built
   * what an edit needs).
   */
  lintedAhead: Set<string> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running (the folder is busy while this is above 0). */
  inFlight = 0;

  constructor(
    /** Absolute, '/'-separated; '' for the loose folder. */
    readonly root: string,
    readonly uri: string,
    readonly name: string,
    /** The folder for open files when the client has no workspace folder (e.g. an editor on a single file). */
    readonly loose = false,
  ) {
    this.engine = new LintEngine(defaultConfig(root || '/'));
    this.configTop = root;
    this.suppressionsFile = suppressionsFileOf(root, root, '');
    this.ready = loose;
  }

  /** What the paths in the suppressions file are relative to: its folder (as in a CLI run). */
  get suppressionsRoot(): string {
    return parentDir(this.suppressionsFile);
  }

  /** Reads the bulk suppressions file again (after a config change, a change of the file or of the setting). */
  async loadSuppressions(location: string, log: (message: string) => void): Promise<void> {
    this.suppressionsFile = suppressionsFileOf(this.root, this.configTop, location);
    this.suppressions = await loadFolderSuppressions(this.suppressionsFile, log);
  }

  /** Runs `task` after every task queued before it; a failure does not stop the queue. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.inFlight++;
    const run = this.queue.then(task, task).finally(() => this.inFlight--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  contains(filePath: string): boolean {
    return this.loose || isInside(filePath, this.root);
  }

  displayPath(filePath: string): string {
    if (this.loose || !isInside(filePath, this.root)) return filePath;
    return path.posix.relative(this.root, filePath) || path.posix.basename(filePath);
  }

  /** Whether an open file the scan has not listed (yet) takes part, by the same discovery rules. */
  acceptsOpenFile(filePath: string): boolean {
    if (this.loose) return languageOf(filePath) !== undefined;
    return this.contains(filePath) && takingPart(this.root, this.engine.configs, [filePath]).has(filePath);
  }

  filePaths(): string[] {
    return [...this.engine.index.allFiles()].map((f) => f.path);
  }
}

/**
 * The workspace folders, nested ones included: a file belongs to the innermost folder containing
 * it. An open document outside every folder (or an untitled one) is linted alone, as a workspace
 * of one file (SPEC §9); without any folder, the open documents share one loose workspace.
 */
export class Folders {
  private list: FolderState[] = [];
  private looseFolder: FolderState | undefined;
  /** Single-file workspaces of open documents outside every folder, by path. */
  private readonly singles = new Map<string, FolderState>();

  all(): readonly FolderState[] {
    return [...this.list, ...(this.looseFolder ? [this.looseFolder] : []), ...this.singles.values()];
  }

  add(folder: FolderState): void {
    this.list = [...this.list.filter((f) => f.uri !== folder.uri), folder].sort((a, b) => b.root.length - a.root.length);
    // A document linted alone until now belongs to the new folder.
    for (const [file, single] of this.singles) if (folder.contains(file)) this.dropSingle(file, single);
  }

  remove(uri: string): FolderState | undefined {
    const folder = this.list.find((f) => f.uri === uri);
    if (folder) {
      folder.disposed = true;
      this.list = this.list.filter((f) => f !== folder);
    }
    return folder;
  }

  /** Open files outside every folder are linted on their own only when there is no folder at all. */
  enableLoose(): FolderState {
    this.looseFolder ??= new FolderState('', '', 'loose files', true);
    return this.looseFolder;
  }

  /** The folder a file belongs to; with `open`, an open document outside every folder gets a workspace of its own. */
  folderFor(filePath: string, open = false): FolderState | undefined {
    const inside = this.list.find((f) => f.contains(filePath));
    if (inside) return inside;
    if (this.list.length === 0 && this.looseFolder) return this.looseFolder;
    let single = this.singles.get(filePath);
    if (!single && open) {
      single = new FolderState('', '', 'single file', true);
      this.singles.set(filePath, single);
    }
    return single;
  }

  /** Whether `folder` is the loose workspace shared by the open documents of a client without folders. */
  isShared(folder: FolderState): boolean {
    return folder === this.looseFolder;
  }

  /** The document closed: its single-file workspace goes with it. */
  closed(filePath: string): void {
    const single = this.singles.get(filePath);
    if (single) this.dropSingle(filePath, single);
  }

  private dropSingle(filePath: string, single: FolderState): void {
    single.disposed = true;
    this.singles.delete(filePath);
  }

  /** Roots of folders nested inside `folder`: their files belong to them, not to `folder`. */
  nestedRoots(folder: FolderState): string[] {
    return this.list.filter((f) => f !== folder && !f.loose && isInside(f.root, folder.root)).map((f) => f.root);
  }
}
