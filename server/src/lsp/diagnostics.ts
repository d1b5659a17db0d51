// Types only: the CLI renders diagnostics too when it writes the lint cache (cache/cacheFile.ts), without the server's library.
import type { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding, RelatedLocation, Severity } from '../model/finding.js';
import type { WorkspaceIndex } from '../index/workspaceIndex.js';
import { RULES_BY_ID } from '../rules/registry.js';
import { docsUrl } from '../rules/rule.js';
import type { LineMap } from '../text/lineMap.js';
import { pathToUri } from './uri.js';

export const SOURCE = 'strategy-lint';

/** DiagnosticSeverity's values (LSP 3.17): Error, Warning, Information, Hint. */
const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };
const HINT: DiagnosticSeverity = 4;

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function ruleDocsUrl(ruleId: string): string {
  return RULES_BY_ID.get(ruleId)?.meta.docsUrl ?? docsUrl(ruleId);
}

/** One finding as an LSP diagnostic (SPEC §6): source, rule id as code, docs link, related places. */
export function toDiagnostic(finding: Finding, lineMap: LineMap, index: WorkspaceIndex): Diagnostic {
  const diagnostic = bareDiagnostic(finding, lineMap);
  const related = finding.related?.length ? relatedInformation(finding, lineMap, index) : [];
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

/**
 * The same, for a finding read from the lint cache before the files are loaded: the related
 * places' line maps come from the cache too (`lineMapOf`).
 */
export function toDiagnosticWith(finding: Finding, lineMap: LineMap, lineMapOf: (path: string) => LineMap | undefined): Diagnostic {
  const diagnostic = bareDiagnostic(finding, lineMap);
  const related: DiagnosticRelatedInformation[] = [];
  for (const place of finding.related ?? []) {
    const map = place.file === finding.file ? lineMap : lineMapOf(place.file);
    if (map) related.push({ location: { uri: pathToUri(place.file), range: map.rangeOf(place.span) }, message: place.message });
  }
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

function bareDiagnostic(finding: Finding, lineMap: LineMap): Diagnostic {
  return {
    range: lineMap.rangeOf(finding.span),
    severity: toSeverity(finding.severity),
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
  };
}

/**
 * A finding the bulk suppressions file accepts, shown as a hint (setting `strategyLint.suppressedFindings`),
 * its message naming the file (`fileName`: strategy-lint-suppressions.json unless the settings say otherwise).
 */
export function toSuppressedDiagnostic(finding: Finding, lineMap: LineMap, index: WorkspaceIndex, fileName: string): Diagnostic {
  return asSuppressed(toDiagnostic(finding, lineMap, index), finding, fileName);
}

export function asSuppressed(diagnostic: Diagnostic, finding: Finding, fileName: string): Diagnostic {
  diagnostic.severity = HINT;
  diagnostic.message = `${finding.message} (suppressed in ${fileName})`;
  return diagnostic;
}

interface ConvertedRelated {
  /** The change log, and its count of changes, the conversion is known to be current for. */
  log: ChangeLog;
  count: number;
  /** Files the places are in: a change to any of them makes the conversion stale. */
  files: ReadonlySet<string>;
  info: DiagnosticRelatedInformation[];
}

/**
 * Converted related places by the finding's array. Rules may hand out the same array while what it
 * lists is unchanged (owner-load's thousands of initiatives): it is converted again only when one of
 * the files it points into has changed since, so re-checking an owners file costs the files edited,
 * not every location.
 */
const convertedRelated = new WeakMap<readonly RelatedLocation[], ConvertedRelated>();

function relatedInformation(finding: Finding, lineMap: LineMap, index: WorkspaceIndex): DiagnosticRelatedInformation[] {
  const places = finding.related!;
  const log = changeLog(index);
  const cached = convertedRelated.get(places);
  if (cached && cached.log === log && unchangedSince(log, cached.count, cached.files)) {
    cached.count = log.count;
    return cached.info;
  }
  const info: DiagnosticRelatedInformation[] = [];
  for (const place of places) {
    const map = place.file === finding.file ? lineMap : index.getFile(place.file)?.lineMap;
    if (map) info.push({ location: { uri: pathToUri(place.file), range: map.rangeOf(place.span) }, message: place.message });
  }
  convertedRelated.set(places, { log, count: log.count, files: new Set(places.map((p) => p.file)), info });
  return info;
}

/** The paths of the latest file changes of an index, and how many changes it has seen. */
interface ChangeLog {
  count: number;
  recent: string[];
}

const RECENT_CHANGES = 512;

/** Kept by index.maintain; a log rebuilt from scratch is a new object, so older conversions are not trusted. */
function changeLog(index: WorkspaceIndex): ChangeLog {
  return index.maintain<ChangeLog>(
    'lsp:changed-files',
    () => ({ count: 0, recent: [] }),
    (log, { before, after }) => {
      log.count++;
      log.recent.push((after ?? before)!.path);
      if (log.recent.length > 2 * RECENT_CHANGES) log.recent.splice(0, log.recent.length - RECENT_CHANGES);
    },
  );
}

function unchangedSince(log: ChangeLog, count: number, files: ReadonlySet<string>): boolean {
  const since = log.count - count;
  if (since > log.recent.length) return false;
  for (let i = log.recent.length - since; i < log.recent.length; i++) if (files.has(log.recent[i]!)) return false;
  return true;
}
