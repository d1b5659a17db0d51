import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeParse } from '../cache/parseCodec.js';
import type { LintEngine } from '../engine/engine.js';
import type { SkippedPath } from '../files/discover.js';
import { FileReadError, readTextFile } from '../files/read.js';
import type { ParsedFile } from '../model/file.js';
import { LineMap } from '../text/lineMap.js';
import type { Concurrency } from './concurrency.js';
import type { ConfigSource, ParsedRecord, ParseResponse, WorkerSetup } from './protocol.js';


/** The worker's bundle, built beside the CLI's (scripts/build.mjs). */
export const WORKER_BUNDLE = 'strategy-lint-parse-worker.cjs';

/** Files per message: large enough that posting costs little, small enough that no thread waits long for the last ones. */
const BATCH_SIZE = 32;
/** Batches a worker holds at a time, so that it never waits while the main thread parses a batch of its own. */
const IN_FLIGHT = 3;
/**
 * `auto` starts a worker per this many files: a worker loads the parser, the config and its
 * templates again (~0.5 s of CPU with a preset) and keeps a heap of its own (~50 MB), and each parse
 * it makes is encoded and decoded. Measured on 2 cores: at 10k heavy documents one worker takes
 * ~40% of the main thread's CPU and 7-18% of the process's; at 1,332 real KEPs (files that parse
 * quickly) it costs 35% more CPU; at 1k heavy documents it is even.
 */
export const AUTO_FILES_PER_WORKER = 2000;
/**
 * The most workers `auto` starts: past a few, the main thread (decoding, indexing, checking) is what
 * the run waits for, and each more worker only adds its heap.
 */
export const AUTO_MAX_WORKERS = 4;

/**
 * How many workers parse beside the main thread (which parses too, then indexes and checks).
 * `auto`: one fewer than the cores (the main thread is busy as well), one per 2,000 files, at
 * most four; none on one core or for a small workspace. A number is taken as asked, but never more
 * workers than batches of files.
 */
export function workerCountFor(concurrency: Concurrency, fileCount: number, cores = availableParallelism()): number {
  const batches = Math.ceil(fileCount / BATCH_SIZE);
  if (concurrency === 'off') return 0;
  if (concurrency === 'auto') return Math.max(0, Math.min(cores - 1, Math.floor(fileCount / AUTO_FILES_PER_WORKER), AUTO_MAX_WORKERS, batches - 1));
  return Math.min(concurrency, batches - 1);
}

export interface ParallelLoadOptions {
  workers: number;
  config: ConfigSource;
  /** Told once when a worker stops before its work is done (its files are then parsed in the main thread). */
  warn(message: string): void;
  onFileLoaded?: (done: number, total: number) => void;
  /**
   * A text to parse instead of the file on disk (the editor's unsaved text of an open document):
   * such a file is parsed in the main thread, whatever a worker made of the disk's text.
   */
  textOf?: (file: string) => string | undefined;
  /** Asked between batches and slices: true stops the load (a folder removed mid-scan); what was loaded stays. */
  cancelled?: () => boolean;
  /**
   * How long the main thread parses before it lets the event loop run (the language server answers
   * requests and sends progress meanwhile). Without it, it yields after each batch of its own.
   */
  sliceMs?: number;
  /** Files per batch (tests split a small workspace between the threads). */
  batchSize?: number;
  /** The worker's bundle (tests that import the modules rather than run the CLI's bundle). */
  workerFile?: string;
}

/** A file of a batch, ready to be indexed in load order. */
type Loaded = { parsed: ParsedFile } | { unreadable: SkippedPath };

const pathOf = (item: Loaded): string => ('parsed' in item ? item.parsed.path : item.unreadable.path);

interface WorkerState {
  worker: Worker;
  /** Batches sent and not answered yet. */
  batches: Set<number>;
  stopped: boolean;
}

/**
 * Reads and parses `files` in worker threads and in the main thread at once, and adds them to the
 * engine in the order given, as `engine.load` one by one would: the same parse results (a worker's
 * come encoded as the lint cache stores them, and are decoded here), the same index, the same
 * findings. Returns the files that could not be read. A worker that stops (a crash, a bundle that
 * cannot be found) loses nothing: its batches are parsed in the main thread, and `warn` says so.
 * The language server's first scan of a folder runs it too (lsp/parallelScan.ts), with `textOf`,
 * `cancelled` and `sliceMs`; a cancelled load returns at once, with the files indexed so far.
 * The engine expects `files` meanwhile (LintEngine.expect: a sibling finds its main file among them).
 */
export async function loadInParallel(files: readonly string[], engine: LintEngine, options: ParallelLoadOptions): Promise<SkippedPath[]> {
  engine.expect(files);
  try {
    return await loadInOrder(files, engine, options);
  } finally {
    engine.expect();
  }
}

async function loadInOrder(files: readonly string[], engine: LintEngine, options: ParallelLoadOptions): Promise<SkippedPath[]> {
  const batches: string[][] = [];
  const batchSize = options.batchSize ?? BATCH_SIZE;
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
  const done: (Loaded[] | undefined)[] = new Array(batches.length);
  const unreadable: SkippedPath[] = [];
  const retry: number[] = [];
  let next = 0;
  let committed = 0;
  let loadedFiles = 0;
  let failure: { error: unknown } | undefined;
  let warned = false;
  let wake: () => void = () => {};

  const loadHere = (file: string): Loaded => {
    try {
      return { parsed: engine.parseOnly(file, options.textOf?.(file) ?? readTextFile(file)) };
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      return { unreadable: { path: file, reason: error.reason } };
    }
  };
  const fromWorker = (r: ParsedRecord): Loaded => {
    if ('unreadable' in r) return { unreadable: { path: r.path, reason: r.unreadable } };
    if ('inProcess' in r) return loadHere(r.path);
    const frame = { path: r.path, hash: r.hash, templateKey: r.templateKey, lineMap: LineMap.fromTable({ starts: r.lineStarts, length: r.length }) };
    const parsed = decodeParse(r.record, frame, engine.templateLookup(r.path));
    return parsed ? { parsed } : loadHere(r.path);
  };
  // Indexed strictly in load order, whichever thread finished first.
  const commit = () => {
    for (; committed < batches.length && done[committed]; committed++) {
      for (let item of done[committed]!) {
        // A document opened since its file was parsed (here or in a worker): its text wins. Asked
        // as the file is indexed, since the event loop ran in between (unchanged: a cache hit).
        if (options.textOf?.(pathOf(item)) !== undefined) item = loadHere(pathOf(item));
        if ('parsed' in item) engine.restore(item.parsed);
        else unreadable.push(item.unreadable);
        options.onFileLoaded?.(++loadedFiles, files.length);
      }
      done[committed] = [];
    }
  };
  const send = (state: WorkerState) => {
    while (!state.stopped && state.batches.size < IN_FLIGHT && next < batches.length) {
      const batch = next++;
      state.batches.add(batch);
      state.worker.postMessage({ batch, files: batches[batch]! });
    }
  };
  const stop = (state: WorkerState, reason: string) => {
    if (state.stopped) return;
    state.stopped = true;
    for (const batch of state.batches) if (!done[batch]) retry.push(batch);
    state.batches.clear();
    if (!warned) options.warn(`a parsing worker stopped (${reason}); the main thread parses its files instead`);
    warned = true;
    wake();
  };

  // The tests' way to make a worker crash (see WorkerSetup.crashOn), for the CLI and the server alike.
  const crashOn = process.env.STRATEGY_LINT_TEST_WORKER_CRASH;
  const setup: WorkerSetup = { config: options.config, files, ...(crashOn ? { crashOn } : {}) };
  const pool: WorkerState[] = [];
  for (let i = 0; i < options.workers; i++) {
    const state: WorkerState = { worker: new Worker(options.workerFile ?? workerPath(), { workerData: setup }), batches: new Set(), stopped: false };
    state.worker.on('message', (response: ParseResponse) => {
      if (state.stopped) return;
      try {
        done[response.batch] = response.records.map(fromWorker);
      } catch (error) {
        failure ??= { error };
      }
      state.batches.delete(response.batch);
      send(state);
      wake();
    });
    state.worker.on('error', (error) => stop(state, error.message));
    state.worker.on('exit', (code) => stop(state, `exit code ${code}`));
    pool.push(state);
    send(state);
  }

  const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));
  /** The main thread's own batch; with sliceMs, in slices of the event loop. */
  const parseHere = async (batch: readonly string[]): Promise<Loaded[] | undefined> => {
    if (options.sliceMs === undefined) return batch.map(loadHere);
    const loaded: Loaded[] = [];
    let sliceEnd = performance.now() + options.sliceMs;
    for (const file of batch) {
      loaded.push(loadHere(file));
      if (performance.now() < sliceEnd) continue;
      await yieldTurn();
      if (options.cancelled?.()) return undefined;
      sliceEnd = performance.now() + options.sliceMs;
    }
    return loaded;
  };

  try {
    for (;;) {
      if (failure) throw failure.error;
      if (options.cancelled?.()) break;
      commit();
      if (committed === batches.length) break;
      const mine = retry.length ? retry.shift()! : next < batches.length ? next++ : undefined;
      if (mine !== undefined) {
        const loaded = await parseHere(batches[mine]!);
        if (!loaded) break;
        done[mine] = loaded;
        // Let the workers' answers in between the main thread's own batches.
        await yieldTurn();
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    for (const state of pool) state.stopped = true;
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
  return unreadable;
}

/** The worker bundle, beside the running bundle. */
export function workerPath(): string {
  return path.join(__dirname, WORKER_BUNDLE);
}

/** Whether workers can be started at all: the CLI runs from its bundle (tests importing the modules do not). */
export function workersAvailable(): boolean {
  return typeof __dirname === 'string';
}
