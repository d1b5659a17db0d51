// Entry of the parsing worker bundle (dist/strategy-lint-parse-worker.cjs, --concurrency): reads
// and parses the files the main thread sends, in batches, and posts each parse encoded as the lint
// cache stores it (parseCodec), which the main thread decodes and indexes in load order.
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { encodeParse } from '../cache/parseCodec.js';
import { loadConfig } from '../config/load.js';
import { LintEngine } from '../engine/engine.js';
import { FileReadError, readTextFile } from '../files/read.js';
import { loadFolderConfig } from '../lsp/folderConfig.js';
import { parseFile } from '../parse/parseFile.js';
import type { ParsedRecord, ParseRequest, ParseResponse, WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
/**
 * For the test suite only: a file name on reaching which the worker dies, uncaught, as a crash would
 * (the tests of the CLI and the language server spawn a real process, and its environment is what
 * reaches its workers: a worker starts with a copy of the process's). Set by accident, it costs a
 * warning and the worker's share of the parsing, which the main thread then does, never a file.
 */
const crashOn = process.env.STRATEGY_LINT_TEST_WORKER_CRASH || undefined;
const { cascade } = setup.config.editorFolder
  ? loadFolderConfig(setup.config.start)
  : loadConfig({ ...(setup.config.explicitPath ? { explicitPath: setup.config.explicitPath } : {}), start: setup.config.start, overrides: setup.config.overrides });
// Only for the templates each file's config gives it; nothing is indexed here.
const engine = new LintEngine(cascade);
engine.expect(setup.files);

parentPort!.on('message', (request: ParseRequest) => {
  const records = request.files.map(parseOne);
  parentPort!.postMessage({ batch: request.batch, records } satisfies ParseResponse);
});

function parseOne(file: string): ParsedRecord {
  if (crashOn !== undefined && path.basename(file) === crashOn) throw new Error(`crashing on ${file}, as the test asked`);
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    if (error instanceof FileReadError) return { path: file, unreadable: error.reason };
    return { path: file, inProcess: true };
  }
  try {
    const { candidates, leftOut } = engine.readersOf(file);
    const parsed = parseFile(file, text, undefined, candidates, leftOut, setup.contentHashes ? undefined : '');
    const record = encodeParse(parsed);
    if (record === undefined) return { path: file, inProcess: true };
    const table = parsed.lineMap.table();
    return { path: file, record, hash: parsed.hash, templateKey: parsed.templateKey, lineStarts: table.starts, length: table.length };
  } catch {
    // The main thread parses it again and fails, or not, exactly as a run without workers would.
    return { path: file, inProcess: true };
  }
}
