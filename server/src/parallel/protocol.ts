import type { ConfigOverrides } from '../config/load.js';

/**
 * What a parsing worker needs to build the parser configuration of the main thread: the same
 * config files, read again in the worker (a resolved config holds compiled templates, which do
 * not cross threads). Template identities are hashes of their specs, so the main thread finds
 * the templates a worker's parse names among its own.
 */
export interface ConfigSource {
  /** `--config FILE`, absolute. */
  explicitPath?: string;
  /** Where the search for the workspace's configs starts (§10.12). */
  start: string;
  overrides: ConfigOverrides;
  /**
   * The language server's reading of a workspace folder's configs (lsp/folderConfig.ts): `start` is
   * the folder, and an invalid config is skipped (its folder keeps the settings around it) where
   * the CLI stops with an error.
   */
  editorFolder?: true;
}

export interface WorkerSetup {
  config: ConfigSource;
  /** Every file of the run (LintEngine.expect): a sibling finds its main file among them. */
  files: readonly string[];
  /** False when the engine never asks a parse's content hash (a CLI run without --cache): the worker then leaves it out too. */
  contentHashes: boolean;
}

/** A batch of files to read and parse, by their index in the run's load order. */
export interface ParseRequest {
  batch: number;
  files: string[];
}

/** One file of a batch, as the worker left it. */
export type ParsedRecord =
  /** Parsed and encoded: the main thread decodes the record (parseCodec) with this frame. */
  | { path: string; record: string; hash: string; templateKey: string; lineStarts: Uint32Array; length: number }
  /** Not readable as text: reported as the in-process run would. */
  | { path: string; unreadable: string }
  /** The worker could not parse or encode it: the main thread parses it itself. */
  | { path: string; inProcess: true };

export interface ParseResponse {
  batch: number;
  records: ParsedRecord[];
}
