/** What the hashing worker (hashWorker.ts) is started with. */
export interface HashSetup {
  /** The files to hash, in the order their hashes are posted. */
  files: readonly string[];
  /** Hashes per message. */
  batchSize: number;
}

/** The next files' hashes, in order: null for a file the worker could not read. */
export interface HashBatch {
  hashes: (string | null)[];
}
