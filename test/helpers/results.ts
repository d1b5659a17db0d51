import type { FileResult, FormatContext } from '../../server/src/cli/results.js';
import type { Finding, Fix, RelatedLocation, Severity } from '../../server/src/model/finding.js';
import type { Span } from '../../server/src/model/span.js';
import { RULES } from '../../server/src/rules/registry.js';
import { LineMap } from '../../server/src/text/lineMap.js';

/** Working directory of formatter tests; result paths are under it. */
export const CWD = '/ws';

/** The span of the `occurrence`-th (0-based) `needle` in `text`; throws when absent so a typo fails loudly. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`'${needle}' #${occurrence} not in text`);
  }
  return { start: at, end: at + needle.length };
}

export interface FindingSpec {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The text the finding covers: `needle` or `[needle, occurrence]`. */
  at: string | [string, number];
  fixes?: Fix[];
  related?: RelatedLocation[];
}

/** A hand-made linted file at `${CWD}/${rel}`, as the CLI would pass it to a formatter. */
export function fileResult(rel: string, text: string, specs: FindingSpec[] = []): FileResult {
  const path = `${CWD}/${rel}`;
  const findings = specs.map((s): Finding => {
    const [needle, occurrence] = typeof s.at === 'string' ? [s.at, 0] : s.at;
    const finding: Finding = { ruleId: s.ruleId, severity: s.severity, message: s.message, file: path, span: spanOf(text, needle, occurrence) };
    if (s.fixes) finding.fixes = s.fixes;
    if (s.related) finding.related = s.related;
    return finding;
  });
  return { path, displayPath: rel, findings, lineMap: LineMap.of(text) };
}

/** A fix replacing `needle` in the file `rel` (text given) by `newText`. */
export function replaceFix(title: string, safe: boolean, rel: string, text: string, needle: string, newText: string): Fix {
  const span = spanOf(text, needle);
  return { title, safe, edits: [{ file: `${CWD}/${rel}`, start: span.start, end: span.end, newText }] };
}

export function formatContext(overrides: Partial<FormatContext> = {}): FormatContext {
  return { cwd: CWD, color: false, rules: RULES.map((r) => r.meta), version: '1.2.3', ...overrides };
}
