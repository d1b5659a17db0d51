import { setFlagsFromString } from 'node:v8';

/**
 * The V8 flags this process set while running (cli/heap.ts, cli/jit.ts), by name, as last set.
 * V8's flags belong to the process, and creating an isolate (a worker thread's) may put one back:
 * see heap.ts, startWorkersKeepingHeapPolicy, which sets them all again once its workers run.
 */
const setWhileRunning = new Map<string, string>();

/** Sets a V8 flag (`--name=value`) for the rest of the process, and remembers it. */
export function setRuntimeFlag(flag: string): void {
  setFlagsFromString(flag);
  setWhileRunning.set(flag.split('=')[0]!, flag);
}

/** Sets every flag setRuntimeFlag set, again (after a worker's isolate was created). */
export function setRuntimeFlagsAgain(): void {
  for (const flag of setWhileRunning.values()) setFlagsFromString(flag);
}
