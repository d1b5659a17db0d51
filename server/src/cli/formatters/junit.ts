import type { Finding } from '../../model/finding.js';
import { joined, type ChunkedFormatter, type FileResult } from '../results.js';
import { locate, sortedFindings, toSlashes } from './shared.js';

/**
 * JUnit XML for CI test dashboards (Jenkins, GitLab, Azure DevOps): one test suite per file, one
 * test case per finding — failing for errors and warnings, passing (its message as system-out)
 * for info, which never fails a run — and one passing test case for a clean file so it still shows up.
 */
export const junitChunks: ChunkedFormatter = function* (results) {
  const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = results.reduce((n, r) => n + failing(r.findings), 0);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="strategy-lint" tests="${tests}" failures="${failures}" errors="0">\n`;
  for (const result of results) yield `${suite(result)}\n`;
  yield '</testsuites>\n';
};

export const junit = joined(junitChunks);

function suite(result: FileResult): string {
  const name = toSlashes(result.displayPath);
  const findings = sortedFindings(result);
  const header = `  <testsuite name="${attr(name)}" tests="${Math.max(1, findings.length)}" failures="${failing(findings)}" errors="0" skipped="0" time="0">`;
  const cases = findings.length
    ? findings.map((f) => testCase(f, result, name))
    : [`    <testcase name="strategy-lint" classname="${attr(name)}" file="${attr(name)}" time="0"/>`];
  return [header, ...cases, '  </testsuite>'].join('\n');
}

/** Info findings are reported, but they are no failures (they never change the exit code either). */
function failing(findings: readonly Finding[]): number {
  return findings.filter((f) => f.severity !== 'info').length;
}

function testCase(finding: Finding, result: FileResult, name: string): string {
  const at = locate(result.lineMap, finding.span);
  const where = `${at.line}:${at.column}`;
  const description = text(`${name}:${where}: ${finding.severity}: ${finding.message} (${finding.ruleId})`);
  return [
    `    <testcase name="${attr(`${finding.ruleId} (${where})`)}" classname="${attr(name)}" file="${attr(name)}" line="${at.line}" time="0">`,
    finding.severity === 'info'
      ? `      <system-out>${description}</system-out>`
      : `      <failure message="${attr(finding.message)}" type="${finding.severity}">${description}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values (always double-quoted) also escape `"`, and line breaks, which parsers would otherwise fold into spaces. */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
