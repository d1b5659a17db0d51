import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../rules/rule.js';
import type { LineMap } from '../text/lineMap.js';
import { count, emptyCounts, type Counts } from './formatters/shared.js';

/** One linted file as the output formatters see it. */
export interface FileResult {
  /** Absolute, '/'-separated path. */
  path: string;
  /** Path as shown to the user (relative to the current directory). */
  displayPath: string;
  findings: Finding[];
  /** Findings the bulk suppressions file accepts: not reported, only counted (json `suppressedMessages`, SARIF `suppressions`). */
  suppressed?: Finding[];
  lineMap: LineMap;
  /** Where in its file a finding is, line-independent (entity and field): the base of fingerprints. */
  keyOf?: (finding: Finding) => string;
  /** The file's text after --fix or --fix-dry-run, when they changed it. */
  output?: string;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** Meta of every rule (SARIF rule descriptors, docs links). */
  rules: readonly RuleMeta[];
  version: string;
  /** The bulk suppressions file as shown to the user, when the run read one. */
  suppressionsFile?: string;
  /** How many files the run checked (those declaring nothing included), when known. */
  filesChecked?: number;
  /** Files that could not be read (the run exits 2) or were named but skipped: SARIF tool execution notifications. */
  unreadable?: readonly { path: string; reason: string }[];
  skipped?: readonly { path: string; reason: string }[];
}

/** A formatter turns results into the text the CLI prints (or writes to --output-file). */
export type Formatter = (results: readonly FileResult[], context: FormatContext) => string;

/**
 * The same text in pieces, about one file's findings each, in order: the CLI writes each piece as
 * it comes, so a run with a hundred thousand findings never holds its whole report (nor every
 * finding's output objects) in memory at once. Joined, the pieces are the formatter's text.
 */
export type ChunkedFormatter = (results: readonly FileResult[], context: FormatContext) => Iterable<string>;

/** The whole text of a chunked formatter (tests, `--format` values used as a string). */
export function joined(chunked: ChunkedFormatter): Formatter {
  return (results, context) => {
    let text = '';
    for (const chunk of chunked(results, context)) text += chunk;
    return text;
  };
}

/** What a report says after its files (stylish's summary). */
export interface ReportSummary {
  /** The findings shown, by severity and fixable ones. */
  counts: Counts;
  /** How many findings the bulk suppressions file accepted (not shown). */
  suppressed: number;
  /** How many files the report lists. */
  files: number;
}

/**
 * A formatter whose report is one piece of text per file, each decided by that file's result and
 * `pieceKey` alone, with what surrounds them: the lint cache stores a file's piece beside its
 * findings, and a later run under the same key prints it as it is, without decoding the findings.
 */
export interface PiecewiseFormatter {
  /** What a piece depends on besides its file: the format, and the context it reads (the working directory, colour). */
  pieceKey(context: FormatContext): string;
  /** A file's piece of the report ('' when the format shows nothing of it). */
  piece(result: FileResult, context: FormatContext): string;
  /** The report: the files' pieces in order, with what surrounds them; `summary` is asked for once every piece is read. */
  report(pieces: Iterable<string>, summary: () => ReportSummary, context: FormatContext): Iterable<string>;
}

/** The chunked formatter of a piecewise one: each result's piece made here, its findings counted as it goes. */
export function chunkedOf(formatter: PiecewiseFormatter): ChunkedFormatter {
  return (results, context) => {
    const counts = emptyCounts();
    function* pieces(): Generator<string> {
      for (const result of results) {
        const text = formatter.piece(result, context);
        count(result.findings, counts);
        yield text;
      }
    }
    return formatter.report(pieces(), () => ({ counts, suppressed: suppressedIn(results), files: results.length }), context);
  };
}

/** How many findings the bulk suppressions file accepted in these results (a report's summary says so). */
export function suppressedIn(results: readonly FileResult[]): number {
  return results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
}
