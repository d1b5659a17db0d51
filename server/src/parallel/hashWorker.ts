// Entry of the hashing worker bundle (dist/strategy-lint-hash-worker.cjs): reads the files it is
// given and posts the content hash of each, in batches, in their order, for a language server that
// starts a folder from the lint cache (parallel/contentHashes.ts): its own thread restores the
// cached parse results meanwhile instead of reading and hashing every file first. With the cache
// (`stored`), it also posts the stored diagnostics of each file whose content is the one they are
// for: the server's thread sends them as they come, without reading the cache for them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PinnedFile, type Part } from '../cache/pinnedFile.js';
import { readPublishedForm } from '../cache/publishedFormText.js';
import { contentHashOfBytes } from '../parse/contentHash.js';
import type { HashBatch, HashSetup, StoredDiagnostics } from './hashProtocol.js';

const { files, batchSize, stored } = workerData as HashSetup;
/** For the test suite only, as the parsing worker's (parseWorker.ts): a file name on reaching which the worker dies. */
const crashOn = process.env.STRATEGY_LINT_TEST_WORKER_CRASH || undefined;
// Not the file the server read (written since): no diagnostics from here, the server lints what it did not show.
const cache = stored && PinnedFile.open(stored.location, stored.stamp);
let hashes: (string | null)[] = [];
let published: StoredDiagnostics[] = [];
files.forEach((file, at) => {
  if (crashOn !== undefined && path.basename(file) === crashOn) throw new Error(`crashing on ${file}, as the test asked`);
  let hash: string | null;
  try {
    hash = contentHashOfBytes(readFileSync(file));
  } catch {
    // The main thread reads it itself, and says what a run without this worker would.
    hash = null;
  }
  hashes.push(hash);
  if (cache && hash !== null && hash === stored!.hashes[at]) {
    const found = storedDiagnostics(at);
    if (found) published.push(found);
  }
  // Closed before the last hash goes out: the server ends this thread once it has every hash.
  if (at === files.length - 1) cache?.close();
  if (hashes.length === batchSize) post();
});
if (hashes.length) post();

/** File `at`'s stored diagnostics; undefined when their bytes are damaged (the server lints the file). */
function storedDiagnostics(at: number): StoredDiagnostics | undefined {
  const part: Part = [stored!.parts[3 * at]!, stored!.parts[3 * at + 1]!, stored!.parts[3 * at + 2]!];
  if (part[1] === 0) return { at };
  const bytes = cache!.read(part);
  const form = bytes && readPublishedForm(bytes.toString('utf8'));
  return form && { at, encoded: { digest: form.digest, json: form.json() } };
}

function post(): void {
  parentPort!.postMessage((published.length ? { hashes, stored: published } : { hashes }) satisfies HashBatch);
  hashes = [];
  published = [];
}
