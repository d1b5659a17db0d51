import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyBulkSuppressions, type SuppressionCounts } from '../engine/bulkSuppressions.js';
import type { Finding } from '../model/finding.js';
import type { ParsedFile } from '../model/file.js';
import { absolutePosix } from '../files/paths.js';
import { parseSuppressions, SUPPRESSIONS_FILE_NAME, SuppressionsFileError } from '../files/suppressionsFile.js';

/**
 * A folder's bulk suppressions file: `location` (the `strategyLint.suppressionsLocation` setting, as
 * `--suppressions-location` typed in a run from the folder's root), else the file the CLI writes by
 * default at the workspace root (`top`: the top of the folder's config cascade).
 */
export function suppressionsFileOf(folderRoot: string, top: string, location: string): string {
  return location ? absolutePosix(location, folderRoot) : `${top}/${SUPPRESSIONS_FILE_NAME}`;
}

/**
 * Reads a folder's bulk suppressions file (none: nothing suppressed). A damaged file suppresses
 * nothing, and says why in the log: the editor then shows every finding, as a CLI run would refuse
 * to hide them.
 */
export async function loadFolderSuppressions(file: string, log: (message: string) => void): Promise<SuppressionCounts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return parseSuppressions(text, file);
  } catch (error) {
    if (!(error instanceof SuppressionsFileError)) throw error;
    log(`${error.message}: no finding is suppressed`);
    return {};
  }
}

/** Whether the suppressions at `root` name the file at all (only then does the split need its parse). */
export function namesFile(root: string, counts: SuppressionCounts, filePath: string): boolean {
  return entriesFor(root, counts, filePath) !== undefined;
}

/** The file's entries, by its path relative to `root`; an empty file (the usual case) works out no path. */
function entriesFor(root: string, counts: SuppressionCounts, filePath: string): { relative: string; entries: NonNullable<SuppressionCounts[string]> } | undefined {
  for (const _ in counts) {
    const relative = path.posix.relative(root, filePath);
    const entries = counts[relative];
    return entries ? { relative, entries } : undefined;
  }
  return undefined;
}

/** One file's findings split by the suppressions at `root` (the same split as the CLI's). */
export function splitBySuppressions(root: string, counts: SuppressionCounts, file: ParsedFile, findings: Finding[]): { kept: Finding[]; suppressed: Finding[] } {
  const named = entriesFor(root, counts, file.path);
  if (!named) return { kept: findings, suppressed: [] };
  const { kept, suppressed } = applyBulkSuppressions(file, findings, named.entries, named.relative);
  return { kept, suppressed };
}
