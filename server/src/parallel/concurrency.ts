import { CliError } from '../cli/errors.js';

/** `--concurrency`: a number of parsing worker threads, `auto` (from the cores and the files) or `off` (no worker). */
export type Concurrency = number | 'auto' | 'off';

/**
 * What a run without `--concurrency` does. `auto`, unlike ESLint's `off`: on 2 cores a worker takes
 * ~40% of the main thread's CPU at heavy 10k without adding to the total (docs/cli.md#--concurrency),
 * and a workspace too small to gain starts none.
 */
export const DEFAULT_CONCURRENCY: Concurrency = 'auto';

/** The most workers `--concurrency N` starts: more only costs memory (each loads the parser again). */
export const MAX_WORKERS = 64;

/** `--concurrency` as typed: a whole number from 1 to MAX_WORKERS, `auto` or `off` (ESLint 9's values). */
export function parseConcurrency(value: string): Concurrency {
  const trimmed = value.trim();
  if (trimmed === 'auto' || trimmed === 'off') return trimmed;
  if (/^\d+$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= MAX_WORKERS) return Number(trimmed);
  throw new CliError(`--concurrency: "${value}" is not a number of threads; use a whole number from 1 to ${MAX_WORKERS}, auto or off`);
}
