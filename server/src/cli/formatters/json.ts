import type { Finding, Fix, Severity } from '../../model/finding.js';
import { chunkedOf, joined, type ChunkedFormatter, type FileResult, type PiecewiseFormatter } from '../results.js';
import { count, locate, safeFix, sortedFindings, sortedSuppressed } from './shared.js';

/** ESLint's numeric severities; 0 is ESLint's "off", used here for `info` (SPEC §8). */
const SEVERITY: Record<Severity, 0 | 1 | 2> = { error: 2, warning: 1, info: 0 };

interface EslintFix {
  range: [number, number];
  text: string;
}

interface EslintMessage {
  ruleId: string;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

/**
 * ESLint's `json` format (SPEC §8), so tools built for ESLint output (reviewdog, code review bots,
 * dashboards) read strategy-lint's too. Every linted file is listed, clean ones with no messages.
 */
export const jsonPieces: PiecewiseFormatter = {
  // A file's element reads nothing of the context: its path is absolute.
  pieceKey: () => 'json',
  piece: (result) => JSON.stringify(toEslintResult(result)),
  // JSON.stringify of the whole array, one element at a time: the same bytes.
  *report(pieces) {
    yield '[';
    let first = true;
    for (const piece of pieces) {
      yield first ? piece : `,${piece}`;
      first = false;
    }
    yield ']\n';
  },
};

export const jsonChunks: ChunkedFormatter = chunkedOf(jsonPieces);

export const json = joined(jsonChunks);

function toEslintResult(result: FileResult) {
  const findings = sortedFindings(result);
  const counts = count(findings);
  return {
    filePath: result.path,
    messages: findings.map((f) => toMessage(f, result)),
    // As ESLint marks findings accepted by its suppressions file.
    suppressedMessages: sortedSuppressed(result).map((f) => ({ ...toMessage(f, result), suppressions: [{ kind: 'file', justification: '' }] })),
    errorCount: counts.error,
    // ESLint's fatal errors are the files it could not parse: here, the syntax findings.
    fatalErrorCount: findings.filter((f) => f.ruleId === 'syntax' && f.severity === 'error').length,
    warningCount: counts.warning,
    fixableErrorCount: counts.fixableError,
    fixableWarningCount: counts.fixableWarning,
    infoCount: counts.info,
    fixableInfoCount: counts.fixableInfo,
    usedDeprecatedRules: [],
    // As ESLint: the fixed text, only when --fix (or --fix-dry-run) changed the file.
    ...(result.output !== undefined ? { output: result.output } : {}),
  };
}

function toMessage(finding: Finding, result: FileResult): EslintMessage {
  const message: EslintMessage = {
    ruleId: finding.ruleId,
    severity: SEVERITY[finding.severity],
    message: finding.message,
    ...locate(result.lineMap, finding.span),
  };
  const applied = safeFix(finding);
  const fix = applied && asEslintFix(applied, result.path);
  if (fix) message.fix = fix;
  const suggestions = (finding.fixes ?? [])
    .filter((f) => f !== applied)
    .flatMap((f) => {
      const suggestion = asEslintFix(f, result.path);
      return suggestion ? [{ desc: f.title, fix: suggestion }] : [];
    });
  if (suggestions.length) message.suggestions = suggestions;
  return message;
}

/** ESLint's fix shape holds one replacement in the file itself; fixes that edit more cannot be expressed. */
function asEslintFix(fix: Fix, filePath: string): EslintFix | undefined {
  const [edit] = fix.edits;
  if (fix.edits.length !== 1 || !edit || edit.file !== filePath) return undefined;
  return { range: [edit.start, edit.end], text: edit.newText };
}
