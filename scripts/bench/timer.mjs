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
  const samples = [];
  let rssKb = 0;
  let stderr = '';
  for (let i = 0; i < (options.runs ?? 1); i++) {
    options.beforeEach?.(i);
    const start = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, { cwd: options.cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.error) throw result.error;
    if (result.status === null || result.status > (options.okStatus ?? 1)) throw new Error(`${label} failed (${result.status ?? result.signal}): ${result.stderr.slice(0, 500)}`);
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr ?? '');
    if (rss) rssKb = Math.max(rssKb, Number(rss[1]));
    stderr = result.stderr;
  }
  samples.sort((a, b) => a - b);
  return { label, medianMs: Math.round(samples[Math.floor(samples.length / 2)]), samplesMs: samples.map(Math.round), peakRssMb: rssKb ? Math.round(rssKb / 1024) : undefined, stderr };
}
