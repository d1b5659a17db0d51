// `npm run bench`: every performance budget of issue 13, measured in one run, printed as one table
// (Markdown, with the budget and met / not met per row) and written to .bench/results.json and
// .bench/results.md. For each mix (light, heavy) and size (1k, 10k; 50k on request), on a generated
// workspace in .bench/:
//   lazy parse floor · cold CLI · warm `--cache` with nothing changed · warm `--cache` with one file
//   changed (restored afterwards) · markdownlint-cli2 on the same files · peak RSS of each ·
//   the language server's initial scan without and with a warm cache (as many runs as the CLI rows;
//   without a cache, in the same rounds as the floor and the cold CLI) · keystroke → diagnostics,
// and a cold `--preset kep` run on ~650 generated KEPs (or a real keps/ folder: --kep-path DIR).
// Options: see HELP below (`npm run bench -- --help`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { benchKep } from './kep.mjs';
import { measureKeystrokes } from './keystrokes.mjs';
import { medianScan, startSession } from './lsp.mjs';
import { renderHeader, renderTable } from './table.mjs';
import { mergeRounds, RSS_HOOK, time, timeAlternating } from './timer.mjs';
import { ensureWorkspace, MIXES } from './workspaces.mjs';

const root = resolve(import.meta.dirname, '../..');
const benchDir = join(root, '.bench');
const HELP = `usage: npm run bench -- [options]
  --mix light|heavy|both   which generated mixes (default both)
  --sizes 1000,10000       workspace sizes in documents (0: none, e.g. to run only the KEP row)
  --large                  adds 50000 documents and the 10k -> 50k growth row
  --runs N                 runs per row (default 3 below 10k documents, 1 from 10k up)
  --skip-markdownlint      --skip-lsp      --skip-kep
  --kep-path DIR           the KEP row on a real keps/ folder instead of generated KEPs
  --help                   this text
A full run at 1k and 10k takes about ten minutes on a quiet machine.`;
const usage = (message) => { console.error(`npm run bench: ${message}\n${HELP}`); process.exit(2); };
// Strict: an unknown or misspelt option stops here, before minutes of benchmarking start.
let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: {
      mix: { type: 'string', default: 'both' },
      sizes: { type: 'string', default: '1000,10000' },
      large: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'skip-markdownlint': { type: 'boolean', default: false },
      'skip-lsp': { type: 'boolean', default: false },
      'skip-kep': { type: 'boolean', default: false },
      'kep-path': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  usage(error.message);
}
if (parsed.help) {
  console.log(HELP);
  process.exit(0);
}

const mixOption = parsed.mix;
if (!['light', 'heavy', 'both'].includes(mixOption)) usage(`--mix must be light, heavy or both, not ${mixOption}`);
const mixes = mixOption === 'both' ? Object.keys(MIXES) : [mixOption];
const sizes = parsed.sizes.split(',').map(Number).filter((n) => n > 0);
if (parsed.large && !sizes.includes(50000)) sizes.push(50000);
if (sizes.some((n) => !Number.isInteger(n))) usage('--sizes takes whole numbers, such as 1000,10000');
const runsOption = parsed.runs;
if (runsOption !== undefined && !(Number(runsOption) >= 1)) usage('--runs takes a number ≥ 1');
const runsFor = (size) => (runsOption !== undefined ? Number(runsOption) : size >= 10000 ? 1 : 3);
const skipMarkdownlint = parsed['skip-markdownlint'];
const skipLsp = parsed['skip-lsp'];
const skipKep = parsed['skip-kep'];
const MARKDOWNLINT = 'markdownlint-cli2@0.22.0'; // the last release that runs on Node 20
const CACHE = '.strategylintcache';

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

const cli = (...cliArgs) => ['--require', RSS_HOOK, join(root, 'bin/strategy-lint.cjs'), '.', '--format', 'json', ...cliArgs];
// The cold row's parsing threads (docs/cli.md#--concurrency), named in the table with the cores it ran on.
const COLD_CONCURRENCY = 'auto';
const seconds = (m) => `${m.label.padEnd(34)} ${String(m.medianMs).padStart(7)} ms  (runs: ${m.samplesMs.join(', ')})${m.peakRssMb ? `  peak RSS ${m.peakRssMb} MB` : ''}`;
const keep = ({ stderr, ...measure }) => measure; // results.json keeps no process output

/** One file's content edited for the "one file changed" rows: the first initiative's title. */
function editedCopy(text, n) {
  const edited = text.replace(/^(#+ Initiative: .*)$/m, `$1 (rev ${n})`);
  if (edited === text) throw new Error('no initiative heading to edit');
  return edited;
}

/** Every row for one workspace. */
async function benchWorkspace(mix, size) {
  const ws = ensureWorkspace(benchDir, mix, size);
  const runs = runsFor(size);
  const out = join(benchDir, `out-${mix}-${size}.json`);
  const opts = { cwd: ws.dir, runs };
  console.log(`\n== ${mix} mix, ${size} documents (${ws.dir}, ${ws.mib} MiB)`);
  const run = { mix, size, files: ws.files, mib: ws.mib };

  // Taken in turn, so the ratio compares runs under the same load. A run without --cache deletes a
  // cache it finds: every cold run starts from none.
  // Up to 10k documents the cold run without parsing workers is timed too, in turn with the others:
  // what --concurrency gains (or costs) on this machine, for choosing its default.
  const withoutWorkers = size <= 10000 ? [{ label: 'CLI, cold, --concurrency off', command: process.execPath, commandArgs: cli('--output-file', out, '--concurrency', 'off'), options: opts }] : [];
  const coldCommands = [
    { label: 'lazy parse floor', command: process.execPath, commandArgs: ['--require', RSS_HOOK, join(benchDir, 'floor.cjs'), ws.dir], options: opts },
    { label: 'CLI, cold', command: process.execPath, commandArgs: cli('--output-file', out, '--concurrency', COLD_CONCURRENCY), options: opts },
    ...withoutWorkers,
  ];
  // The server's initial scan without a cache is compared with the cold CLI: it is timed in the same
  // rounds, after each round of the CLI rows, and as many times (the median of each is shown). The
  // last round's server stays up for the keystrokes.
  const rounds = [];
  const scans = [];
  let lastSession;
  for (let i = 0; i < runs; i++) {
    rounds.push(timeAlternating(coldCommands, 1));
    if (skipLsp) continue;
    rmSync(join(ws.dir, CACHE), { force: true });
    const session = await startSession({ root, ws: ws.dir, hook: RSS_HOOK });
    console.log(`server initial scan, no cache: ${session.scan.scanMs} ms (to ${session.scan.signal}; idle at ${session.scan.idleMs} ms, ${session.scan.publishes} files published)`);
    // The scan's own peak, before the keystrokes allocate more.
    const scanPeakRssMb = session.peakRssMb();
    if (i < runs - 1) {
      const closedPeakRssMb = await session.close();
      scans.push({ ...session.scan, peakRssMb: scanPeakRssMb ?? closedPeakRssMb });
    } else {
      scans.push({ ...session.scan, peakRssMb: scanPeakRssMb });
      lastSession = session;
    }
  }
  [run.floor, run.cold, run.coldOff] = mergeRounds(rounds);
  run.cold.concurrency = { flag: COLD_CONCURRENCY, cores: availableParallelism() };
  console.log(seconds(run.floor));
  console.log(seconds(run.cold));
  if (run.coldOff) console.log(seconds(run.coldOff));

  if (lastSession) {
    run.keystrokes = await measureKeystrokes(lastSession, ws.dir);
    console.log(`keystroke → diagnostics: p50 ${run.keystrokes.p50Ms} ms, p95 ${run.keystrokes.p95Ms} ms over ${run.keystrokes.samples} edits`);
    const sessionPeakRssMb = await lastSession.close();
    run.keystrokes.peakRssMb = sessionPeakRssMb;
    scans[scans.length - 1].peakRssMb ??= sessionPeakRssMb;
    run.serverCold = medianScan(scans);
    console.log(`server initial scan, no cache: median ${run.serverCold.scanMs} ms (runs: ${run.serverCold.samplesMs.join(', ')}); peak RSS ${run.serverCold.peakRssMb ?? '?'} MB by the end of its scans, ${sessionPeakRssMb ?? '?'} MB over the last session`);
  }

  // Writes the cache (untimed) and counts what takes part and what is found.
  const prime = time('CLI --cache, writing the cache', process.execPath, cli('--output-file', out, '--cache', '--stats'), { ...opts, runs: 1 });
  const stats = /\((\d+) taking part[^]*?(\d+) findings? reported/.exec(prime.stderr);
  if (stats) [run.takingPart, run.findings] = [Number(stats[1]), Number(stats[2])];
  run.warm = time('CLI --cache, nothing changed', process.execPath, cli('--output-file', out, '--cache'), opts);
  console.log(seconds(run.warm));
  const strategyDocs = readdirSync(join(ws.dir, 'strategy')).sort();
  const file = join(ws.dir, 'strategy', strategyDocs[Math.floor(strategyDocs.length / 2)]);
  const original = readFileSync(file, 'utf8');
  const restore = () => writeFileSync(file, original);
  process.once('exit', restore);
  try {
    run.warmChanged = time('CLI --cache, one file changed', process.execPath, cli('--output-file', out, '--cache'), { ...opts, beforeEach: (i) => writeFileSync(file, editedCopy(original, i + 1)) });
  } finally {
    restore();
    process.off('exit', restore);
  }
  console.log(seconds(run.warmChanged));
  // The cache again in step with the files, for the server's warm start.
  time('CLI --cache, back in step', process.execPath, cli('--output-file', out, '--cache'), { ...opts, runs: 1 });

  if (!skipLsp) {
    const warmScans = [];
    for (let i = 0; i < runs; i++) {
      const session = await startSession({ root, ws: ws.dir, hook: RSS_HOOK });
      console.log(`server initial scan, warm cache: ${session.scan.scanMs} ms (to ${session.scan.signal}; idle at ${session.scan.idleMs} ms)`);
      warmScans.push({ ...session.scan, peakRssMb: await session.close() });
    }
    run.serverWarm = medianScan(warmScans);
  }

  if (!skipMarkdownlint) {
    run.markdownlint = time('markdownlint-cli2', process.execPath, ['--require', RSS_HOOK, ensureMarkdownlint(), '**/*.md', '#node_modules'], { ...opts, okStatus: 1 });
    console.log(seconds(run.markdownlint));
  }
  for (const key of ['floor', 'cold', 'coldOff', 'warm', 'warmChanged', 'markdownlint']) if (run[key]) run[key] = keep(run[key]);
  return run;
}

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore: loadavg(), runs: [], scale: [] };
results.runsLabel = runsOption ?? '3, 1 from 10k documents';
for (const mix of mixes) {
  for (const size of sizes) results.runs.push(await benchWorkspace(mix, size));
  // Growth to the large sizes: cold CLI time against the next smaller size of the same mix.
  const cold = results.runs.filter((r) => r.mix === mix).sort((a, b) => a.size - b.size);
  for (let i = 1; i < cold.length; i++) {
    if (cold[i].size <= 10000) continue;
    const [from, to] = [cold[i - 1], cold[i]];
    results.scale.push({ mix, from: from.size, to: to.size, fromMs: from.cold.medianMs, toMs: to.cold.medianMs, ratio: +(to.cold.medianMs / from.cold.medianMs).toFixed(2) });
  }
}
if (!skipKep) {
  const kep = benchKep({ root, benchDir, runs: runsOption !== undefined ? Number(runsOption) : 3, kepPath: parsed['kep-path'] && resolve(parsed['kep-path']) });
  results.kep = { ...kep, floor: keep(kep.floor), cli: keep(kep.cli) };
}
results.loadAfter = loadavg();

const markdown = `${renderHeader(results)}\n\n${renderTable(results)}\n`;
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(benchDir, 'results.md'), markdown);
console.log(`\n${markdown}\nwritten ${join(benchDir, 'results.json')} and results.md`);
