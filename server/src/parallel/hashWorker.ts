// Entry of the hashing worker bundle (dist/strategy-lint-hash-worker.cjs): reads the files it is
// given and posts the content hash of each, in batches, in their order, for a language server that
// starts a folder from the lint cache (parallel/contentHashes.ts): its own thread restores the
// cached parse results meanwhile instead of reading and hashing every file first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { contentHashOfBytes } from '../parse/contentHash.js';
import type { HashBatch, HashSetup } from './hashProtocol.js';

const { files, batchSize } = workerData as HashSetup;
/** For the test suite only, as the parsing worker's (parseWorker.ts): a file name on reaching which the worker dies. */
const crashOn = process.env.STRATEGY_LINT_TEST_WORKER_CRASH || undefined;
let hashes: (string | null)[] = [];
for (const file of files) {
  if (crashOn !== undefined && path.basename(file) === crashOn) throw new Error(`crashing on ${file}, as the test asked`);
  let hash: string | null;
  try {
    hash = contentHashOfBytes(readFileSync(file));
  } catch {
    // The main thread reads it itself, and says what a run without this worker would.
    hash = null;
  }
  hashes.push(hash);
  if (hashes.length === batchSize) {
    parentPort!.postMessage({ hashes } satisfies HashBatch);
    hashes = [];
  }
}
if (hashes.length) parentPort!.postMessage({ hashes } satisfies HashBatch);
