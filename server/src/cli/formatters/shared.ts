import { createHash } from 'node:crypto';
import type { Finding, Fix } from '../../model/finding.js';
import { tallyOf, type FindingTally } from '../../model/findingTally.js';
import type { Span } from '../../model/span.js';
import { compareFindings } from '../../engine/lintFile.js';
import type { LineMap } from '../../text/lineMap.js';
import type { FileResult } from '../results.js';

/** A range as the CLI formats show it: 1-based lines, 1-based UTF-16 columns, end exclusive (as ESLint). */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(lineMap: LineMap, span: Span): Location {
  const range = lineMap.rangeOf(span);
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** Findings in reading order (the engine already sorts; formatters must not depend on it). */
export function sortedFindings(result: FileResult): Finding[] {
  return [...result.findings].sort(compareFindings);
}

export function sortedSuppressed(result: FileResult): Finding[] {
  return [...(result.suppressed ?? [])].sort(compareFindings);
}

/** The fix `--fix` would apply for this finding: its first safe one. */
export function safeFix(finding: Finding): Fix | undefined {
  return finding.fixes?.find((f) => f.safe);
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
  fixableError: number;
  fixableWarning: number;
  fixableInfo: number;
}

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, info: 0, fixableError: 0, fixableWarning: 0, fixableInfo: 0 };
}

/** Adds findings to `counts`; a finding is fixable when `--fix` has a safe fix for it. */
export function count(findings: readonly Finding[], counts: Counts = emptyCounts()): Counts {
  return addTally(counts, tallyOf(findings));
}

/** Adds a tally of findings (model/findingTally.ts: the lint cache stores them) to `counts`. */
export function addTally(counts: Counts, tally: FindingTally): Counts {
  counts.error += tally.errors;
  counts.warning += tally.warnings;
  counts.info += tally.total - tally.errors - tally.warnings;
  counts.fixableError += tally.fixableErrors;
  counts.fixableWarning += tally.fixableWarnings;
  counts.fixableInfo += tally.fixableInfos;
  return counts;
}

/** Line maps of the reported files, to place related locations and fix edits that point elsewhere. */
export function lineMapsOf(results: readonly FileResult[]): Map<string, LineMap> {
  return new Map(results.map((r) => [r.path, r.lineMap]));
}

/**
 * `JSON.stringify(items, null, 2)` for an array nested where `indent` is its own indentation,
 * given as one producer per group of items (a file's findings), each called only when its turn
 * comes: the same text, written in pieces. Pretty-printed JSON holds no line break inside a
 * value, so an item is indented by indenting each of its lines.
 */
export function* prettyArrayChunks(groups: readonly (() => readonly unknown[])[], indent: string): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const group of groups) {
    let text = '';
    for (const item of group()) {
      text += `${first ? '[\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`;
      first = false;
    }
    if (text) yield text;
  }
  yield first ? '[]' : `\n${indent}]`;
}

/** `file` relative to `cwd` with '/' separators, or undefined when it lies outside `cwd`. */
export function relativeToCwd(file: string, cwd: string): string | undefined {
  const base = trimSlash(toSlashes(cwd));
  const target = toSlashes(file);
  if (target === base) return '';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const sameCase = process.platform === 'win32' ? target.toLowerCase().startsWith(prefix.toLowerCase()) : target.startsWith(prefix);
  return sameCase ? target.slice(prefix.length) : undefined;
}

export function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A stable id per finding (GitLab `fingerprint`, SARIF `partialFingerprints`): its rule, its file and
 * where in the file it is (entity and field; the line only when the run gave no such key), plus its
 * rank among findings with the same rule and place. Text moved around it keeps it the same.
 */
export function fingerprintsOf(result: FileResult, findings: readonly Finding[], file: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const where = result.keyOf ? result.keyOf(finding) : `line ${locate(result.lineMap, finding.span).line}`;
    const base = `${finding.ruleId}\0${file}\0${where}`;
    const rank = seen.get(base) ?? 0;
    seen.set(base, rank + 1);
    return createHash('sha256').update(`${base}\0${rank}`).digest('hex').slice(0, 32);
  });
}

/**
 * Control characters (C0 but tab and line breaks, DEL, C1) and bidirectional overrides in text
 * that came from a file, made visible as `\u001b`: an ANSI escape or a cursor movement in a
 * value must never reach the terminal (or a CI log) as a command.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
