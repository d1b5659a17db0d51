import type { Finding, Fix, Severity, TextEdit } from '../../model/finding.js';
import type { Span } from '../../model/span.js';
import { DOCS_BASE_URL } from '../../rules/rule.js';
import type { LineMap } from '../../text/lineMap.js';
import type { FormatContext, Formatter } from '../results.js';
import { lineMapsOf, locate, relativeToCwd, safeFix, sortedFindings, sortedSuppressed, toSlashes } from './shared.js';

const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** The project's home: the docs base URL without its `blob/main/docs/rules/` tail. */
const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');

type Region = { startLine: number; startColumn: number; endLine: number; endColumn: number } | { charOffset: number; charLength: number };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * SARIF 2.1.0 (SPEC §8) for GitHub code scanning and other SARIF viewers: one rule descriptor per
 * rule, file locations relative to the working directory (`%SRCROOT%`), safe fixes as `fixes`.
 */
export const sarif: Formatter = (results, context) => {
  const lineMaps = lineMapsOf(results);
  const ruleIndex = new Map(context.rules.map((r, i) => [r.id, i]));
  const artifact = (file: string) => artifactLocation(file, context);
  const region = (file: string, span: Span) => regionOf(lineMaps.get(file), span);

  const toResult = (finding: Finding, suppressed = false) => {
    const index = ruleIndex.get(finding.ruleId);
    const fix = safeFix(finding);
    return {
      ruleId: finding.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(finding.file), region: region(finding.file, finding.span) } }],
      ...(finding.related?.length
        ? {
            relatedLocations: finding.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: { artifactLocation: artifact(r.file), region: region(r.file, r.span) },
              message: { text: r.message },
            })),
          }
        : {}),
      ...(fix ? { fixes: [sarifFix(fix, artifact, region)] } : {}),
      // Accepted by the bulk suppressions file, which lives outside the source: kind "external".
      ...(suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `accepted in ${context.suppressionsFile ?? 'the suppressions file'}` }] } : {}),
    };
  };

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'strategy-lint',
            version: context.version,
            informationUri: INFORMATION_URI,
            rules: context.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { fixable: rule.fixable || 'no' },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) => [...sortedFindings(r).map((f) => toResult(f)), ...sortedSuppressed(r).map((f) => toResult(f, true))]),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function sarifFix(fix: Fix, artifact: (file: string) => ArtifactLocation, region: (file: string, span: Span) => Region) {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return {
    description: { text: fix.title },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifact(file),
      replacements: edits.map((e) => ({ deletedRegion: region(file, e), insertedContent: { text: e.newText } })),
    })),
  };
}

/** Line/column when the file's line map is known; else the offset form SARIF also allows. */
function regionOf(lineMap: LineMap | undefined, span: Span): Region {
  if (!lineMap) return { charOffset: span.start, charLength: span.end - span.start };
  const at = locate(lineMap, span);
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

function artifactLocation(file: string, context: FormatContext): ArtifactLocation {
  const relative = relativeToCwd(file, context.cwd);
  return relative === undefined ? { uri: fileUri(file) } : { uri: encodePath(relative), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const uri = fileUri(dir);
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** `file:///abs/path` for a POSIX or Windows (`C:/…`) absolute path. */
function fileUri(absolute: string): string {
  const slashed = toSlashes(absolute);
  const drive = /^[A-Za-z]:\//.exec(slashed);
  if (drive) return `file:///${slashed.slice(0, 2)}${encodePath(slashed.slice(2))}`;
  return `file://${encodePath(slashed)}`;
}

/** Percent-encodes each path segment (spaces, `#`, `?`, non-ASCII), keeping the separators. */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
