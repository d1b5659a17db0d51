import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../model/finding.js';
import type { ParsedFile } from '../model/file.js';
import {
  applyBulkSuppressions,
  pruneSuppressions,
  recordSuppressions,
  totalSuppressions,
  unusedEntriesOf,
  type SuppressionCounts,
  type UnusedSuppression,
} from '../engine/bulkSuppressions.js';
import { writeFileAtomic } from '../fix/apply.js';
import { reasonOf } from '../files/errno.js';
import { absolutePosix, displayPath, parentDir, relativeInside } from '../files/paths.js';
import { parseSuppressions, serializeSuppressions, SUPPRESSIONS_FILE_NAME, SuppressionsFileError } from '../files/suppressionsFile.js';
import { CliError } from './errors.js';

/** What the suppression flags ask of a lint run. */
export interface SuppressionRequest {
  /** `--suppressions-location`, as typed. */
  location?: string;
  /** `--suppress-all`. */
  all: boolean;
  /** `--suppress-rule`, repeatable. */
  rules: string[];
  prune: boolean;
}

export interface SuppressionOutcome {
  /** Findings still reported, and those the file accepted, by file. */
  kept: Map<string, Finding[]>;
  suppressed: Map<string, Finding[]>;
  unused: UnusedSuppression[];
  /** The suppressions file as shown to the user. */
  displayPath: string;
  /** A sentence for stderr when the file was written. */
  written?: string;
}

/** The suppressions file of a run: `--suppressions-location`, else the default at the workspace root. */
export function suppressionsFileOf(request: SuppressionRequest, cwd: string, workspaceRoot: string): string {
  return request.location ? absolutePosix(request.location, cwd) : `${workspaceRoot}/${SUPPRESSIONS_FILE_NAME}`;
}

/**
 * Reads the suppressions file (default: `strategy-lint-suppressions.json` at the workspace root),
 * writes it when asked to (`--suppress-all`, `--suppress-rule`, `--prune-suppressions`), then splits
 * each reported file's findings into those still reported and those the file accepts.
 */
export function applySuppressionsFile(
  request: SuppressionRequest,
  context: { cwd: string; workspaceRoot: string; reported: readonly ParsedFile[]; findings: Pick<ReadonlyMap<string, Finding[]>, 'get'> },
): SuppressionOutcome {
  const location = suppressionsFileOf(request, context.cwd, context.workspaceRoot);
  const shown = displayPath(location, context.cwd);
  const base = parentDir(location);
  const relative = (file: string) => relativeInside(base, file) ?? path.posix.relative(base, file);
  let counts = readCounts(location, shown);
  const files = context.reported.map((file) => ({ file, relativePath: relative(file.path), findings: context.findings.get(file.path) ?? [] }));

  let written: string | undefined;
  const recording = request.all || request.rules.length > 0;
  if (recording) {
    counts = recordSuppressions(counts, files, request.all ? undefined : new Set(request.rules));
  }
  let unused = unusedOf(counts, files, base);
  if (request.prune) {
    const before = totalSuppressions(counts);
    counts = pruneSuppressions(counts, unused);
    unused = [];
    written = `removed ${before - totalSuppressions(counts)} unused suppressions from ${shown} (${totalSuppressions(counts)} left)`;
  } else if (recording) {
    written = `${shown} now suppresses ${totalSuppressions(counts)} findings`;
  }
  if (written !== undefined) writeCounts(location, shown, counts);

  const kept = new Map<string, Finding[]>();
  const suppressed = new Map<string, Finding[]>();
  for (const { file, relativePath, findings } of files) {
    const split = applyBulkSuppressions(file, findings, counts[relativePath], relativePath);
    kept.set(file.path, split.kept);
    if (split.suppressed.length) suppressed.set(file.path, split.suppressed);
  }
  return { kept, suppressed, unused, displayPath: shown, ...(written ? { written } : {}) };
}

/**
 * Entries nothing matched: of the files this run linted, and of files that no longer exist. Entries
 * of existing files the run did not lint (other paths) are left alone.
 */
function unusedOf(counts: SuppressionCounts, files: readonly { file: ParsedFile; relativePath: string; findings: readonly Finding[] }[], base: string): UnusedSuppression[] {
  const unused: UnusedSuppression[] = [];
  const linted = new Set(files.map((f) => f.relativePath));
  for (const { file, relativePath, findings } of files) unused.push(...applyBulkSuppressions(file, findings, counts[relativePath], relativePath).unused);
  for (const [relativePath, entries] of Object.entries(counts)) {
    if (!linted.has(relativePath) && !existsSync(path.posix.resolve(base, relativePath))) unused.push(...unusedEntriesOf(relativePath, entries));
  }
  return unused;
}

function readCounts(location: string, shown: string): SuppressionCounts {
  let text: string;
  try {
    text = readFileSync(location, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read the suppressions file ${shown}: ${reasonOf(error)}`);
  }
  try {
    return parseSuppressions(text, shown);
  } catch (error) {
    if (error instanceof SuppressionsFileError) throw new CliError(error.message);
    throw error;
  }
}

function writeCounts(location: string, shown: string, counts: SuppressionCounts): void {
  try {
    mkdirSync(parentDir(location), { recursive: true });
    writeFileAtomic(location, serializeSuppressions(counts));
  } catch (error) {
    throw new CliError(`cannot write the suppressions file ${shown}: ${reasonOf(error)}`);
  }
}

/** `strategy-lint: unused suppression …` lines for --report-unused-suppressions. */
export function describeUnused(unused: readonly UnusedSuppression[], shown: string): string[] {
  return unused.map((u) => `${shown}: unused suppression: ${u.file} › ${u.ruleId} › ${u.key}${u.count > 1 ? ` (${u.count} not matched)` : ''}; run with --prune-suppressions to remove it`);
}
