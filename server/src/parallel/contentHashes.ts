import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startWorkersKeepingHeapPolicy } from '../cli/heap.js';
import type { DiagnosticsEncoding } from '../lsp/diagnosticsEncoding.js';
import type { HashBatch, HashSetup, StoredDiagnosticsSetup } from './hashProtocol.js';

/** The hashing worker's bundle, built beside the language server's (scripts/build.mjs). */
export const HASH_WORKER_BUNDLE = 'strategy-lint-hash-worker.cjs';

/** Hashes per message: a few milliseconds of the worker's reading, so the main thread seldom waits. */
const BATCH_SIZE = 64;

/**
 * The worker's young generation: it allocates little on its heap (file contents are buffers
 * outside it), so the smallest nursery V8 takes.
 */
const YOUNG_GENERATION_MB = 1;

/**
 * Content hashes of files (parse/contentHash.ts), worked out by a worker thread in the files' order
 * while the caller goes on: for the language server's start from the lint cache, where its own
 * thread restores the cached parse results meanwhile.
 */
export interface ContentHashes {
  /**
   * files[i]'s hash once the worker has it; null when the worker could not read the file, and
   * undefined when it has not got there yet, or stopped before (see `ended`).
   */
  at(i: number): string | null | undefined;
  /** The worker has stopped: hashes not yet at hand will not come (the caller reads those files). */
  readonly ended: boolean;
  /** Resolves when more hashes arrive or the worker stops. */
  next(): Promise<void>;
  /** Stops the worker (once every hash is taken, or the scan is cancelled). */
  stop(): void;
}

/** What else the worker does: read the lint cache's stored diagnostics (hashProtocol.ts). */
export interface HashOptions {
  stored?: StoredDiagnosticsSetup;
  /** Given files[at]'s stored diagnostics (undefined: it has no findings), before its hash is at hand. */
  onStored?: (at: number, encoding: DiagnosticsEncoding | undefined) => void;
  /** For tests: another bundle. */
  workerFile?: string;
}

/** Starts the hashing worker on `files`; resolves once it runs (undefined if it could not start). */
export async function hashInWorker(files: readonly string[], log: (message: string) => void, options: HashOptions = {}): Promise<ContentHashes | undefined> {
  const workerFile = options.workerFile ?? path.join(__dirname, HASH_WORKER_BUNDLE);
  const hashes: (string | null)[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const woken = () => {
    wake?.();
    wake = undefined;
  };
  let worker: Worker;
  try {
    [worker] = (await startWorkersKeepingHeapPolicy(1, YOUNG_GENERATION_MB, () => {
      const setup: HashSetup = { files, batchSize: BATCH_SIZE, ...(options.stored ? { stored: options.stored } : {}) };
      const started = new Worker(workerFile, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      started.on('message', (batch: HashBatch) => {
        for (const { at, encoded } of batch.stored ?? []) options.onStored?.(at, encoded && { digest: encoded.digest, json: () => encoded.json });
        for (const hash of batch.hashes) hashes.push(hash);
        if (hashes.length >= files.length) ended = true;
        woken();
      });
      // A worker that fails costs the files it did not hash, which the caller then reads itself.
      started.on('error', (error) => log(`the hashing worker stopped (${error.message}); the server's thread reads the files it had not hashed`));
      started.on('exit', () => {
        ended = true;
        woken();
      });
      return started;
    })) as [Worker];
  } catch (error) {
    log(`cannot start the hashing worker: ${(error as Error).message}`);
    return undefined;
  }
  return {
    at: (i) => hashes[i],
    get ended() {
      return ended;
    },
    next: () => (ended ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve))),
    stop: () => void worker.terminate(),
  };
}
