import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { capYoungGeneration, LINT_YOUNG_GENERATION_MB, SERVER_YOUNG_GENERATION_MB } from '../../server/src/cli/heap.js';
import { REPO_ROOT } from './cli.js';

const HEAP_MODULE = pathToFileURL(path.join(REPO_ROOT, 'out', 'server', 'src', 'cli', 'heap.js')).href;

/**
 * The largest size (MB) V8's young generation reaches in a fresh Node.js while it keeps a growing
 * share of what it allocates (as a scan builds its index), with or without the language server's cap.
 */
function youngGenerationPeakMb(cap: number | undefined, turns: 'yield' | 'check' = 'yield'): number {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import { getHeapSpaceStatistics } from 'node:v8';
      const { capYoungGeneration, checkYoungGeneration } = await import(${JSON.stringify(HEAP_MODULE)});
      if (${cap ?? 0}) capYoungGeneration(${cap ?? 0});
      const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
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
      `,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout);
}

describe('the young generation of a lint run and of the language server (cli/heap.ts)', () => {
  it('stops growing at the cap, where V8 alone lets it grow past it', () => {
    assert.ok(youngGenerationPeakMb(undefined) > 8, 'the workload grows the young generation past 8 MB without the cap');
    assert.ok(youngGenerationPeakMb(8) <= 8);
  });

  it("stops growing at a lint run's cap, twice the language server's", () => {
    assert.equal(LINT_YOUNG_GENERATION_MB, 2 * SERVER_YOUNG_GENERATION_MB);
    assert.ok(youngGenerationPeakMb(undefined) > LINT_YOUNG_GENERATION_MB, 'the workload grows the young generation past 16 MB without the cap');
    assert.ok(youngGenerationPeakMb(LINT_YOUNG_GENERATION_MB) <= LINT_YOUNG_GENERATION_MB);
  });

  it('stops growing at the cap in work that never lets the event loop turn, checked as it goes', () => {
    assert.ok(youngGenerationPeakMb(8, 'check') <= 8);
  });

  it('is left alone when the command line sizes it', () => {
    assert.equal(capYoungGeneration(8, ['--max-semi-space-size=16']), false);
    assert.equal(capYoungGeneration(8, ['--semi-space-growth-factor=4']), false);
  });
});
