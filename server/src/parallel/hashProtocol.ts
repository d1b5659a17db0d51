import type { FileStamp } from '../cache/pinnedFile.js';

/** What the hashing worker (hashWorker.ts) is started with. */
export interface HashSetup {
  /** The files to hash, in the order their hashes are posted. */
  files: readonly string[];
  /** Hashes per message. */
  batchSize: number;
  /** The lint cache the server starts from, whose stored diagnostics the worker reads for it. */
  stored?: StoredDiagnosticsSetup;
}

/**
 * The lint cache file as the server's thread read it (the worker reads nothing from another file
 * written there since), and for each file whose stored diagnostics the server may send as stored:
 * the content hash they are for (null for the other files) and where their published form lies
 * (three numbers per file: offset, bytes, CRC-32; no bytes for a file with no findings).
 */
export interface StoredDiagnosticsSetup {
  location: string;
  stamp: FileStamp;
  hashes: (string | null)[];
  parts: Float64Array;
}

/** The next files' hashes, in order: null for a file the worker could not read. */
export interface HashBatch {
  hashes: (string | null)[];
  /** The stored diagnostics of the files of the batch whose content is the one the cache holds. */
  stored?: StoredDiagnostics[];
}

/** A file's stored diagnostics, by its place in `files`: their digest and JSON; none for a file with no findings. */
export interface StoredDiagnostics {
  at: number;
  encoded?: { digest: string; json: string };
}
