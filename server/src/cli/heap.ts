import { setFlagsFromString } from 'node:v8';

/** How much V8 lets the heap grow past the data that survived the last full collection. */
const HEAP_GROWING_PERCENT = 50;

/**
 * A lint run's live data (the index) grows steadily while files are parsed, and parsing allocates
 * fast; V8 then lets the heap reach ~4× the data that survived its last full collection before it
 * collects again: ~380 MB resident at 10k documents for ~90 MB that is really kept. Growing by
 * half instead holds the peak near 260 MB, for a few more (short) full collections.
 * The flag is read at each collection, so setting it once the process runs works; a value given on
 * the command line (`node --heap-growing-percent=…`) is left alone. The language server uses it
 * only while it scans folders: the rest of a long-lived process's life is better served by V8's
 * own policy and its memory reducer.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (givenOnCommandLine(execArgv)) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Back to V8's own policy (0: its dynamic growing factor). The language server limits growth only
 * while it scans folders, the part of its life that looks like a lint run.
 */
export function restoreHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (givenOnCommandLine(execArgv)) return;
  setFlagsFromString('--heap-growing-percent=0');
}

function givenOnCommandLine(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'));
}
