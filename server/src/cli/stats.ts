import { performance } from 'node:perf_hooks';
import type { ParseSplit } from '../parallel/parallelLoad.js';
import { plural } from './formatters/shared.js';

/** Time spent in each phase of a run, in the order the phases ran. */
export class PhaseClock {
  private readonly phases = new Map<string, number>();
  private last = performance.now();
  private readonly start = this.last;

  /** Ends the current phase under `name` (time adds up when a phase is entered twice). */
  lap(name: string): void {
    const now = performance.now();
    this.phases.set(name, (this.phases.get(name) ?? 0) + (now - this.last));
    this.last = now;
  }

  entries(): [string, number][] {
    return [...this.phases];
  }

  totalMs(): number {
    return performance.now() - this.start;
  }
}

export interface RunCounts {
  /** Files the run read and parsed (named and, for references, the rest of the workspace). */
  read: number;
  /** Files whose findings are reported. */
  linted: number;
  /** Of those, files that declare something (§2). */
  takingPart: number;
  skipped: readonly { path: string; reason: string }[];
  unreadable: readonly { path: string; reason: string }[];
  findings: number;
  suppressed: number;
  /**
   * With --cache: how it was used, what was parsed and linted in full, what only for candidates, and
   * how many files' part of the report was printed as the cache stored it (PiecewiseFormatter).
   */
  cache?: { cache: string; parsed: number; linted: number; rechecked: number; moved: number; printed?: number };
  /** Where the files were parsed, when parsing worker threads could start (--concurrency). */
  parsing?: ParseSplit;
}

/**
 * `--stats`: what the run looked at and where the time went, on stderr (so every format's output
 * stays as it is):
 *
 *     strategy-lint: 31 files linted (22 taking part, 9 declaring nothing); 40 read (9 only for references)
 *     strategy-lint: skipped: archive/old.md (ignored by the config's ignore patterns)
 *     strategy-lint: cache: used; 1 file parsed, 8 linted, 120 re-checked for workspace candidates; report: 22 files as stored
 *     strategy-lint: parse: 1 worker thread; 412 files parsed in the main thread, 32 of them taken back from the worker's queue, 588 in the worker
 *     strategy-lint: time: discover 12 ms, read and parse 85 ms, lint 30 ms, … total 140 ms
 */
export function renderStats(counts: RunCounts, clock: PhaseClock, shown: (p: string) => string): string {
  const lines = [
    `${plural(counts.linted, 'file')} linted (${counts.takingPart} taking part, ${counts.linted - counts.takingPart} declaring nothing); ${counts.read} read (${counts.read - counts.linted} only for references); ${plural(counts.findings, 'finding')} reported, ${counts.suppressed} suppressed`,
    ...counts.skipped.map((s) => `skipped: ${shown(s.path)} (${s.reason})`),
    ...counts.unreadable.map((s) => `unreadable: ${shown(s.path)} (${s.reason})`),
    ...(counts.cache ? [cacheLine(counts.cache)] : []),
    ...(counts.parsing ? [parsingLine(counts.parsing)] : []),
    `time: ${clock.entries().map(([name, ms]) => `${name} ${formatMs(ms)}`).join(', ')}; total ${formatMs(clock.totalMs())}`,
  ];
  return lines.map((line) => `strategy-lint: ${line}\n`).join('');
}

function cacheLine(c: NonNullable<RunCounts['cache']>): string {
  const state = c.cache === 'used' ? 'used' : c.cache === 'missing' ? 'none yet (written now)' : `${c.cache}, not used (written again)`;
  return `cache: ${state}; ${plural(c.parsed, 'file')} parsed, ${c.linted} linted${c.rechecked ? `, ${c.rechecked} re-checked for workspace candidates` : ''}${c.moved ? `, ${c.moved} with places moved along with an edit` : ''}${c.printed ? `; report: ${plural(c.printed, 'file')} as stored` : ''}`;
}

function parsingLine(p: ParseSplit): string {
  if (!p.workers) return `parse: ${plural(p.here, 'file')} in the main thread (--concurrency auto: a timed sample said a worker would not pay)`;
  const takenBack = p.takenBack ? `, ${p.takenBack} of them taken back from the ${p.workers === 1 ? "worker's queue" : "workers' queues"}` : '';
  return `parse: ${p.workers} worker ${p.workers === 1 ? 'thread' : 'threads'}; ${plural(p.here, 'file')} parsed in the main thread${takenBack}, ${p.inWorkers} in ${p.workers === 1 ? 'the worker' : 'the workers'}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
