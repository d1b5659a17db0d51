import { performance } from 'node:perf_hooks';
import { FileReadError, readTextFile as readTextFileSync } from '../files/read.js';
import type { Analyzer, LintWatcher } from './analysis.js';
import { listFolderFiles } from './folderFiles.js';
import { loadFolderConfig, type FolderConfig } from './folderConfig.js';
import type { FolderCache } from './folderCache.js';
import type { DiagnosticsEncoding } from './diagnosticsEncoding.js';
import type { ContentHashes, HashOptions } from '../parallel/contentHashes.js';
import type { StoredDiagnosticsSetup } from '../parallel/hashProtocol.js';
import type { FolderState, Folders } from './folders.js';
import type { ParallelScan } from './parallelScan.js';
import type { ScanProgress } from './scanProgress.js';
import { isInside } from './uri.js';

export interface SyncContext {
  folders: Folders;
  analyzer: Analyzer;
  /** The editor's text of an open document (which wins over the disk). */
  openText(filePath: string): string | undefined;
  /** Publishes the config's problems (or clears them) and says when the folder runs on defaults. */
  configLoaded(folder: FolderState, loaded: FolderConfig): void;
  /** Where files are not on a local disk (the web worker), refreshes what the folder holds first. */
  prepareFolder?(root: string): Promise<void>;
  /** Where files are not on a local disk (the web worker): a file's text, asked for one by one. */
  readFile?(filePath: string): Promise<string | undefined>;
  /** Progress shown while a folder is read and checked as a whole (initial scan, relint, config change). */
  scanProgress?(folder: FolderState): ScanProgress;
  /**
   * Told when a scan starts parsing files in bulk (with how many it reads), and when a scan has sent
   * its diagnostics (without): from then on Node holds the heap's growth down as the CLI does (see
   * cli/heap.ts), a bulk parse from as many files on as the CLI's (HEAP_LIMIT_FROM_FILES). Until
   * then V8's own policy serves a start from the lint cache, which restores the whole index: at 10k
   * heavy documents the limit's extra collections made it 0.3 s slower (2.3 s) for 10 MB less at its peak.
   */
  holdHeap?(filesToRead?: number): void;
  /** `strategyLint.suppressionsLocation` ('': the default file at the workspace root). */
  suppressionsLocation(): string;
  /**
   * Loads a folder's files with parsing worker threads as well (Node only; ParallelScan without
   * the server's settings): false when no worker would start, having loaded nothing.
   */
  loadInParallel?(scan: Omit<ParallelScan, 'concurrency' | 'log'>): Promise<boolean>;
  /**
   * A worker thread hashing `files` in order (Node only: parallelScan.ts, hashForScan), for a start
   * from the lint cache; undefined when none starts (then the scan reads and hashes them itself).
   */
  hashFiles?(root: string, files: readonly string[], options?: HashOptions): Promise<ContentHashes | undefined>;
  /** The lint cache for a folder's first scan (Node only, and unless the settings turn it off). */
  openCache?(folder: FolderState): FolderCache | undefined;
  log(message: string): void;
}

/**
 * - `initial`, `full` (strategyLint/relint): read every file again and re-lint everything;
 * - `config`: the folder's config changed: reconfigure, re-list, re-lint everything;
 * - `files`: what takes part may have changed (.gitignore, a folder appeared): re-list, read new files.
 */
export type SyncMode = 'initial' | 'full' | 'config' | 'files';

/** Reads in flight where each is a request to the editor (the web worker). */
const READ_CONCURRENCY = 32;
/** How long reading and parsing may hold the event loop before requests and progress get their turn. */
const SLICE_MS = 20;

/** Brings a folder's engine in line with the disk (and open documents). Runs in the folder's queue. */
export async function syncFolder(folder: FolderState, mode: SyncMode, context: SyncContext): Promise<void> {
  if (folder.disposed || folder.loose) return;
  // Read and checked as a whole: shown as progress until every file's diagnostics are sent.
  const progress = mode !== 'files' ? context.scanProgress?.(folder) : undefined;
  const done: Done = { progress, ...(context.holdHeap ? { ended: context.holdHeap } : {}) };
  let handedOver = false;
  try {
    handedOver = await sync(folder, mode, context, done);
  } finally {
    if (!handedOver) finish(done);
  }
}

/** What a scan ends once its diagnostics are sent: its progress, and the heap's free growth. */
interface Done {
  progress: ScanProgress | undefined;
  ended?: () => void;
}

function finish(done: Done): void {
  done.progress?.end();
  done.ended?.();
}

/** Returns whether the progress was handed to the analyzer (which ends it once the files are linted). */
async function sync(folder: FolderState, mode: SyncMode, context: SyncContext, done: Done): Promise<boolean> {
  const progress = done.progress;
  await context.prepareFolder?.(folder.root);
  if (folder.disposed) return false;
  const engine = folder.engine;
  const relintAll = mode !== 'files';
  let loaded: FolderConfig | undefined;
  if (mode !== 'files') {
    loaded = loadFolderConfig(folder.root);
    engine.configure(loaded.cascade);
    folder.configTop = loaded.cascade.top;
    await folder.loadSuppressions(context.suppressionsLocation(), context.log);
    if (folder.disposed) return false;
  }

  let listed: string[];
  try {
    listed = listFolderFiles(folder.root, engine.configs, context.log);
  } catch (error) {
    context.log(`cannot list ${folder.root}: ${(error as Error).message}`);
    listed = [];
  }
  // The configs of the subfolders are read as the listing walks into them.
  if (loaded) context.configLoaded(folder, loaded);
  const nested = context.folders.nestedRoots(folder);
  const wanted = new Set(nested.length ? listed.filter((p) => !nested.some((root) => isInside(p, root))) : listed);

  const dirty = new Set<string>();
  for (const file of folder.filePaths()) {
    if (wanted.has(file)) continue;
    for (const p of engine.remove(file)) dirty.add(p);
    dirty.add(file);
  }
  const known = new Set(folder.filePaths());
  const toRead = mode === 'files' ? [...wanted].filter((p) => !known.has(p)) : [...wanted];
  // A folder loaded from nothing is loaded, then linted as a whole: cheaper than computing what each file affects.
  const bulk = relintAll || known.size === 0;
  if (progress) {
    await progress.ready;
    progress.begin(toRead.length);
  }
  // The first scan of a folder the CLI linted with --cache shows the stored findings at once, then
  // checks them: each file's text against the stored content hash (a match loads the stored parse
  // instead of parsing). Nothing differs: what was shown stands, and only files not shown are
  // linted. Anything differs (a file changed, came or went): everything is linted, as without a cache.
  const cache = mode === 'initial' ? context.openCache?.(folder) : undefined;
  // From the cache, each file's content is compared with it by a hash a worker works out while this
  // thread restores the parse results of those that match (a file that does not is read here). The
  // worker also reads the stored diagnostics of the files it finds as the cache holds them, and this
  // thread sends them as they come: at 10k heavy documents, ~0.5 s of its work (reading the cache,
  // comparing sizes and mtimes) done beside it. Those the server sends otherwise than as stored
  // (storedAsTheyAre) are published here while the worker starts (~0.2 s); without a worker, all.
  const shown = new Set<string>();
  const hashed = cache !== undefined && !context.readFile;
  const toWorker = hashed && context.hashFiles ? storedForWorker(toRead, folder, cache, context) : undefined;
  const byWorker = (i: number) => toWorker !== undefined && toWorker.hashes[i] !== null;
  const onStored = (at: number, encoding: DiagnosticsEncoding | undefined) => {
    if (context.analyzer.publishStoredEncoded(folder, toRead[at]!, encoding)) shown.add(toRead[at]!);
  };
  const hashing = hashed ? context.hashFiles?.(folder.root, toRead, toWorker ? { stored: toWorker, onStored } : {}) : undefined;
  if (cache) await publishStored(toRead, (i) => !byWorker(i), folder, cache, context, shown);
  const hashes = await hashing;
  if (cache && toWorker && !hashes) await publishStored(toRead, byWorker, folder, cache, context, shown);
  if (folder.disposed) {
    hashes?.stop();
    return false;
  }
  let differs = cache === undefined;
  const take = (file: string, text: string) => {
    if (cache) {
      const stored = cache.parseOf(file, text);
      if (stored) return engine.restore(stored);
      differs = true;
    }
    if (bulk) {
      context.holdHeap?.(toRead.length);
      engine.load(file, text);
    } else for (const p of engine.update(file, text)) dirty.add(p);
  };
  const reading = (done: number) => progress?.reading(done, toRead.length);
  // A folder's first scan (documents opened meanwhile are all it holds) or one loaded from nothing,
  // without a cache: parsed by the CLI's workers too, when the folder is large enough for them (the
  // main thread indexes in the listing's order either way). Later scans re-read files the engine
  // mostly has parsed already (its parse cache answers them).
  let inParallel = false;
  if ((mode === 'initial' || known.size === 0) && !cache && context.loadInParallel) {
    context.holdHeap?.(toRead.length);
    inParallel = await context.loadInParallel({ root: folder.root, files: toRead, engine, textOf: context.openText, cancelled: () => folder.disposed, sliceMs: SLICE_MS, onFileLoaded: reading });
  }
  if (hashes) {
    const takeHashed = (file: string, hash: string | null | undefined) => {
      const open = context.openText(file);
      const stored = open === undefined && typeof hash === 'string' ? cache!.parseOfHash(file, hash) : undefined;
      if (stored) {
        engine.restore(stored);
        return;
      }
      const text = open ?? readOrSkip(file);
      if (text !== undefined) take(file, text);
    };
    await inHashedSlices(toRead, folder, hashes, takeHashed, reading);
  } else if (!inParallel) await readFiles(toRead, folder, context, take, reading);
  if (folder.disposed) return false;
  if (cache && cache.paths.some((p) => !engine.getFile(p))) differs = true;
  if (relintAll || bulk) for (const file of folder.filePaths()) if (differs || !shown.has(file)) dirty.add(file);
  folder.ready = true;
  const watcher: LintWatcher = { linted: (linted, total) => progress?.checking(linted, total), finished: () => finish(done) };
  context.analyzer.markDirty(folder, dirty, true, watcher);
  if (mode !== 'files') {
    // Every finding came from the cache: what the open documents' first edits re-check is linted next.
    folder.lintedAhead = cache && !differs ? new Set<string>() : undefined;
    if (folder.lintedAhead) context.analyzer.lintAheadOfEdits(folder, folder.filePaths().filter((file) => context.openText(file) !== undefined));
  }
  return true;
}

/**
 * Publishes the stored findings of those of `files` (`which`, by place) the cache holds unchanged
 * (by size and mtime); adds those published to `shown`.
 */
async function publishStored(files: readonly string[], which: (i: number) => boolean, folder: FolderState, cache: FolderCache, context: SyncContext, shown: Set<string>): Promise<void> {
  const chosen = files.filter((_, i) => which(i));
  await inSlices(chosen, folder, (file) => {
    const stored = cache.storedFindings(file);
    if (stored && context.analyzer.publishStored(folder, file, stored, cache.lineMapOf)) shown.add(file);
  });
}

/**
 * What the hashing worker needs to read the stored diagnostics of those of `files` the server may
 * send as stored (storedAsTheyAre, FolderCache.storedForm); undefined when there are none.
 */
function storedForWorker(files: readonly string[], folder: FolderState, cache: FolderCache, context: SyncContext): StoredDiagnosticsSetup | undefined {
  if (!cache.source) return undefined;
  const hashes: (string | null)[] = new Array(files.length).fill(null);
  const parts = new Float64Array(3 * files.length);
  let any = false;
  files.forEach((file, i) => {
    const form = cache.storedForm(file);
    if (!form || !context.analyzer.storedAsTheyAre(folder, file)) return;
    hashes[i] = form.hash;
    if (form.part) parts.set(form.part, 3 * i);
    any = true;
  });
  return any ? { ...cache.source, hashes, parts } : undefined;
}

/** Runs `each` on every item, yielding the event loop every SLICE_MS (requests are answered meanwhile). */
async function inSlices<T>(items: readonly T[], folder: FolderState, each: (item: T) => void, onSlice?: (done: number) => void): Promise<void> {
  let next = 0;
  while (next < items.length && !folder.disposed) {
    const sliceEnd = performance.now() + SLICE_MS;
    do each(items[next++]!);
    while (next < items.length && performance.now() < sliceEnd);
    onSlice?.(next);
    if (next < items.length) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `each` on every file with its content hash from `hashes` (undefined once the worker stopped
 * short), in order and in slices as inSlices does; waits for the worker where it is behind.
 */
async function inHashedSlices(files: readonly string[], folder: FolderState, hashes: ContentHashes, each: (file: string, hash: string | null | undefined) => void, onSlice: (done: number) => void): Promise<void> {
  let next = 0;
  try {
    while (next < files.length && !folder.disposed) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (next < files.length && performance.now() < sliceEnd) {
        const hash = hashes.at(next);
        if (hash === undefined && !hashes.ended) break;
        each(files[next]!, hash);
        next++;
      }
      onSlice(next);
      if (next < files.length) await (hashes.at(next) === undefined && !hashes.ended ? hashes.next() : new Promise((resolve) => setImmediate(resolve)));
    }
  } finally {
    hashes.stop();
  }
}

/**
 * Reads `files` (an open document's text wins over the disk) and hands each text to `take`. From
 * a local disk they are read synchronously, as the CLI reads them, in slices of the event loop so
 * that requests are answered meanwhile: thousands of small reads through promises cost more than
 * the parsing they feed. In the web worker each read is a request to the editor: many in flight.
 */
async function readFiles(files: readonly string[], folder: FolderState, context: SyncContext, take: (file: string, text: string) => void, onRead: (done: number) => void): Promise<void> {
  const readFile = context.readFile;
  if (readFile) {
    let done = 0;
    await forEachLimited(files, READ_CONCURRENCY, async (file) => {
      let text = context.openText(file);
      // The document may have been opened while the file was read: the editor's text wins.
      if (text === undefined) text = context.openText(file) ?? (await readFile(file));
      if (text !== undefined) text = context.openText(file) ?? text;
      if (folder.disposed || text === undefined) return;
      take(file, text);
      onRead(++done);
    });
    return;
  }
  await inSlices(
    files,
    folder,
    (file) => {
      const text = context.openText(file) ?? readOrSkip(file);
      if (text !== undefined) take(file, text);
    },
    onRead,
  );
}

/** A file that cannot be read as UTF-8 text takes no part (the CLI reports it; the editor has nothing to show). */
function readOrSkip(file: string): string | undefined {
  try {
    return readTextFileSync(file);
  } catch (error) {
    if (error instanceof FileReadError) return undefined;
    throw error;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
