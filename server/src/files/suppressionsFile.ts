import type { SuppressionCounts } from '../engine/bulkSuppressions.js';

/** Default name of the bulk suppressions file, at the workspace root (as ESLint's `eslint-suppressions.json`). */
export const SUPPRESSIONS_FILE_NAME = 'strategy-lint-suppressions.json';

/** A suppressions file that is not the JSON strategy-lint writes: a usage error (exit 2), never ignored. */
export class SuppressionsFileError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}; regenerate it with --suppress-all, or fix it by hand`);
    this.name = 'SuppressionsFileError';
  }
}

/** Reads `{ "file": { "rule-id": { "key": count } } }`, checking every level. */
export function parseSuppressions(text: string, file: string): SuppressionCounts {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new SuppressionsFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new SuppressionsFileError(file, 'expected an object of file paths');
  const counts: SuppressionCounts = {};
  for (const [path, rules] of Object.entries(value)) {
    if (!isObject(rules)) throw new SuppressionsFileError(file, `"${path}" should map rule ids to entries`);
    counts[path] = {};
    for (const [ruleId, keys] of Object.entries(rules)) {
      if (!isObject(keys)) throw new SuppressionsFileError(file, `"${path}" › "${ruleId}" should map entity ids to counts`);
      const entries: Record<string, number> = {};
      for (const [key, n] of Object.entries(keys)) {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new SuppressionsFileError(file, `"${path}" › "${ruleId}" › "${key}" should be a count (a whole number of 1 or more)`);
        entries[key] = n;
      }
      counts[path][ruleId] = entries;
    }
  }
  return counts;
}

/** Keys sorted at every level, two-space indent, a final newline: stable diffs in review. */
export function serializeSuppressions(counts: SuppressionCounts): string {
  const sorted = (record: object): object => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, typeof v === 'object' ? sorted(v as object) : v]));
  return `${JSON.stringify(sorted(counts), null, 2)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
