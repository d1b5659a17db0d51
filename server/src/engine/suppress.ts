import type { ParsedFile } from '../model/file.js';
import type { Finding } from '../model/finding.js';

/**
 * Applies the suppression comments of §6/§10.13 to one file's findings.
 * `syntax` findings can be suppressed only by `disable-file`.
 */
export function applySuppressions(file: ParsedFile, findings: Finding[]): Finding[] {
  if (!file.suppressions.length) return findings;
  const names = (c: { rules: { id: string }[] }, ruleId: string) => c.rules.length === 0 || c.rules.some((r) => r.id === ruleId);
  return findings.filter((finding) => {
    const line = file.lineMap.positionAt(finding.span.start).line;
    const syntax = finding.ruleId === 'syntax';
    let disabledByRange = false;
    for (const comment of file.suppressions) {
      if (comment.kind === 'file' && names(comment, finding.ruleId)) return false;
      if (syntax) continue;
      if (comment.kind === 'next-line' && comment.targetLine === line && names(comment, finding.ruleId)) return false;
      if (comment.span.start > finding.span.start) continue;
      // Later comments win: a `disable` turns matching rules off, an `enable` turns them (or all) back on.
      if (comment.kind === 'disable' && names(comment, finding.ruleId)) disabledByRange = true;
      else if (comment.kind === 'enable' && names(comment, finding.ruleId)) disabledByRange = false;
    }
    return !disabledByRange;
  });
}
