// Times a command in fresh processes: median wall time over the runs, and the peak RSS the
// preloaded hook (rss-hook.cjs) reports when the process exits.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const RSS_HOOK = join(import.meta.dirname, 'rss-hook.cjs');

/**
 * Runs `command commandArgs` `options.runs` times. `options.beforeEach(i)` runs before each timed
 * run (outside the clock), `options.okStatus` is the highest exit status that is not a failure.
 */
export function time(label, command, commandArgs, options = {}) {
  return timeAlternating([{ label, command, commandArgs, options }], options.runs ?? 1)[0];
}

/**
 * Times several commands `runs` times each, one run of each in turn (a, b, a, b…), so that figures
 * compared with each other (the cold CLI against the floor) are taken under the same load.
 */
export function timeAlternating(commands, runs) {
  const measures = commands.map(({ label }) => ({ label, samples: [], rssKb: 0, stderr: '' }));
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ label, command, commandArgs, options = {} }, c) => {
      const m = measures[c];
      options.beforeEach?.(i);
      const start = process.hrtime.bigint();
      const result = spawnSync(command, commandArgs, { cwd: options.cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
      m.samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (result.error) throw result.error;
      if (result.status === null || result.status > (options.okStatus ?? 1)) throw new Error(`${label} failed (${result.status ?? result.signal}): ${result.stderr.slice(0, 500)}`);
      const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr ?? '');
      if (rss) m.rssKb = Math.max(m.rssKb, Number(rss[1]));
      m.stderr = result.stderr;
    });
  }
  return measures.map(({ label, samples, rssKb, stderr }) => summary(label, samples, rssKb ? Math.round(rssKb / 1024) : undefined, stderr));
}

/**
 * Measures of the same commands taken in several rounds of timeAlternating (other work timed in
 * between), as if taken in one: every sample counts for the median, the highest peak RSS is kept.
 */
export function mergeRounds(rounds) {
  return rounds[0].map(({ label }, c) => {
    const column = rounds.map((round) => round[c]);
    const peaks = column.map((m) => m.peakRssMb).filter((mb) => mb !== undefined);
    return summary(label, column.flatMap((m) => m.samplesMs), peaks.length ? Math.max(...peaks) : undefined, column.at(-1).stderr);
  });
}

/** A measure: its samples sorted, their median (the upper one of an even count), and the peak RSS. */
function summary(label, samples, peakRssMb, stderr) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { label, medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]), samplesMs: sorted.map(Math.round), peakRssMb, stderr };
}
