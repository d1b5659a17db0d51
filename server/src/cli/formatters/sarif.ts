import type { Finding, Fix, Severity, TextEdit } from '../../model/finding.js';
import type { Span } from '../../model/span.js';
import { DOCS_BASE_URL } from '../../rules/rule.js';
import type { LineMap } from '../../text/lineMap.js';
import { joined, type ChunkedFormatter, type FormatContext } from '../results.js';
import { RULE_HELP } from '../../rules/generated/ruleHelp.js';
import { fingerprintsOf, lineMapsOf, locate, prettyArrayChunks, relativeToCwd, safeFix, sortedFindings, sortedSuppressed, toSlashes } from './shared.js';

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
export const sarifChunks: ChunkedFormatter = function* (results, context) {
  const lineMaps = lineMapsOf(results);
  const ruleIndex = new Map(context.rules.map((r, i) => [r.id, i]));
  const artifact = (file: string) => artifactLocation(file, context);
  const region = (file: string, span: Span) => regionOf(lineMaps.get(file), span);

  const toResult = (finding: Finding, fingerprint: string, suppressed = false) => {
    const index = ruleIndex.get(finding.ruleId);
    const fix = safeFix(finding);
    return {
      ruleId: finding.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(finding.file), region: region(finding.file, finding.span) } }],
      // Line-independent (entity and field): code scanning matches a moved finding to its earlier alert.
      partialFingerprints: { [FINGERPRINT]: fingerprint },
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
              ...ruleHelp(rule.id, rule.docsUrl),
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { fixable: rule.fixable || 'no' },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [invocation(context, artifact)],
        results: RESULTS,
      },
    ],
  };
  // The log around its results, then the results one file at a time, at the place RESULTS marks.
  const [head, tail] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS));
  yield head!;
  yield* prettyArrayChunks(
    results.map((r) => () => {
      const file = relativeToCwd(r.path, context.cwd) ?? toSlashes(r.path);
      const reported = sortedFindings(r);
      const accepted = sortedSuppressed(r);
      const prints = fingerprintsOf(r, [...reported, ...accepted], file);
      return [...reported.map((f, i) => toResult(f, prints[i]!)), ...accepted.map((f, i) => toResult(f, prints[reported.length + i]!, true))];
    }),
    RESULTS_INDENT,
  );
  yield `${tail!}\n`;
};

export const sarif = joined(sarifChunks);

/** Stands for the results in the log's skeleton (no file's text can produce it: JSON escapes its NUL). */
const RESULTS = '\u0000results\u0000';
/** The indentation of `"results": [` in the pretty-printed log (log → runs → the run). */
const RESULTS_INDENT = '      ';

/** The fingerprint's name and version: a change of how it is computed gets a new version. */
const FINGERPRINT = 'strategyLint/v1';

/** The run itself: whether it read everything, and which files it could not read or skipped (SARIF §3.20). */
function invocation(context: FormatContext, artifact: (file: string) => ArtifactLocation) {
  const notify = (level: 'error' | 'warning', descriptor: string) => (entry: { path: string; reason: string }) => ({
    level,
    descriptor: { id: descriptor },
    message: { text: `${relativeToCwd(entry.path, context.cwd) ?? entry.path}: ${entry.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifact(entry.path) } }],
  });
  const unreadable = context.unreadable ?? [];
  return {
    executionSuccessful: unreadable.length === 0,
    toolExecutionNotifications: [...unreadable.map(notify('error', 'unreadable-file')), ...(context.skipped ?? []).map(notify('warning', 'skipped-file'))],
  };
}

/** fullDescription and help from the rule's docs page (its "What it finds" and "Why it matters"). */
function ruleHelp(ruleId: string, docsUrl: string) {
  const page = RULE_HELP[ruleId];
  if (!page) return {};
  const plain = (markdown: string) => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '').replace(/\s*\n\s*/g, ' ').trim();
  const absolute = (markdown: string) => markdown.replace(/\]\((?!https?:|#)([^)]+)\)/g, (_, target: string) => `](${new URL(target, docsUrl).href})`);
  const firstParagraph = page.whatItFinds.split(/\n\s*\n/)[0] ?? page.summary;
  const markdown = `${page.summary}\n\n**What it finds.** ${page.whatItFinds}\n\n**Why it matters.** ${page.whyItMatters}\n\n[Rule page](${docsUrl})`;
  return {
    fullDescription: { text: plain(firstParagraph) },
    help: { text: `${plain(page.summary)} ${plain(page.whatItFinds)} Why it matters: ${plain(page.whyItMatters)} See ${docsUrl}`, markdown: absolute(markdown) },
  };
}

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
