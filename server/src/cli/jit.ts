import { setRuntimeFlag } from './v8Flags.js';

/**
 * How much bytecode a function runs before V8 considers optimizing it (`--interrupt-budget`), for
 * CLI commands: four times V8's default (66 KB in Node 20). A lint run is short and spends most of
 * its time in a few hot loops (the YAML parser, the readers, the rules); with the default, V8 also
 * optimized hundreds of lukewarm functions on its background threads (~350 ms of CPU in a
 * `--preset kep` run of 0.6 s, beside ~440 ms on the main thread), on a machine where those
 * threads compete with the run itself and with V8's garbage collector. Measured on 2026-12-06,
 * alternating runs (2 cores shared, load average 4-5), process CPU medians, against the default:
 * generated KEPs 854 -> 700 ms (wall 922 -> 734 ms), kubernetes/enhancements keps/ 1144 -> 941 ms,
 * 1k heavy documents 2081 -> 1604 ms, 10k heavy documents 9.7 -> 9.2 s (wall 10.4 -> 8.9 s);
 * the main thread's own CPU did not grow. Twice the default saved about half as much; eight and
 * sixteen times no more than four.
 */
export const CLI_INTERRUPT_BUDGET = 4 * 67584;

/**
 * Sets the CLI's interrupt budget, unless the command line sets one (`node --interrupt-budget=…`).
 * Set once the bundle is loaded: V8 accepts a code cache only under the flags it was made with
 * (scripts/write-code-cache.cjs puts V8's default back before writing it). V8's flags belong to the
 * process, so parsing workers started later run with it too. Returns whether it was set.
 */
export function delayOptimization(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => /^--interrupt[-_]budget[=\s]|^--interrupt[-_]budget$/.test(arg))) return false;
  setRuntimeFlag(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
  return true;
}
