import type { LintEngine } from '../engine/engine.js';
import type { Concurrency } from '../parallel/concurrency.js';
import { loadInParallel, sampledStart, workerCountFor, workersAvailable } from '../parallel/parallelLoad.js';

/** A folder's first scan, read and parsed by the CLI's parsing workers as well as the main thread. */
export interface ParallelScan {
  /** The workspace folder: the workers read its configs as the server does (lsp/folderConfig.ts). */
  root: string;
  /** The files to load, in load order; the engine is configured for the folder and holds none yet. */
  files: readonly string[];
  engine: LintEngine;
  /** `strategyLint.concurrency`: how many workers, as `--concurrency` says it. */
  concurrency: Concurrency;
  /** An open document's text, which wins over the disk. */
  textOf(file: string): string | undefined;
  /** The folder was removed: stop. */
  cancelled(): boolean;
  /** How long the main thread parses before requests and progress get their turn. */
  sliceMs: number;
  onFileLoaded(done: number, total: number): void;
  log(message: string): void;
}

/**
 * Loads the files with parsing worker threads (server/src/parallel/, what the CLI's `--concurrency`
 * runs), in the order given, while the server's own thread indexes them and stays free for
 * requests. Returns false, having loaded nothing, when no worker may start (`off`, `auto` on one
 * core or for a folder under 256 files): then the caller reads the files itself. Under `auto`, a
 * folder starts its workers only if a timed sample says they pay (else the server's thread parses
 * them, as it would without). A worker that stops loses no file (the main thread
 * parses its files) and is logged once.
 */
export async function scanInParallel(scan: ParallelScan): Promise<boolean> {
  const workers = workersAvailable() ? workerCountFor(scan.concurrency, scan.files.length) : 0;
  if (workers === 0) return false;
  await loadInParallel(scan.files, scan.engine, {
    started: (count) =>
      scan.log(
        count
          ? `${scan.root}: parsing ${scan.files.length} files with ${count} worker ${count === 1 ? 'thread' : 'threads'} (strategyLint.concurrency: ${scan.concurrency})`
          : `${scan.root}: parsing ${scan.files.length} files in the server's thread: a timed sample says a worker would not pay (strategyLint.concurrency: ${scan.concurrency})`,
      ),
    workers,
    sampleFirst: sampledStart(scan.concurrency),
    config: { start: scan.root, overrides: {}, editorFolder: true },
    warn: (message) => scan.log(`${scan.root}: ${message}`),
    onFileLoaded: scan.onFileLoaded,
    textOf: scan.textOf,
    cancelled: scan.cancelled,
    sliceMs: scan.sliceMs,
  });
  return true;
}
