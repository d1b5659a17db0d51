import { joined, type ChunkedFormatter, type Formatter, type PiecewiseFormatter } from '../results.js';
import { githubChunks, githubPieces } from './github.js';
import { gitlabChunks } from './gitlab.js';
import { jsonChunks, jsonPieces } from './json.js';
import { junitChunks } from './junit.js';
import { sarifChunks } from './sarif.js';
import { stylishChunks, stylishPieces } from './stylish.js';

/** `--format` values (SPEC §8); the first is the default. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

const FORMATTERS: Record<FormatName, ChunkedFormatter> = { stylish: stylishChunks, json: jsonChunks, sarif: sarifChunks, github: githubChunks, gitlab: gitlabChunks, junit: junitChunks };

/**
 * The formatter for `--format NAME`, or undefined for an unknown name (a usage error, exit 2).
 * Each gives the complete text to write (ending in a newline, or empty): the CLI adds nothing.
 */
export function getFormatter(name: string): Formatter | undefined {
  const chunked = getChunkedFormatter(name);
  return chunked && joined(chunked);
}

/** The same text in pieces, one file at a time (what the CLI writes as it goes). */
export function getChunkedFormatter(name: string): ChunkedFormatter | undefined {
  return Object.hasOwn(FORMATTERS, name) ? FORMATTERS[name as FormatName] : undefined;
}

/**
 * The formats whose report is a piece per file (PiecewiseFormatter), which the lint cache can store.
 * SARIF's and GitLab's fingerprints read each file's parse result, and JUnit's totals come before its files: not those.
 */
const PIECEWISE: Partial<Record<FormatName, PiecewiseFormatter>> = { stylish: stylishPieces, json: jsonPieces, github: githubPieces };

/** The piecewise form of `--format NAME`, for the formats that have one. */
export function getPiecewiseFormatter(name: string): PiecewiseFormatter | undefined {
  return Object.hasOwn(PIECEWISE, name) ? PIECEWISE[name as FormatName] : undefined;
}
