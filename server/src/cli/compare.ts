import { existsSync } from 'node:fs';
import { suppressionKey } from '../engine/bulkSuppressions.js';
import { defaultConfig } from '../engine/config.js';
import { LintEngine } from '../engine/engine.js';
import { MissingPathError } from '../files/discover.js';
import { absolutePosix, displayPath } from '../files/paths.js';
import { buildReport } from '../report/build.js';
import { compareStrategies, type CompareSide } from '../report/compare.js';
import { renderCompareMarkdown } from '../report/compareMarkdown.js';
import { relativeToCwd } from './formatters/shared.js';
import type { ReportArgs } from './args.js';
import { EXIT } from './errors.js';
import { copyRevision } from './gitRevision.js';
import { writeOutputFile, type CliIO } from './run.js';
import { loadWorkspace, type LoadedWorkspace } from './workspace.js';

/**
 * `strategy-lint report --compare REF`: the same paths, config and date, read once from the work
 * tree and once from REF (copied out of git to a temporary folder), reported and linted both times,
 * and compared. Exit 0 unless a file could not be read (2); the delta informs, the lint run judges.
 */
export function runCompare(args: ReportArgs, ref: string, io: CliIO): number {
  const after = loadWorkspace(args);
  const revision = copyRevision(ref, after.cwd);
  let before: CompareSide;
  const home = process.cwd();
  try {
    // The copy stands for the repository: the same arguments, read from the copy's folder.
    process.chdir(revision.cwd);
    const config = args.config && !existsSync(absolutePosix(args.config, revision.cwd)) ? absolutePosix(args.config, after.cwd) : args.config;
    before = sideOf(loadBase({ ...args, ...(config ? { config } : {}) }));
  } finally {
    process.chdir(home);
    revision.dispose();
  }
  const model = compareStrategies(before, sideOf(after), { ref, commit: revision.commit });
  const output = args.format === 'json' ? JSON.stringify(model, null, 2) + '\n' : renderCompareMarkdown(model);
  if (args.outputFile) writeOutputFile(args.outputFile, output);
  else io.stdout(output);
  for (const entry of after.unreadable) io.stderr(`strategy-lint: ${displayPath(entry.path, after.cwd)}: ${entry.reason}\n`);
  return after.unreadable.length ? EXIT.fatal : EXIT.ok;
}

/** The base revision's workspace; one where the named paths did not exist yet is empty. */
function loadBase(args: ReportArgs): LoadedWorkspace | undefined {
  try {
    return loadWorkspace(args);
  } catch (error) {
    if (error instanceof MissingPathError) return undefined;
    throw error;
  }
}

function sideOf(workspace: LoadedWorkspace | undefined): CompareSide {
  if (!workspace) {
    return { report: buildReport(new LintEngine(defaultConfig(process.cwd()))), findings: [] };
  }
  const { engine, cwd } = workspace;
  const findings: CompareSide['findings'] = [];
  for (const path of workspace.reported) {
    const parsed = engine.getFile(path);
    if (!parsed) continue;
    const file = relativeToCwd(path, cwd) ?? path;
    for (const finding of engine.lint(path)) {
      findings.push({ finding, file, key: suppressionKey(parsed, finding), location: { file, line: parsed.lineMap.positionAt(finding.span.start).line + 1 } });
    }
  }
  return { report: buildReport(engine, { cwd }), findings };
}
