import type { Formatter } from '../results.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/** `--format` values (SPEC §8); the first is the default. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

const FORMATTERS: Record<FormatName, Formatter> = { stylish, json, sarif, github, gitlab, junit };

/**
 * The formatter for `--format NAME`, or undefined for an unknown name (a usage error, exit 2).
 * Each returns the complete text to write (ending in a newline, or empty): the CLI adds nothing.
 */
export function getFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(FORMATTERS, name) ? FORMATTERS[name as FormatName] : undefined;
}
