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
import { startWorkersKeepingHeapPolicy } from '../cli/heap.js';
import type { ConfigSource, ParsedRecord, ParseResponse, WorkerSetup } from './protocol.js';


/** The worker's bundle, built beside the CLI's (scripts/build.mjs). */
export const WORKER_BUNDLE = 'strategy-lint-parse-worker.cjs';

/** Files per message: large enough that posting costs little, small enough that no thread waits long for the last ones. */
const BATCH_SIZE = 32;
/**
 * Batches a worker holds at a time, so that it never waits for the main thread to hand it the next
 * one. The main thread answers a worker only between its own files, and one file can take it 50-130
 * ms (a portfolio of hundreds of initiatives), while a worker parses a batch of PRDs in 15-25 ms:
 * with 3 a worker idled ~0.85 s of the first 3 s of the language server's scan at 10k heavy
 * documents (the generated portfolios come early), with 8 ~0.06 s (CPU profiles, 2026-12-07). What
 * a worker still holds at the end, the main thread takes back (`takeBack` in loadInOrder).
 */
const IN_FLIGHT = 8;
/**
 * A worker's young generation (V8's nursery, where each parse's Markdown tree is built), set when it
 * starts, at its full size from the start (`resourceLimits`, and cli/heap.ts,
 * startWorkersKeepingHeapPolicy; the main thread's maximum is fixed when Node starts:
 * `--max-semi-space-size` set at run time does nothing, though its growth can be stopped:
 * cli/heap.ts, capYoungGeneration). A larger nursery saves CPU: remark's trees of a long document
 * outlive a small nursery's scavenges, which then copy and promote megabytes that die a moment
 * later. But a worker's heap is resident beside the main thread's until parsing ends, which is where
 * a cold run peaks, and a large nursery is mostly committed memory holding garbage. The cold run had time to
 * spare and not memory, so the workers keep Node's default. (When this was chosen, on 2026-12-06 in
 * 9549165, at 10k heavy documents: 96 MB halved the scavenges but kept ~120 MB committed for ~15 MB
 * live, and 48 MB peaked ~50 MB lower; 32 MB saved no more, and capping the worker's old generation
 * as well doubled its full collections.)
 */
export const WORKER_YOUNG_GENERATION_MB = 48;
/**
 * `auto` starts a worker per this many files, up to AUTO_MAX_WORKERS, once its sample says they pay.
 * First the main thread times its parse of a sample (SAMPLE_BATCHES) and starts them only if a file
 * costs it at least WORKER_PAYS_FROM_MS_PER_FILE and the rest would take it over
 * WORKERS_PAY_AFTER_MS: a worker loads the parser, the config and its templates again (~0.2 s of CPU
 * with a preset) and keeps a heap of its own (40-70 MB at 10k documents), and each parse it makes is
 * encoded for the main thread, which decodes and indexes it. Where a file is cheap to parse, decoding
 * its parse costs the main thread nearly as much as parsing it: at 10k heavy documents, which the
 * plain Markdown reader reads without remark, a worker saved ~10% of the run for ~40 MB more at its
 * peak (past the 300 MB budget), and at 10k light documents nothing. Where remark parses most files
 * (Markdown the plain reader leaves to it), a file costs several times more and a worker pays.
 */
export const AUTO_FILES_PER_WORKER = 2000;
/** Below this many files `auto` starts no worker: the sample would be most of the work. */
export const AUTO_MIN_FILES = 256;
/** How many batches (spread over the files) the main thread parses to time them, at most. */
const SAMPLE_BATCHES = 4;
/**
 * The main thread's parse of the rest, projected from the sample's CPU time, past which a worker
 * pays for its start. The sample runs before the parser is fully compiled (as a worker's first
 * files would), so it projects ~2-3× what the files then take. The threshold lies between the
 * workspaces a worker slowed down and those it sped up. (Projections measured on 2 cores on
 * 2026-12-06, in 1c295a3, when workers had a 96 MB young generation, the main thread did not parse
 * beside them and remark read every Markdown file with entity headings, and what a worker did to the
 * run's wall time then: 1,300 generated KEP files ~1.2 s (1.2×), 1k light documents ~2.7 s (1.35×),
 * 1k heavy documents ~6.5 s (0.72×, and 0.8× the CPU time).)
 */
const WORKERS_PAY_AFTER_MS = 4000;
/**
 * The sample's CPU time per file from which a worker pays (see AUTO_FILES_PER_WORKER), measured the
 * same way: ~0.6 ms for light documents, ~1.1 ms for heavy ones read by the plain Markdown reader,
 * ~1.2 ms for KEP files read by their template; remark's parse of a long document costs several.
 */
export const WORKER_PAYS_FROM_MS_PER_FILE = 2;
/**
 * The most workers `auto` starts: past a few, the main thread (decoding, indexing, checking) is what
 * the run waits for, and each more worker only adds its heap.
 */
export const AUTO_MAX_WORKERS = 4;

/**
 * How many workers may parse the files (the main thread decodes and indexes their parses, then
 * checks). `auto`: one fewer than the cores (the main thread and V8's garbage collector need the
 * rest), one per 2,000 files (at least one), at most four; none on one core or below 256 files,
 * and only if a sample says they pay (`sampledStart`). A number is taken as asked, but never more
 * workers than batches of files.
 */
export function workerCountFor(concurrency: Concurrency, fileCount: number, cores = availableParallelism()): number {
  const batches = Math.ceil(fileCount / BATCH_SIZE);
  if (concurrency === 'off') return 0;
  if (concurrency === 'auto') {
    if (fileCount < AUTO_MIN_FILES) return 0;
    return Math.max(0, Math.min(cores - 1, Math.max(1, Math.floor(fileCount / AUTO_FILES_PER_WORKER)), AUTO_MAX_WORKERS, batches));
  }
  return Math.min(concurrency, batches);
}

/**
 * From this many files `auto` starts its worker without a sample: the sample is timed while the
 * main thread's heap is small, and its parse gets dearer per file as the index it holds grows.
 * Each young-generation collection (scavenge) of Node 20's V8 walks the header of every page of the
 * old generation (ScavengerCollector::CollectGarbage, looking for the pages that point into the
 * young generation), and parsing allocates most of what a run allocates: at 50k heavy documents
 * `perf` put 63% of the main thread's scavenging in that walk, ~0.8 µs a 256 KB page, so ~2 ms a
 * scavenge at the ~550 MB the index reaches, against ~0.4 ms at 10k. A worker's parse is collected
 * in the worker's own small heap. Measured on 2026-12-06 (2 cores shared with other work, load
 * average 5-8) at 50k heavy documents, where the sample says no (~1.1 ms a file): with one worker
 * beside the main thread the main thread used 30.6 s of CPU instead of 42.8 s, the process 58 s
 * instead of 63 s, and the run peaked at 952 MB instead of 920 MB (budget: 1 GB). At 10k heavy
 * documents the sample keeps its say: a worker there costs CPU (13.3-14.0 s instead of 10.2-11.1 s)
 * and memory (270 MB against 259-263 MB, budget 300 MB) for a main thread ~10% lighter. Between the
 * two nothing was measured.
 */
export const AUTO_UNSAMPLED_FILES = 20_000;

/**
 * Whether the workers start only once a timed sample says they pay: with `auto` below
 * `unsampledFrom` files (a lint run's AUTO_UNSAMPLED_FILES; the language server's first scan has
 * its own, lsp/parallelScan.ts), never with a number.
 */
export function sampledStart(concurrency: Concurrency, fileCount = 0, unsampledFrom = AUTO_UNSAMPLED_FILES): boolean {
  return concurrency === 'auto' && fileCount < unsampledFrom;
}

export interface ParallelLoadOptions {
  workers: number;
  /** Start the workers only if the main thread's timed parse of a sample says they pay (`sampledStart`). */
  sampleFirst?: boolean;
  /** With `sampleFirst`: the projected parse of the rest past which workers start (tests: 0, always). */
  workersPayAfterMs?: number;
  /** With `sampleFirst`: the sampled CPU time per file from which workers start (tests: 0, always). */
  workerPaysFromMsPerFile?: number;
  /** Told how many workers were started (0: the sample said they would not pay). */
  started?: (workers: number) => void;
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
  /** Told once the files are loaded where they were parsed (--stats). */
  parsedWhere?: (split: ParseSplit) => void;
}

/** Where a parallel load's files were parsed. */
export interface ParseSplit {
  workers: number;
  /** Files parsed in the main thread: the sample, its own batches, those taken back from a worker and a stopped worker's. */
  here: number;
  /** Of those, files of batches the main thread took back from a worker's queue. */
  takenBack: number;
  /** Files the workers answered for (a parse they could not encode is made again here, as are open documents). */
  inWorkers: number;
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
 * Reads and parses `files` in worker threads and adds them to the engine in the order given, as
 * `engine.load` one by one would: the same parse results (a worker's come encoded as the lint cache
 * stores them, and are decoded here), the same index, the same findings. Returns the files that
 * could not be read. The main thread takes batches too, between decoding and indexing the workers'
 * parses: on 2 cores a single worker parsing alone is what a cold run waits for, while the main
 * thread, which only decodes and indexes, waits for it. Parsing here as well makes the run much
 * faster, and uses less CPU, for a higher peak (the figures of 2026-12-06, in 344ffd3, measured
 * before the workers' young generation and the heap-growth limit were lowered, are in
 * docs/cli.md#--concurrency).
 * A worker that stops (a crash, a bundle that cannot be found) loses nothing: its batches are
 * parsed in the main thread, and `warn` says so.
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
  /** The next batch nobody has taken (the sample's are done already). */
  const takeNext = (): number | undefined => {
    while (next < batches.length && done[next]) next++;
    return next < batches.length ? next++ : undefined;
  };
  const send = (state: WorkerState, upTo = IN_FLIGHT) => {
    while (!state.stopped && state.batches.size < upTo) {
      const batch = takeNext();
      if (batch === undefined) break;
      state.batches.add(batch);
      state.worker.postMessage({ batch, files: batches[batch]! });
    }
    // Nothing left for it: it stops now, and its heap is given back while the others finish.
    if (!state.stopped && state.batches.size === 0) {
      state.stopped = true;
      void state.worker.terminate();
    }
  };
  const stop = (state: WorkerState, reason: string) => {
    if (state.stopped) return;
    state.stopped = true;
    for (const batch of state.batches) if (!done[batch] && !takenBack.has(batch)) retry.push(batch);
    state.batches.clear();
    if (!warned) options.warn(`a parsing worker stopped (${reason}); the main thread parses its files instead`);
    warned = true;
    wake();
  };

  /** Batches the main thread took back from a worker's queue (takeBack). */
  const takenBack = new Set<number>();
  /**
   * With no batch left to take, the main thread takes back the batch a worker would reach last, if
   * that worker has another to parse first: the two then finish about together, where the main
   * thread waited for the worker's whole queue (up to IN_FLIGHT batches: with 3, its thread idled
   * ~0.18 s at the end of the language server's parse of 10k heavy documents, ~0.03 s so). The
   * worker's answer for a batch parsed here is dropped.
   */
  const takeBack = (): number | undefined => {
    let latest: number | undefined;
    for (const state of pool) {
      if (state.stopped) continue;
      let waiting = 0;
      let last: number | undefined;
      for (const batch of state.batches) {
        if (done[batch] || takenBack.has(batch)) continue;
        waiting++;
        if (last === undefined || batch > last) last = batch;
      }
      if (waiting >= 2 && (latest === undefined || last! > latest)) latest = last;
    }
    if (latest !== undefined) takenBack.add(latest);
    return latest;
  };
  let parsedHere = 0;
  let takenBackFiles = 0;
  let parsedInWorkers = 0;

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

  let workers = options.workers;
  if (options.sampleFirst && workers > 0) {
    // A few batches spread over the files (folders differ), parsed here and indexed in their turn.
    // Timed in CPU, not wall, time (a busy machine would inflate it), and without the first batch,
    // which also pays for compiling the parser.
    const count = Math.min(SAMPLE_BATCHES, Math.ceil(batches.length / 8));
    let sampled = 0;
    let timedMs = 0;
    let timedFiles = 0;
    for (let i = 0; i < count; i++) {
      const batch = Math.floor((i * batches.length) / count);
      const before = cpuMs();
      const loaded = await parseHere(batches[batch]!);
      if (!loaded) return unreadable;
      done[batch] = loaded;
      sampled += loaded.length;
      parsedHere += loaded.length;
      if (i > 0 || count === 1) {
        timedMs += cpuMs() - before;
        timedFiles += loaded.length;
      }
      // The event loop turns between the sample's batches, as it does between the main thread's
      // batches later on: the cap on the young generation is checked by an observer of collections,
      // which runs only then (cli/heap.ts, capYoungGeneration). Without it the young generation of
      // a lint run at 10k heavy documents doubled past its cap while the sample was parsed.
      await yieldTurn();
    }
    const perFile = timedMs / Math.max(1, timedFiles);
    const rest = perFile * (files.length - sampled);
    if (count === 0 || rest < (options.workersPayAfterMs ?? WORKERS_PAY_AFTER_MS) || perFile < (options.workerPaysFromMsPerFile ?? WORKER_PAYS_FROM_MS_PER_FILE)) workers = 0;
  }
  options.started?.(workers);

  const setup: WorkerSetup = { config: options.config, files, contentHashes: engine.contentHashes };
  const pool: WorkerState[] = [];
  // The main thread parses nothing until the workers run: starting one would undo its heap policy.
  await startWorkersKeepingHeapPolicy(workers, WORKER_YOUNG_GENERATION_MB, () => {
    const worker = new Worker(options.workerFile ?? workerPath(), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    const state: WorkerState = { worker, batches: new Set(), stopped: false };
    state.worker.on('message', (response: ParseResponse) => {
      if (state.stopped) return;
      try {
        // Unless the main thread took the batch back and parsed it first.
        if (!done[response.batch]) {
          done[response.batch] = response.records.map(fromWorker);
          parsedInWorkers += response.records.length;
        }
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
    return worker;
  });
  // Dealt round by round, so that every worker has a batch before any has a second.
  for (let round = 1; round <= IN_FLIGHT; round++) for (const state of pool) send(state, round);

  try {
    for (;;) {
      if (failure) throw failure.error;
      if (options.cancelled?.()) break;
      commit();
      if (committed === batches.length) break;
      // A stopped worker's batches first, then new ones, beside the workers.
      const mine = retry.length ? retry.shift()! : (takeNext() ?? takeBack());
      if (mine !== undefined) {
        const loaded = await parseHere(batches[mine]!);
        if (!loaded) break;
        // A worker's answer may have come while this thread parsed the batch in slices: the first stands.
        if (!done[mine]) {
          done[mine] = loaded;
          parsedHere += loaded.length;
          if (takenBack.has(mine)) takenBackFiles += loaded.length;
        }
        // Let the other workers' answers in between the main thread's own batches.
        await yieldTurn();
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    for (const state of pool) state.stopped = true;
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
  options.parsedWhere?.({ workers, here: parsedHere, takenBack: takenBackFiles, inWorkers: parsedInWorkers });
  return unreadable;
}

/** The process's CPU time so far (the main thread's and V8's helpers': no worker runs yet when it is asked). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The worker bundle, beside the running bundle. */
export function workerPath(): string {
  return path.join(__dirname, WORKER_BUNDLE);
}

/** Whether workers can be started at all: the CLI runs from its bundle (tests importing the modules do not). */
export function workersAvailable(): boolean {
  return typeof __dirname === 'string';
}
