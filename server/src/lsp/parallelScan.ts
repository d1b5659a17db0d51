import { availableParallelism } from 'node:os';
import type { LintEngine } from '../engine/engine.js';
import { hashInWorker, type ContentHashes, type HashOptions } from '../parallel/contentHashes.js';
import type { Concurrency } from '../parallel/concurrency.js';
import { AUTO_UNSAMPLED_FILES, loadInParallel, sampledStart, workerCountFor, workersAvailable } from '../parallel/parallelLoad.js';

/**
 * From this many files a folder's first scan starts its `auto` workers without the timed sample
 * (a lint run waits for AUTO_UNSAMPLED_FILES). The server's thread parses dearer than a lint run's:
 * in slices between requests, beside the index it builds, so a worker pays at sizes where the
 * sample (timed on the first files, while the heap is small) says it does not. Measured on
 * 2026-12-07 on 2 cores, when the server's young generation was 8 MB (cli/heap.ts; alternating
 * scans with `auto` and with one worker, bench workspaces; the machine ran about half as fast as
 * the README's table): at
 * 10k heavy documents the scan took 13.2-15.5 s instead of 17.9 s and its thread 10.4-12.4 s of
 * CPU instead of 16.7-16.8 s, for a peak of 264 MB instead of ~245 (once starting a worker kept
 * the young generation's cap); at 10k light ones 6.6-8.4 s instead of 8.5-11.0 s. At 7.5k heavy
 * documents (measured while the test suite ran on the other core) 15.4-17.5 s instead of
 * 16.6-19.8 s, its thread 8.2-9.5 s of CPU instead of 11.7-14.3 s. At 5k heavy documents the scan
 * took as long either way (6.1-7.7 s against 6.9-7.7 s) for ~35 MB more, at 5k light ones ~7%
 * less, at 2.5k about the same, and at 1k a worker's start made it slower.
 */
export const SCAN_UNSAMPLED_FILES = 7_500;

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
  const sampleFirst = sampledStart(scan.concurrency, scan.files.length, SCAN_UNSAMPLED_FILES);
  let workers = workersAvailable() ? workerCountFor(scan.concurrency, scan.files.length) : 0;
  // Started without the sample below a lint run's own threshold: one worker, what was measured
  // (SCAN_UNSAMPLED_FILES), on any number of cores. Each worker's heap is resident beside the
  // server's while it parses, and the server stayed ~19 MB higher for the rest of the session
  // after one had run (244 against 225 MB after full collections at 10k heavy documents).
  if (scan.concurrency === 'auto' && !sampleFirst && scan.files.length < AUTO_UNSAMPLED_FILES) workers = Math.min(workers, 1);
  if (workers === 0) return false;
  await loadInParallel(scan.files, scan.engine, {
    started: (count) =>
      scan.log(
        count
          ? `${scan.root}: parsing ${scan.files.length} files with ${count} worker ${count === 1 ? 'thread' : 'threads'} (strategyLint.concurrency: ${scan.concurrency})`
          : `${scan.root}: parsing ${scan.files.length} files in the server's thread: a timed sample says a worker would not pay (strategyLint.concurrency: ${scan.concurrency})`,
      ),
    workers,
    sampleFirst,
    config: { start: scan.root, overrides: {}, editorFolder: true },
    warn: (message) => scan.log(`${scan.root}: ${message}`),
    onFileLoaded: scan.onFileLoaded,
    textOf: scan.textOf,
    cancelled: scan.cancelled,
    sliceMs: scan.sliceMs,
    parsedWhere: ({ workers: started, here, takenBack, inWorkers }) => {
      if (started) scan.log(`${scan.root}: parsed ${here} files in the server's thread (${takenBack} taken back from the workers' queues at the end), ${inWorkers} in ${started === 1 ? 'the worker' : 'the workers'}`);
    },
  });
  return true;
}

/**
 * From this many files a folder's start from the lint cache hashes them in a worker thread
 * (hashForScan). Below, the server's thread reads and hashes them itself: at 1k documents the start
 * took as long either way (heavy mix 698-779 ms with the worker against 716-731 ms, 2026-12-07, on
 * 2 cores), the worker's start costing what it saved, for ~10 MB more.
 */
export const HASH_WORKER_FROM_FILES = 2_000;

/**
 * A start from the lint cache compares every file with it by a hash of its content (folderCache.ts,
 * docs/editor.md): a worker thread reads and hashes the files, in the scan's order, while the
 * server's thread publishes the cached findings and restores the cached parse results (at 10k heavy
 * documents reading and hashing took ~0.55 s of its ~3.5 s of CPU; with the worker its CPU went from
 * 3.22-3.81 s to 2.77-3.03 s, the start from 3.58-4.37 s to 3.43-3.61 s and its peak from ~220 MB to ~160 MB,
 * the file texts no longer passing through its heap). It also reads the stored diagnostics of the
 * files it finds unchanged (sync.ts). None (undefined: the server's thread
 * reads them) under `strategyLint.concurrency: off`, on one core, or below HASH_WORKER_FROM_FILES.
 */
export async function hashForScan(root: string, files: readonly string[], concurrency: Concurrency, log: (message: string) => void, options: HashOptions = {}): Promise<ContentHashes | undefined> {
  if (concurrency === 'off' || !workersAvailable() || availableParallelism() < 2 || files.length < HASH_WORKER_FROM_FILES) return undefined;
  const hashes = await hashInWorker(files, (message) => log(`${root}: ${message}`), options);
  if (hashes) log(`${root}: comparing ${files.length} files with the lint cache, hashed in a worker thread (strategyLint.concurrency: ${concurrency})`);
  return hashes;
}
