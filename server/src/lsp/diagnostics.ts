import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { Finding, RelatedLocation, Severity } from '../model/finding.js';
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
  const related = finding.related?.length ? relatedInformation(finding, lineMap, index) : [];
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

interface ConvertedRelated {
  /** The line map each place was converted with (undefined: its file is gone). */
  maps: (LineMap | undefined)[];
  info: DiagnosticRelatedInformation[];
}

/**
 * Converted related places by the finding's array. Rules may hand out the same array while what it
 * lists is unchanged (owner-load's thousands of initiatives): it is converted again only when a
 * place's file has a new line map, so re-checking an owners file does not rebuild every location.
 */
const convertedRelated = new WeakMap<readonly RelatedLocation[], ConvertedRelated>();

function relatedInformation(finding: Finding, lineMap: LineMap, index: WorkspaceIndex): DiagnosticRelatedInformation[] {
  const places = finding.related!;
  const mapOf = (place: RelatedLocation) => (place.file === finding.file ? lineMap : index.getFile(place.file)?.lineMap);
  const cached = convertedRelated.get(places);
  if (cached && places.every((place, i) => mapOf(place) === cached.maps[i])) return cached.info;
  const maps = places.map(mapOf);
  const info: DiagnosticRelatedInformation[] = [];
  places.forEach((place, i) => {
    const map = maps[i];
    if (map) info.push({ location: { uri: pathToUri(place.file), range: map.rangeOf(place.span) }, message: place.message });
  });
  convertedRelated.set(places, { maps, info });
  return info;
}
