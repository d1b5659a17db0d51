import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { discoverWorkspace, loadWorkspace } from '../../server/src/cli/workspace.js';
import { LintEngine } from '../../server/src/engine/engine.js';
import { AUTO_UNSAMPLED_FILES, loadInParallel, sampledStart, WORKER_BUNDLE, workerCountFor, type ParseSplit } from '../../server/src/parallel/parallelLoad.js';
import { contentHash } from '../../server/src/parse/contentHash.js';
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
    // sampleFirst: a few batches spread over the files are parsed in the main thread first, then the
    // workers start (always, at 0 ms) or not at all (never, past an hour in all or a minute a file).
    const sample = fc.constantFrom(undefined, { workersPayAfterMs: 0, workerPaysFromMsPerFile: 0 }, { workersPayAfterMs: 3_600_000 }, { workersPayAfterMs: 0, workerPaysFromMsPerFile: 60_000 });
    await fc.assert(
      fc.asyncProperty(fc.array(fileSpec, { minLength: 1, maxLength: NAMES.length }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), sample, async (specs, workers, batchSize, sampled) => {
        const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-parallel-'));
        try {
          writeFileSync(path.join(root, '.strategylint.yaml'), CONFIG);
          specs.forEach((spec, i) => writeFileSync(path.join(root, fileName(i, spec)), render(spec)));
          const serial = loadWorkspace({ paths: [root] });
          const found = discoverWorkspace({ paths: [root] });
          const engine = new LintEngine(found.cascade);
          let split: ParseSplit | undefined;
          const unreadable = await loadInParallel(found.files, engine, { workers, batchSize, ...(sampled ? { sampleFirst: true, ...sampled } : {}), config: found.configSource, workerFile: WORKER_FILE, warn: (m) => assert.fail(m), parsedWhere: (s) => (split = s) });
          assert.deepEqual(unreadable, []);
          // Every file parsed once, here or in a worker (a batch the main thread took back is not counted twice).
          assert.equal(split!.here + split!.inWorkers, found.files.length);
          assert.ok(split!.takenBack <= split!.here);
          assert.deepEqual([...engine.index.allFiles()].map((f) => f.path), [...serial.engine.index.allFiles()].map((f) => f.path), 'load order');
          assert.deepEqual([...engine.lintAll()], [...serial.engine.lintAll()]);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 12 },
    );
  });

  it("gives parses their content hash, from the workers too, only when the engine keeps hashes (--cache and the editor do; a run without --cache does not)", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'strategy-lint-parallel-'));
    try {
      writeFileSync(path.join(root, '.strategylint.yaml'), CONFIG);
      const texts = new Map<string, string>();
      for (let i = 0; i < 6; i++) {
        const file = path.join(root, `plan-${i}.strategy.yaml`);
        const text = `objectives:\n  - id: obj-${i}\n    title: Objective ${i}\n`;
        writeFileSync(file, text);
        texts.set(file.split(path.sep).join('/'), text);
      }
      const found = discoverWorkspace({ paths: [root] });
      for (const contentHashes of [true, false]) {
        const engine = new LintEngine(found.cascade, { contentHashes });
        await loadInParallel(found.files, engine, { workers: 1, batchSize: 1, config: found.configSource, workerFile: WORKER_FILE, warn: (m) => assert.fail(m) });
        const hashes = [...engine.index.allFiles()].map((f) => [f.path, f.hash]);
        assert.equal(hashes.length, 6);
        assert.deepEqual(hashes, hashes.map(([file]) => [file, contentHashes ? contentHash(texts.get(file!)!) : '']));
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('auto starts no worker on one core or below 256 files; else one fewer than the cores, one per 2,000 files, at most 4, only if a sample says so', () => {
    assert.equal(workerCountFor('auto', 10_000, 1), 0);
    assert.equal(workerCountFor('auto', 255, 8), 0);
    assert.equal(workerCountFor('auto', 256, 8), 1);
    assert.equal(workerCountFor('auto', 1_999, 8), 1);
    assert.equal(sampledStart('auto'), true);
    assert.equal(sampledStart(2), false);
    assert.equal(sampledStart('off'), false);
    assert.equal(workerCountFor('auto', 10_000, 2), 1);
    assert.equal(workerCountFor('auto', 5_000, 8), 2);
    assert.equal(workerCountFor('auto', 10_000, 8), 4);
    assert.equal(workerCountFor('auto', 10_000, 64), 4);
    assert.equal(workerCountFor('off', 10_000, 8), 0);
    assert.equal(workerCountFor(4, 10_000, 2), 4);
    // No more workers than batches of files (32 files each).
    assert.equal(workerCountFor(4, 40, 2), 2);
    assert.equal(workerCountFor(4, 20, 2), 1);
  });

  it('auto starts its worker without a sample from 20,000 files, where the main thread parses dearer as its heap grows', () => {
    assert.equal(sampledStart('auto', 10_000), true);
    assert.equal(sampledStart('auto', AUTO_UNSAMPLED_FILES - 1), true);
    assert.equal(sampledStart('auto', AUTO_UNSAMPLED_FILES), false);
    assert.equal(sampledStart('auto', 50_000), false);
    assert.equal(workerCountFor('auto', 50_000, 2), 1);
    // A number or off never samples, whatever the size.
    assert.equal(sampledStart(1, 50_000), false);
    assert.equal(sampledStart('off', 50_000), false);
  });
});
