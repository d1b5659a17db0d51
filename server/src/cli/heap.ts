import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { setRuntimeFlag, setRuntimeFlagsAgain } from './v8Flags.js';

/** How much V8 lets the heap grow past the data that survived the last full collection: a lint run's. */
export const HEAP_GROWING_PERCENT = 30;
/**
 * The language server's, from its first bulk parse on. Its first scan parses in slices between
 * requests and its session's full collections pause the keystrokes, so it grows by more than a lint
 * run's. It was 50%, chosen when remark built every Markdown tree and the server's young generation
 * was V8's 32 MB: 30% then took the scan at 10k heavy documents from ~20-25 s to ~26-29 s and the
 * keystroke p95 from 24-26 to 27 ms for 25 MB less at its peak. With the plain-Markdown line reader
 * (f7529cf) and the young generation stopped at 8 MB (then the server's YOUNG_GENERATION_MB), 40% held the
 * 200-keystroke session's peak at 258-265 MB instead of 276-290 and the scan's at 252-256 instead
 * of 255-272, for ~5% more CPU in the scan (10.0 s against 9.5) and the same in the keystrokes
 * (alternating sessions on 2026-12-06, load average 3-5). 30% saved no more over the session.
 */
export const SERVER_HEAP_GROWING_PERCENT = 40;

/**
 * From this many files to read, a run that parses them all limits how far its heap grows past its
 * live data (limitHeapGrowthToParse): the knob that held 10k heavy documents under 300 MB.
 * Below it V8 keeps its own policy, which collects the old generation less often: the limit's extra
 * full collections cost a `--preset kep` run on kubernetes/enhancements' 1,332 files ~6% of its CPU
 * time and 1k heavy documents ~5%, for no more than ~15 MB at their peaks (136 -> 146 MB at 1k
 * heavy, 140 -> 150 MB at 2,500; measured 2026-12-06, alternating runs, load average 4). The
 * language server's scan holds its heap the same way (SyncContext.holdHeap).
 */
export const HEAP_LIMIT_FROM_FILES = 2500;

/**
 * A run that starts from the lint cache and parses fewer files than this keeps V8's own policy:
 * it restores the whole index from the cache rather than parsing it, and the limit's extra
 * collections made that 12% slower (10k heavy documents, one file changed: 2.16 -> 1.93 s) for
 * 5 MB less at its peak. More changed files (a branch switched) are parsed like a cold run's.
 */
export const BULK_PARSE_FILES = 500;

/**
 * A lint run's live data (the index) grows steadily while files are parsed, and parsing allocates
 * fast; V8 then lets the heap reach ~4× the data that survived its last full collection before it
 * collects again: ~380 MB resident at 10k documents for ~90 MB that is really kept. Growing by
 * half instead held the peak near 260 MB, for a few more (short) full collections. Growing by 30%
 * holds it ~20 MB lower again at 10k heavy documents, where the cold run had time to spare (0.89×
 * its parse floor against a budget of 1.25×) and not memory (~400 MB against 300): the collections
 * it adds are full ones of the index, so it is the knob that trades time for memory.
 * The flag is read at each collection, so setting it once the process runs works; a value given on
 * the command line (`node --heap-growing-percent=…`) is left alone. Once set, it stays for the
 * rest of the process: later calls cost nothing (the language server asks for it per file it parses).
 *
 * The language server keeps it from its first bulk parse (of HEAP_LIMIT_FROM_FILES files or more)
 * or the end of its first scan on (SyncContext.holdHeap). It used to return to V8's own policy once its scan was over, and V8 then
 * let the heap grow to two or three times the ~225 MB an index of 10k heavy documents keeps, as
 * edits promoted their short-lived data: a session peak of 796 MB after 200 keystrokes, where the
 * scan itself peaked near 400 MB. Bounded growth (SERVER_HEAP_GROWING_PERCENT) costs a full
 * collection of the index every so many keystrokes instead.
 */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT, execArgv: readonly string[] = process.execArgv): void {
  if (limited || givenOnCommandLine(execArgv)) return;
  limited = true;
  setRuntimeFlag(`--heap-growing-percent=${percent}`);
}

let limited = false;

/**
 * limitHeapGrowth for a bulk parse of `fileCount` files about to start: from HEAP_LIMIT_FROM_FILES
 * files on; a smaller one keeps V8's own policy.
 */
export function limitHeapGrowthToParse(fileCount: number, percent = HEAP_GROWING_PERCENT): void {
  if (fileCount >= HEAP_LIMIT_FROM_FILES) limitHeapGrowth(percent);
}

function givenOnCommandLine(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'));
}

/**
 * The young generation (V8's new space, both semi-spaces) of every process this project starts, in
 * MB: it stops growing once it is this large. V8 lets it grow to 32 MB, which the index being built
 * outlives: its scavenges copied it through 16 MB semi-spaces, and the old generation's limit is
 * raised by the young generation's size as well. Each scavenge also walks every page of the old
 * generation (parallel/parallelLoad.ts, AUTO_UNSAMPLED_FILES), so a young generation too small
 * costs more as the index grows.
 * - A lint run (2026-12-06, `--trace-gc-verbose`): the cap never held at 8 MB, as the young
 *   generation doubles while the run starts and while `auto` times its sample. Made to hold (the
 *   sample lets the event loop turn), 8 MB against 16 at 10k heavy documents, three alternating
 *   pairs (load average 6-9): 6.6-7.1 s of main-thread CPU against 6.3-6.7 s and 10.5-11.0 s for
 *   the process against 9.8-10.5 s, for a peak of 255-258 MB against 261-271 MB (budget 300). 32 MB
 *   peaked at 293-301 MB at 10k heavy documents, and at 50k took 54-60 s of CPU for the same peak.
 * - The language server had 8 MB until 2026-12-07. At 10k heavy documents its first scan, which
 *   parses beside a worker and builds the index, made 1,040-1,150 scavenges (1.4-2.4 s of pauses)
 *   where a lint run made ~640 (~1.1 s); with 16 MB it made ~550-580 (1.2-1.6 s). Six alternating
 *   pairs of scans (2 cores, load average ~2): 10.8-13.4 s against 12.3-16.0 s, each pair 12-22%
 *   faster (four more rounds beside the cold CLI, whose runs took 12.7-17.0 s: 13.0-13.6 s against
 *   12.1-14.9 s), for a scan peak of 269-274 MB against 253-263 MB; three sessions of 200 keystrokes
 *   after the scan: p95 15.3-18.6 ms against 17.0-21.1 ms, session peaks 269-275 MB against
 *   263-268 MB; the start from a warm cache took as long (1.65-2.49 s against 1.74-2.42 s, nine
 *   pairs). (An earlier try, a copy of the bundle with 16 MB, had measured it slower: 13.9-14.2 s
 *   against 13.2-13.9 s in three rounds; the six rounds above, of a build, did not hold that up.)
 */
export const YOUNG_GENERATION_MB = 16;

/**
 * Stops the young generation growing once it reaches `mb` (YOUNG_GENERATION_MB). Its maximum is fixed when Node starts (`--max-semi-space-size`), but the factor it grows by
 * (`--semi-space-growth-factor`) is read each time it grows: from 1 it no longer grows. V8 grows it
 * in doubling steps after a scavenge, so the size is checked after every collection until it is
 * reached: by an observer of collections, which runs when the event loop turns, and by
 * `checkYoungGeneration`, for work that does not let it turn (a lint run that parses in its own
 * thread only, `--concurrency off`). Returns false, doing nothing, when the command line sizes it
 * (either flag).
 */
export function capYoungGeneration(mb: number, execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => /^--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)/.test(arg))) return false;
  const reached = () => (getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0) >= mb * 1024 * 1024;
  let capped = false;
  const observer = new PerformanceObserver(() => check());
  const check = () => {
    if (capped || !reached()) return;
    capped = true;
    setRuntimeFlag('--semi-space-growth-factor=1');
    observer.disconnect();
    pendingCheck = undefined;
  };
  pendingCheck = check;
  check();
  if (!capped) observer.observe({ entryTypes: ['gc'] });
  return true;
}

let pendingCheck: (() => void) | undefined;

/** Checks a pending cap now (capYoungGeneration): cheap enough for every few dozen files parsed. */
export function checkYoungGeneration(): void {
  pendingCheck?.();
}

/**
 * Starts worker threads (`create(i)` makes the i-th, its listeners attached) and resolves with them
 * once each runs or is gone, this thread's heap policy as it was. Creating an isolate (each worker
 * has its own) puts V8's `--semi-space-growth-factor` back to at least 2 for the whole process
 * (Heap::ConfigureHeap in Node 20's V8), so the young generation of the thread that capped it
 * (capYoungGeneration) grew again at its next collections: a language server scan of 10k heavy
 * documents that started a parsing worker ended with a 32 MB young generation instead of the 8 MB it then had,
 * and ~45 MB more resident after its last full collection than one without the worker (measured on
 * 2026-12-07); a lint run's 16 MB went to 32 MB the same way from 20k files on. So the caller
 * allocates nothing until its workers run (it awaits this, ~45 ms on a quiet machine, 120-170 ms on
 * a slow one), and every flag this process set (cli/v8Flags.ts) is set again every millisecond
 * meanwhile and once they run.
 * A worker's own young generation cannot grow once the cap is back, so it starts at its full size:
 * `--min-semi-space-size`, read as its isolate is created (a young generation is three
 * semi-spaces' worth in this V8: two semi-spaces and as much again for large objects), then put
 * back to V8's default.
 */
export async function startWorkersKeepingHeapPolicy(count: number, youngGenerationMb: number, create: (i: number) => Worker): Promise<Worker[]> {
  if (count <= 0) return [];
  setFlagsFromString(`--min-semi-space-size=${Math.max(1, Math.floor(youngGenerationMb / 3))}`);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(create(i));
    // A collection of this thread's between a worker's isolate being created and its `online`
    // event grows the young generation (Node's own allocations after `new Worker` are enough): the
    // flags are set again every millisecond until every worker runs. A collection within the turn
    // that follows the creation, which loads Node's messaging code, can still come first: then the
    // young generation doubles once (one start in fifteen with the flags set at every turn of the
    // event loop, none in thirty every millisecond, 2026-12-07), where without this it grew to V8's
    // maximum every time. Every turn was a busy wait: 200-320 ms of CPU for the start of a worker
    // that took 110-170 ms to run, against 145-200 ms every millisecond (the worker's own included).
    let running = false;
    void Promise.all(workers.map(runningOrGone)).then(() => (running = true));
    while (!running) {
      setRuntimeFlagsAgain();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    setFlagsFromString('--min-semi-space-size=0');
    setRuntimeFlagsAgain();
  }
  return workers;
}

/** Resolves once a worker runs its code (`online`), or once it failed or stopped before it could. */
function runningOrGone(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once('online', resolve);
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
}
