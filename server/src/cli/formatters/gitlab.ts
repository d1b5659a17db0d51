import type { Severity } from '../../model/finding.js';
import { joined, type ChunkedFormatter } from '../results.js';
import { fingerprintsOf, locate, prettyArrayChunks, relativeToCwd, sortedFindings, toSlashes } from './shared.js';

/** GitLab's severities run info, minor, major, critical, blocker: errors rank above warnings (as ESLint's GitLab formatters do). */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * GitLab Code Quality (`artifacts: reports: codequality:`): one issue per finding, shown in the merge
 * request widget and the diff. Fingerprints follow the finding's entity and field, not its line, so
 * GitLab sees a finding that moved as the same one, and a new one as new.
 */
export const gitlabChunks: ChunkedFormatter = function* (results, context) {
  const issues = results.map((result) => () => {
    const file = relativeToCwd(result.path, context.cwd) ?? toSlashes(result.path);
    const findings = sortedFindings(result);
    const fingerprints = fingerprintsOf(result, findings, file);
    return findings.map((finding, i) => {
      const at = locate(result.lineMap, finding.span);
      return {
        type: 'issue',
        description: finding.message,
        check_name: finding.ruleId,
        fingerprint: fingerprints[i]!,
        severity: SEVERITY[finding.severity],
        location: { path: file, lines: { begin: at.line, end: at.endLine } },
      };
    });
  });
  // JSON.stringify(issues, null, 2), one file's issues at a time.
  yield* prettyArrayChunks(issues, '');
  yield '\n';
};

export const gitlab = joined(gitlabChunks);
