import { closeSync, existsSync, mkdirSync, openSync, readSync, realpathSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import { RULES } from '../rules/registry.js';
import { fixUntilStable, writeFileAtomic } from '../fix/apply.js';
import { displayPath, relativeInside, toPosix } from '../files/paths.js';
import type { SkippedPath } from '../files/discover.js';
import { cacheFilePath } from '../cache/cacheKey.js';
import { deleteCacheFile } from '../cache/cacheFile.js';
import { lintWithCache, type FindingsByFile, type LintedFiles, type ReportPieces } from './cachedLint.js';
import { tallyOf, type FindingTally } from '../model/findingTally.js';
import { checkYoungGeneration, limitHeapGrowth, limitHeapGrowthToParse } from './heap.js';
import { reasonOf } from '../files/errno.js';
import type { LintArgs } from './args.js';
import { unifiedDiff } from './diff.js';
import { EXIT, CliError } from './errors.js';
import { getChunkedFormatter, getPiecewiseFormatter } from './formatters/index.js';
import { suppressedIn, type FileResult, type FormatContext, type PiecewiseFormatter } from './results.js';
import { addTally, emptyCounts } from './formatters/shared.js';
import { VERSION } from './version.js';
import { suppressionKey } from '../engine/bulkSuppressions.js';
import { applySuppressionsFile, describeUnused, suppressionsFileOf, type SuppressionOutcome } from './suppressions.js';
import { listRules, printConfig } from './explain.js';
import { plural } from './formatters/shared.js';
import { isInteractive, Progress } from './progress.js';
import { formatMs, PhaseClock, renderStats } from './stats.js';
import { discoverWorkspace, loadWorkspaceConcurrently, parseInParallel, type LoadedWorkspace, type WorkspaceRequest } from './workspace.js';
import type { ParseSplit } from '../parallel/parallelLoad.js';

/** Where the CLI writes; the real process streams, or buffers in tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The whole of stdin (read only for --stdin). */
  readStdin(): Buffer;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  /** Progress and the file count are drawn only on a terminal. */
  stderrIsTTY: boolean;
}

/** A warning on stderr, in the CLI's own words (a run goes on after it). */
export function warnOn(io: Pick<CliIO, 'stderr'>): (message: string) => void {
  return (message) => io.stderr(`strategy-lint: warning: ${message}\n`);
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: readAllStdin,
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

/**
 * ESLint's rules: the cache serves plain lint runs; --fix and stdin lint from the files themselves.
 * Such a run holds its heap down (cli/heap.ts) only once it parses in bulk.
 */
function servedByCache(args: { cache: boolean; fix: boolean; fixDryRun: boolean; stdin: boolean }): boolean {
  return args.cache && !args.fix && !args.fixDryRun && !args.stdin;
}

/**
 * `strategy-lint [options] [paths...]` (SPEC §8): find and read the files, lint them all once,
 * apply or preview safe fixes, print the findings in the chosen format, and return the exit code.
 */
export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  const formatter = getChunkedFormatter(args.format);
  if (!formatter) throw new CliError(`unknown format "${args.format}"`);
  if (args.printConfig !== undefined) return printConfig(args, args.printConfig, io);
  if (args.listRules) return listRules(args, io, useColor(args, io));
  const fixing = args.fix || args.fixDryRun;
  const servedFromCache = servedByCache(args);
  const clock = new PhaseClock();
  const progress = new Progress(io);
  const request: WorkspaceRequest = {
    ...args,
    rules: args.rules,
    keepTexts: fixing,
    ...(args.stdin ? { stdinText: io.readStdin } : {}),
    onDiscovered: (fileCount) => {
      clock.lap('discover');
      // Before the first file is read; a run the cache serves decides below.
      if (!servedFromCache) limitHeapGrowthToParse(fileCount);
    },
    onFileLoaded: (done, total) => {
      progress.update('reading', done, total);
      // A load in this thread alone never lets the young generation's observer run (heap.ts).
      if (done % 64 === 0) checkYoungGeneration();
    },
  };
  const cwd = toPosix(process.cwd());
  const warn = warnOn(io);
  const suppression = { ...(args.suppressionsLocation ? { location: args.suppressionsLocation } : {}), all: args.suppressAll, rules: args.suppressRules, prune: args.pruneSuppressions };
  const color = useColor(args, io);
  const context: FormatContext = { cwd, color, rules: RULES.map((r) => r.meta), version: VERSION };
  const piecewise = getPiecewiseFormatter(args.format);
  let linted: LintedWorkspace;
  // Where the files were parsed, when worker threads could start (--stats).
  let parsing: ParseSplit | undefined;
  const parsedWhere = (split: ParseSplit) => (parsing = split);
  if (servedFromCache) {
    const found = discoverWorkspace(request);
    // The cache stores the report's pieces when this run prints every finding as it is.
    const pieces = piecewise && !args.quiet && !suppressionsInPlay(suppression, suppressionsFileOf(suppression, cwd, found.root)) ? reportPieces(piecewise, context) : undefined;
    // A first --cache run (no cache file yet) parses every file: in worker threads too, as a run without --cache does.
    const fromCache = existsSync(cacheFilePath(args.cacheLocation, found.cwd));
    if (!fromCache) limitHeapGrowthToParse(found.files.length);
    const first = fromCache ? undefined : await parseInParallel(found, request, { concurrency: args.concurrency, warn, parsedWhere });
    const cached = lintWithCache(found, { ...(args.cacheLocation ? { location: args.cacheLocation } : {}), strategy: args.cacheStrategy, warn, parsingInBulk: limitHeapGrowth, ...(first ? { loaded: first.engine } : {}), ...(pieces ? { pieces } : {}) });
    linted = { ...cached, root: found.root, skipped: found.skipped };
    clock.lap('cache, read, parse and lint');
  } else {
    // Without --cache a cache left by an earlier run is deleted (ESLint does the same), so that it cannot be trusted later by mistake.
    if (!args.cache && !args.stdin) deleteCacheFile(cacheFilePath(args.cacheLocation, cwd));
    linted = await lintEverything(request, args, io, clock, progress, parsedWhere);
  }
  for (const skipped of linted.skipped) warn(`${displayPath(skipped.path, cwd)} not linted: ${skipped.reason}`);

  const suppressionsFile = suppressionsFileOf(suppression, cwd, linted.root);
  // Without a suppressions file, or a flag that writes one, there is nothing to split (nor a parse result to read it with).
  const bulk: Omit<SuppressionOutcome, 'kept'> & { kept: FindingsByFile } =
    suppressionsInPlay(suppression, suppressionsFile)
      ? applySuppressionsFile(suppression, { cwd, workspaceRoot: linted.root, reported: linted.reported.flatMap((f) => linted.parsed(f) ?? []), findings: linted.findings })
      : { kept: linted.findings, suppressed: new Map<string, Finding[]>(), unused: [], displayPath: displayPath(suppressionsFile, cwd) };
  if (bulk.written) io.stderr(`strategy-lint: ${bulk.written}\n`);
  clock.lap('suppressions');

  const results: FileResult[] = [];
  // The findings shown, counted from each file's tally (what a report's summary says).
  const shownCounts = emptyCounts();
  let takingPart = 0;
  const kept = bulk.kept;
  // Findings the cache holds are decoded at each `get` (FindingsByFile): counted from the tally
  // stored with them (any others are counted here), and read by the formatters as they print each
  // file, so that they are never all in memory. A formatter that asks for a file's findings twice
  // in a row (stylish) gets the same list.
  let last: { file: string; findings: Finding[] } | undefined;
  const findingsOf = (file: string): Finding[] => {
    if (last?.file !== file) {
      const list = kept.get(file) ?? [];
      last = { file, findings: args.quiet ? list.filter(isError) : list };
    }
    return last.findings;
  };
  for (const file of linted.reported) {
    const view = linted.view(file);
    if (!view) continue;
    if (view.participates) takingPart++;
    let suppressed: Finding[] = bulk.suppressed.get(file) ?? [];
    if (args.quiet) suppressed = suppressed.filter(isError);
    const tally = kept.storedTally?.(file) ?? tallyOf(kept.get(file) ?? []);
    const shown = args.quiet ? errorsOnly(tally) : tally;
    // Markdown that declares nothing is not part of the strategy: it is left out of the report (§2).
    if (!view.participates && shown.total === 0 && file !== linted.stdinPath) continue;
    addTally(shownCounts, shown);
    results.push({
      path: file,
      displayPath: displayPath(file, cwd),
      get findings() {
        return findingsOf(file);
      },
      suppressed,
      lineMap: view.lineMap,
      keyOf: (f) => suppressionKey(linted.parsed(file)!, f),
      ...(linted.fixedTexts?.has(file) ? { output: linted.fixedTexts.get(file)! } : {}),
    });
  }

  const errors = shownCounts.error;
  const warnings = shownCounts.warning;
  const reportedCount = shownCounts.error + shownCounts.warning + shownCounts.info;
  const reportContext = { ...context, suppressionsFile: bulk.displayPath, filesChecked: linted.reported.length, unreadable: linted.unreadable, skipped: linted.skipped };
  const suppressedCount = suppressedIn(results);
  const printed = { asStored: 0 };
  // Written as it is formatted, a file at a time: the report is never one string in memory. A
  // piecewise format prints the pieces the cache stored for findings that stand as they are.
  const output = piecewise
    ? piecewise.report(piecesOf(results, piecewise, reportContext, linted.storedPiece, printed), () => ({ counts: shownCounts, suppressed: suppressedCount, files: results.length }), reportContext)
    : formatter(results, reportContext);
  if (args.outputFile) writeOutputFile(args.outputFile, output);
  else for (const text of batched(output)) io.stdout(text);
  for (const extra of args.outputs) writeOutputFile(extra.path, getChunkedFormatter(extra.format)!(results, { ...reportContext, color: false }), `--format ${extra.format}:${extra.path}`);
  clock.lap('output');

  const counts = {
    read: linted.fileCount,
    linted: linted.reported.length,
    takingPart,
    skipped: linted.skipped,
    unreadable: linted.unreadable,
    findings: reportedCount,
    suppressed: suppressedCount,
    ...(linted.stats.cache !== 'none' ? { cache: { ...linted.stats, printed: printed.asStored } } : {}),
    ...(parsing ? { parsing } : {}),
  };
  if (args.stats) io.stderr(renderStats(counts, clock, (p) => displayPath(p, cwd)));
  // A person at a terminal sees what was looked at; CI logs and pipes stay as they were.
  else if (isInteractive(io)) io.stderr(`strategy-lint: ${plural(counts.linted, 'file')} linted (${counts.takingPart} taking part) in ${formatMs(clock.totalMs())}\n`);

  for (const entry of linted.unreadable) io.stderr(`strategy-lint: ${displayPath(entry.path, cwd)}: ${entry.reason}\n`);
  if (args.reportUnusedSuppressions) for (const line of describeUnused(bulk.unused, bulk.displayPath)) io.stderr(`strategy-lint: ${line}\n`);
  if (linted.unreadable.length) return EXIT.fatal;
  if (errors > 0) return EXIT.problems;
  if (args.reportUnusedSuppressions && bulk.unused.length) return EXIT.problems;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr(`strategy-lint: too many warnings (${warnings}); at most ${args.maxWarnings} allowed by --max-warnings\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

/** Whether a bulk suppressions file splits this run's findings (it exists, or a flag writes it). */
function suppressionsInPlay(suppression: { all: boolean; rules: readonly string[]; prune: boolean }, file: string): boolean {
  return suppression.all || suppression.rules.length > 0 || suppression.prune || existsSync(file);
}

/** What the lint cache needs to store a piecewise format's pieces: a reported file as run.ts makes its result (nothing suppressed). */
function reportPieces(formatter: PiecewiseFormatter, context: FormatContext): ReportPieces {
  return {
    pieceKey: formatter.pieceKey(context),
    render: (file, findings, lineMap) => formatter.piece({ path: file, displayPath: displayPath(file, context.cwd), findings: [...findings], suppressed: [], lineMap }, context),
  };
}

/** Each result's piece of the report: the one the cache stored, when it stands; else made now. */
function* piecesOf(results: readonly FileResult[], formatter: PiecewiseFormatter, context: FormatContext, stored: ((file: string) => string | undefined) | undefined, printed: { asStored: number }): Generator<string> {
  for (const result of results) {
    const piece = stored?.(result.path);
    if (piece !== undefined) printed.asStored++;
    yield piece ?? formatter.piece(result, context);
  }
}

/** A tally of errors alone (--quiet shows nothing else). */
function errorsOnly(tally: FindingTally): FindingTally {
  return { total: tally.errors, errors: tally.errors, warnings: 0, fixableErrors: tally.fixableErrors, fixableWarnings: 0, fixableInfos: 0 };
}

/** Lints the named files one by one (others were loaded only so references resolve), showing progress. */
function lintEach(files: readonly string[], engine: LoadedWorkspace['engine'], progress: Progress): Map<string, Finding[]> {
  const findings = new Map<string, Finding[]>();
  files.forEach((file, i) => {
    findings.set(file, engine.lint(file));
    progress.update('linting', i + 1, files.length);
  });
  return findings;
}

/** A lint run's results, from the cache or not, with what the run found about its paths. */
type LintedWorkspace = LintedFiles & { root: string; skipped: SkippedPath[]; stdinPath?: string; fixedTexts?: Map<string, string> };

/** A run without the cache: read and parse everything, lint once, apply or preview the safe fixes. */
async function lintEverything(request: WorkspaceRequest, args: LintArgs, io: CliIO, clock: PhaseClock, progress: Progress, parsedWhere: (split: ParseSplit) => void): Promise<LintedWorkspace> {
  const workspace = await loadWorkspaceConcurrently(request, { concurrency: args.concurrency, warn: warnOn(io), parsedWhere });
  clock.lap('read and parse');
  const { engine, cwd } = workspace;
  // One lint of everything, unless other files were loaded only to resolve references.
  const findings = workspace.contextOnly ? lintEach(workspace.reported, engine, progress) : engine.lintAll();
  progress.done();
  clock.lap('lint');
  const fixedTexts = new Map<string, string>();
  if (args.fix || args.fixDryRun) {
    // Only the files this run reports on may change (with --stdin: the stdin text alone).
    const owned = new Map(workspace.reported.map((f) => [f, workspace.texts.get(f)!]));
    const before = new Map(owned);
    const changed = fixUntilStable(engine, owned, findings);
    for (const file of workspace.reported) {
      if (!changed.has(file)) continue;
      fixedTexts.set(file, owned.get(file)!);
      if (args.fix) writeFixed(file, owned.get(file)!, cwd, workspace.root);
      else io.stdout(unifiedDiff(displayPath(file, cwd), before.get(file)!, owned.get(file)!));
    }
    clock.lap('fix');
  }
  return {
    reported: workspace.reported,
    findings,
    view: (file) => engine.getFile(file),
    parsed: (file) => engine.getFile(file),
    fileCount: engine.index.fileCount,
    root: workspace.root,
    unreadable: workspace.unreadable,
    skipped: workspace.skipped,
    ...(workspace.stdinPath ? { stdinPath: workspace.stdinPath } : {}),
    stats: { parsed: engine.index.fileCount, linted: findings.size, rechecked: 0, moved: 0, cache: 'none' },
    fixedTexts,
  };
}

/**
 * All of stdin, synchronously. readFileSync(0) fails with EAGAIN when stdin is a non-blocking pipe
 * (some CI runners and editors hand one over): read in chunks and wait briefly instead.
 */
function readAllStdin(): Buffer {
  const chunks: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

/** --color / --no-color win; then NO_COLOR (any non-empty value) and FORCE_COLOR; else colour on a terminal only. */
export function useColor(args: { color?: boolean; outputFile?: string }, io: CliIO): boolean {
  if (args.color !== undefined) return args.color;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false') return true;
  return !args.outputFile && io.stdoutIsTTY;
}

/** §10.15: --fix writes only inside the workspace (discovery never lists a file outside it; this makes sure). */
function writeFixed(file: string, text: string, cwd: string, root: string): void {
  if (!isInsideReally(file, root)) throw new CliError(`will not write the fixes to ${displayPath(file, cwd)}: it lies outside the workspace ${displayPath(root, cwd)}`);
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    throw new CliError(`cannot write the fixes to ${displayPath(file, cwd)}: ${reasonOf(error)}`);
  }
}

function isInsideReally(file: string, root: string): boolean {
  try {
    return relativeInside(toPosix(realpathSync(root)), toPosix(realpathSync(file))) !== undefined;
  } catch {
    return false;
  }
}

/** Writes a report, given whole or in pieces (a chunked formatter's), creating the folders it needs. */
export function writeOutputFile(outputFile: string, text: string | Iterable<string>, flag = `--output-file ${outputFile}`): void {
  const target = path.resolve(outputFile);
  let fd: number | undefined;
  try {
    makeFolders(path.dirname(target));
    fd = openSync(target, 'w');
    // Encoded into one buffer, reused: a buffer per batch stays outside the heap until a collection
    // frees it, and printing a report the cache stored allocates too little to prompt one.
    let buffer = Buffer.allocUnsafe(0);
    for (const piece of batched(typeof text === 'string' ? [text] : text)) {
      const bytes = Buffer.byteLength(piece);
      if (bytes > buffer.length) buffer = Buffer.allocUnsafe(Math.max(bytes, 3 * BATCH_LENGTH));
      buffer.write(piece, 0, 'utf8');
      writeAll(fd, buffer.subarray(0, bytes));
    }
  } catch (error) {
    // The file system's refusals are the user's to fix; anything else is a bug, reported as one.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new CliError(`cannot write ${flag}: ${reasonOf(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** As writeFileSync does: a write may take only part of the bytes (a pipe named as the file). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

/** About a megabyte at a time: a write per file of a large run would cost more than formatting it. */
const BATCH_LENGTH = 1 << 20;

/** Pieces of text joined into batches of about BATCH_LENGTH characters, empty pieces dropped. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH_LENGTH) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * Creates `dir` and its missing parents one at a time. mkdirSync's `recursive` loops for ever
 * where a parent cannot hold folders (under /proc): here the first refusal is the error.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    let isDir: boolean;
    try {
      isDir = statSync(d).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(d) === d) throw error;
      missing.unshift(d);
      continue;
    }
    if (!isDir) throw Object.assign(new Error(`${d} is a file`), { code: 'ENOTDIR' });
    break;
  }
  for (const d of missing) mkdirSync(d);
}

function isError(finding: Finding): boolean {
  return finding.severity === 'error';
}
