// `npm run bench`: measures the budgets on generated workspaces of 1k and 10k documents.
//   cold CLI run vs the lazy parse floor (≤ 1.25×), the floor vs markdownlint-cli2 (≥ 3× faster),
//   peak memory of the CLI (≤ 300 MB), keystroke → diagnostics in the language server (p95 ≤ 25 ms).
//   and a cold `--preset kep` run on ~650 generated KEPs (or a real keps/ folder: --kep-path DIR).
// Results go to .bench/results.json. Options: --sizes 1000,10000 --runs 3 --skip-markdownlint --skip-lsp
//   --skip-kep --kep-path DIR
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { generateWorkspace } from './generate.mjs';
import { measureKeystrokes } from './keystrokes.mjs';
import { benchKep } from './kep.mjs';

const root = resolve(import.meta.dirname, '../..');
const benchDir = join(root, '.bench');
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i === -1 ? fallback : args[i + 1]; };
const sizes = option('--sizes', '1000,10000').split(',').map(Number).filter((n) => n > 0); // --sizes 0: none
const runs = Number(option('--runs', '3'));
const skipMarkdownlint = args.includes('--skip-markdownlint');
const skipLsp = args.includes('--skip-lsp');
const skipKep = args.includes('--skip-kep');
const MARKDOWNLINT = 'markdownlint-cli2@0.22.0'; // the last release that runs on Node 20

mkdirSync(benchDir, { recursive: true });
if (!existsSync(join(root, 'dist/strategy-lint.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
await build({ entryPoints: [join(import.meta.dirname, 'floor.mjs')], bundle: true, platform: 'node', format: 'cjs', outfile: join(benchDir, 'floor.cjs'), logLevel: 'warning' });

function ensureMarkdownlint() {
  const bin = join(benchDir, 'tools/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  if (!existsSync(bin)) {
    console.log(`installing ${MARKDOWNLINT} into .bench/tools (benchmark baseline only)…`);
    execFileSync('npm', ['install', '--prefix', join(benchDir, 'tools'), '--no-save', '--no-audit', '--no-fund', MARKDOWNLINT], { stdio: 'inherit' });
  }
  return bin;
}

/** Runs a command `runs` times in fresh processes; returns the median wall time and the peak RSS. */
function time(label, command, commandArgs, options = {}) {
  const samples = [];
  let rssKb = 0;
  for (let i = 0; i < (options.runs ?? runs); i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, commandArgs, { cwd: options.cwd ?? root, encoding: 'utf8', maxBuffer: 1 << 30 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== null && result.status > (options.okStatus ?? 1)) throw new Error(`${label} failed (${result.status}): ${result.stderr.slice(0, 500)}`);
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr ?? '');
    if (rss) rssKb = Math.max(rssKb, Number(rss[1]));
  }
  samples.sort((a, b) => a - b);
  return { label, medianMs: Math.round(samples[Math.floor(samples.length / 2)]), samplesMs: samples.map(Math.round), peakRssMb: rssKb ? Math.round(rssKb / 1024) : undefined };
}

const hook = join(import.meta.dirname, 'rss-hook.cjs');
const results = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, sizes: {} };
for (const size of sizes) {
  const ws = join(benchDir, `ws-${size}`);
  if (!existsSync(join(ws, 'owners.strategy.yaml'))) generateWorkspace(ws, size);
  console.log(`\n== ${size} documents (${ws})`);
  const floor = time('lazy parse floor', process.execPath, ['--require', hook, join(benchDir, 'floor.cjs'), ws]);
  const cli = time('strategy-lint (cold)', process.execPath, ['--require', hook, join(root, 'bin/strategy-lint.cjs'), ws, '--format', 'json', '--output-file', join(benchDir, `out-${size}.json`)]);
  const entry = { floor, cli, cliOverFloor: +(cli.medianMs / floor.medianMs).toFixed(2) };
  if (!skipMarkdownlint) {
    const bin = ensureMarkdownlint();
    entry.markdownlint = time('markdownlint-cli2', process.execPath, [bin, '**/*.md', '#node_modules'], { cwd: ws, okStatus: 1, runs: Math.min(runs, size >= 10000 ? 1 : runs) });
    entry.markdownlintOverFloor = +(entry.markdownlint.medianMs / floor.medianMs).toFixed(2);
  }
  if (!skipLsp) entry.keystrokes = await measureKeystrokes(root, ws);
  results.sizes[size] = entry;
  for (const m of [floor, cli, entry.markdownlint].filter(Boolean)) console.log(`${m.label.padEnd(24)} ${String(m.medianMs).padStart(7)} ms  (runs: ${m.samplesMs.join(', ')})${m.peakRssMb ? `  peak RSS ${m.peakRssMb} MB` : ''}`);
  console.log(`cli / floor = ${entry.cliOverFloor} (budget ≤ 1.25)`);
  if (entry.markdownlintOverFloor) console.log(`markdownlint-cli2 / floor = ${entry.markdownlintOverFloor} (floor must be ≥ 3× faster)`);
  if (entry.keystrokes) console.log(`keystroke → diagnostics: p50 ${entry.keystrokes.p50Ms} ms, p95 ${entry.keystrokes.p95Ms} ms over ${entry.keystrokes.samples} edits (budget p95 ≤ 25 ms after the debounce)`);
}
if (!skipKep) results.kep = benchKep({ root, benchDir, hook, time, kepPath: option('--kep-path', undefined) && resolve(option('--kep-path')) });
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2));
console.log(`\nwritten ${join(benchDir, 'results.json')}`);
