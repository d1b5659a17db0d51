import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { RULES_BY_ID } from '../rules/registry.js';
import { docsUrl } from '../rules/rule.js';
import type { LineMap } from '../text/lineMap.js';
import { pathToUri } from './uri.js';

export const SOURCE = 'strategy-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function ruleDocsUrl(ruleId: string): string {
  return RULES_BY_ID.get(ruleId)?.meta.docsUrl ?? docsUrl(ruleId);
}

/** One finding as an LSP diagnostic (SPEC §6): source, rule id as code, docs link, related places. */
export function toDiagnostic(finding: Finding, lineMap: LineMap, index: WorkspaceIndex): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lineMap.rangeOf(finding.span),
    severity: toSeverity(finding.severity),
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
  };
  const related: DiagnosticRelatedInformation[] = [];
  for (const place of finding.related ?? []) {
    const map = place.file === finding.file ? lineMap : index.getFile(place.file)?.lineMap;
    if (!map) continue;
    related.push({ location: { uri: pathToUri(place.file), range: map.rangeOf(place.span) }, message: place.message });
  }
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}
