import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { discoverWorkspace, loadWorkspace } from '../../server/src/cli/workspace.js';
import { LintEngine } from '../../server/src/engine/engine.js';
import { loadInParallel, WORKER_BUNDLE, workerCountFor } from '../../server/src/parallel/parallelLoad.js';
import { fileName, fileSpec, NAMES, render } from '../helpers/strategyArbitraries.js';

/** The built worker (npm run build), as the CLI starts it. */
const WORKER_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist', WORKER_BUNDLE);

const CONFIG = `today: 2027-02-01
rules:
  focus-limit: [warning, { max: 1 }]
  owner-load: [warning, { capacity: 1 }]
`;

describe('loadInParallel', () => {
  before(function () {
    if (!existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run npm run build first`);
  });

  it('indexes and lints random workspaces exactly as loading them one by one does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fileSpec, { minLength: 1, maxLength: NAMES.length }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), async (specs, workers, batchSize) => {
        const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-parallel-'));
        try {
          writeFileSync(path.join(root, '.strategylint.yaml'), CONFIG);
          specs.forEach((spec, i) => writeFileSync(path.join(root, fileName(i, spec)), render(spec)));
          const serial = loadWorkspace({ paths: [root] });
          const found = discoverWorkspace({ paths: [root] });
          const engine = new LintEngine(found.cascade);
          const unreadable = await loadInParallel(found.files, engine, { workers, batchSize, config: found.configSource, workerFile: WORKER_FILE, warn: (m) => assert.fail(m) });
          assert.deepEqual(unreadable, []);
          assert.deepEqual([...engine.index.allFiles()].map((f) => f.path), [...serial.engine.index.allFiles()].map((f) => f.path), 'load order');
          assert.deepEqual([...engine.lintAll()], [...serial.engine.lintAll()]);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });

  it('auto starts no worker on one core or for a small workspace; else one fewer than the cores, one per 2,000 files, at most 4', () => {
    assert.equal(workerCountFor('auto', 10_000, 1), 0);
    assert.equal(workerCountFor('auto', 1_999, 8), 0);
    assert.equal(workerCountFor('auto', 10_000, 2), 1);
    assert.equal(workerCountFor('auto', 5_000, 8), 2);
    assert.equal(workerCountFor('auto', 10_000, 8), 4);
    assert.equal(workerCountFor('auto', 10_000, 64), 4);
    assert.equal(workerCountFor('off', 10_000, 8), 0);
    assert.equal(workerCountFor(4, 10_000, 2), 4);
    // No more workers than batches the main thread would not parse itself.
    assert.equal(workerCountFor(4, 40, 2), 1);
  });
});
