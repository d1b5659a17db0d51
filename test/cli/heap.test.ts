import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { capYoungGeneration, YOUNG_GENERATION_MB } from '../../server/src/cli/heap.js';
import { REPO_ROOT } from './cli.js';

const HEAP_MODULE = pathToFileURL(path.join(REPO_ROOT, 'out', 'server', 'src', 'cli', 'heap.js')).href;

/**
 * Runs `body` as an ES module in a fresh Node.js (V8's heap flags belong to the process), with
 * heap.ts's exports, `Worker` and `newSpace()` (the young generation's size in bytes) in scope;
 * returns what it printed.
 */
function inFreshNode(body: string): string {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { Worker } from 'node:worker_threads';
    const { capYoungGeneration, checkYoungGeneration, startWorkersKeepingHeapPolicy } = await import(${JSON.stringify(HEAP_MODULE)});
    const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    ${body}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/**
 * The largest size (MB) V8's young generation reaches in a fresh Node.js while it keeps a growing
 * share of what it allocates (as a scan builds its index), with or without the language server's cap.
 */
function youngGenerationPeakMb(cap: number | undefined, turns: 'yield' | 'check' = 'yield'): number {
  const printed = inFreshNode(`
    if (${cap ?? 0}) capYoungGeneration(${cap ?? 0});
    const kept = [];
    let peak = 0;
    for (let turn = 0; turn < 400; turn++) {
      for (let i = 0; i < 2000; i++) kept.push({ turn, i, list: [i, turn] });
      if (kept.length > 400000) kept.splice(0, 200000);
      peak = Math.max(peak, newSpace());
      if (${JSON.stringify(turns)} === 'yield') await new Promise((resolve) => setImmediate(resolve));
      else checkYoungGeneration();
    }
    process.stdout.write(String(peak / 1024 / 1024));
  `);
  return Number(printed);
}

/**
 * The young generations (MB) after a worker thread starts in a fresh Node.js whose main thread
 * capped its own at 8 MB: the main thread's largest while it then keeps allocating, and the
 * worker's once it allocated too. `started`: through startWorkersKeepingHeapPolicy (48 MB for the
 * worker, as a parsing worker's), or with `new Worker` alone.
 */
function youngGenerationsAcrossWorkerStart(started: 'kept' | 'plain'): { main: number; worker: number } {
  const worker = `
    const { getHeapSpaceStatistics } = require('node:v8');
    const { parentPort } = require('node:worker_threads');
    const kept = [];
    for (let i = 0; i < 3e6; i++) { kept.push({ i, list: [i] }); if (kept.length > 300000) kept.length = 0; }
    parentPort.postMessage(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
  `;
  const printed = inFreshNode(`
    const kept = [];
    const allocate = (turns) => { for (let turn = 0; turn < turns; turn++) { for (let i = 0; i < 2000; i++) kept.push({ turn, i, list: [i, turn] }); if (kept.length > 400000) kept.splice(0, 200000); checkYoungGeneration(); } };
    capYoungGeneration(8);
    allocate(100);
    const create = () => new Worker(${JSON.stringify(worker)}, { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    const [thread] = ${JSON.stringify(started)} === 'kept' ? await startWorkersKeepingHeapPolicy(1, 48, create) : [create()];
    const workerSize = new Promise((resolve) => thread.once('message', resolve));
    let main = 0;
    for (let round = 0; round < 40; round++) { allocate(10); main = Math.max(main, newSpace()); await new Promise((resolve) => setImmediate(resolve)); }
    process.stdout.write(JSON.stringify({ main: main / 2 ** 20, worker: (await workerSize) / 2 ** 20 }));
  `);
  return JSON.parse(printed);
}

describe('the young generation of a lint run and of the language server (cli/heap.ts)', () => {
  it('stops growing at the cap, where V8 alone lets it grow past it', () => {
    assert.ok(youngGenerationPeakMb(undefined) > 8, 'the workload grows the young generation past 8 MB without the cap');
    assert.ok(youngGenerationPeakMb(8) <= 8);
  });

  it('stops growing at the cap a lint run and the language server set', () => {
    assert.ok(youngGenerationPeakMb(undefined) > YOUNG_GENERATION_MB, `the workload grows the young generation past ${YOUNG_GENERATION_MB} MB without the cap`);
    assert.ok(youngGenerationPeakMb(YOUNG_GENERATION_MB) <= YOUNG_GENERATION_MB);
  });

  it('stops growing at the cap in work that never lets the event loop turn, checked as it goes', () => {
    assert.ok(youngGenerationPeakMb(8, 'check') <= 8);
  });

  it('keeps its cap after a worker thread starts (doubling once at most), the worker sized from the start', () => {
    // V8 puts the growth factor back when a worker's isolate is created: the cap alone does not hold.
    assert.ok(youngGenerationsAcrossWorkerStart('plain').main > 16, 'a worker started with new Worker alone lets the capped young generation grow to V8\'s maximum');
    // A collection in the turn right after the worker's creation can come before the flags are set
    // again (none in thirty starts when measured, but a busy machine may let one through): one doubling, never more (heap.ts).
    const kept = youngGenerationsAcrossWorkerStart('kept');
    assert.ok(kept.main <= 16, `the main thread's young generation grew to ${kept.main} MB`);
    assert.ok(kept.worker >= 16, `the worker's young generation stayed at ${kept.worker} MB`);
  });

  it('is left alone when the command line sizes it', () => {
    assert.equal(capYoungGeneration(8, ['--max-semi-space-size=16']), false);
    assert.equal(capYoungGeneration(8, ['--semi-space-growth-factor=4']), false);
  });
});
