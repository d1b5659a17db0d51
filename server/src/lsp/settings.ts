import { parseConcurrency, type Concurrency } from '../parallel/concurrency.js';

/**
 * Editor-side settings of the server (section `strategyLint` of the client's configuration, also
 * accepted in initializationOptions): how soon after a keystroke to re-check, and whether to
 * re-check on every change or only on save; how findings the
 * bulk suppressions file accepts are shown.
 */
export interface ServerSettings {
  debounceMs: number;
  run: 'onType' | 'onSave';
  /** Findings accepted by strategy-lint-suppressions.json: shown as hints, or not at all. */
  suppressedFindings: 'hint' | 'hide';
  /** Whether a folder's first scan starts from the lint cache the CLI wrote (`--cache`), when there is one. */
  cache: boolean;
  /** Where that cache is, as `--cache-location` relative to the folder's root ('': `.strategylintcache`). */
  cacheLocation: string;
  /**
   * The bulk suppressions file, as `--suppressions-location` relative to the folder's root ('':
   * `strategy-lint-suppressions.json` at the top of the folder's config cascade).
   */
  suppressionsLocation: string;
  /** How many worker threads parse a folder's files on its first scan, as `--concurrency` says it (`auto`: as the CLI picks). */
  concurrency: Concurrency;
}

export const DEFAULT_SETTINGS: ServerSettings = { debounceMs: 150, run: 'onType', suppressedFindings: 'hint', cache: true, cacheLocation: '', suppressionsLocation: '', concurrency: 'auto' };

/** Merges whatever the client sent over `base`, ignoring values of the wrong type. */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const result = { ...base };
  if (!raw || typeof raw !== 'object') return result;
  const value = raw as Record<string, unknown>;
  const debounce = value.debounceMs ?? value.debounce;
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) result.debounceMs = Math.min(debounce, 10_000);
  if (value.run === 'onType' || value.run === 'onSave') result.run = value.run;
  if (value.suppressedFindings === 'hint' || value.suppressedFindings === 'hide') result.suppressedFindings = value.suppressedFindings;
  if (typeof value.cache === 'boolean') result.cache = value.cache;
  if (typeof value.cacheLocation === 'string') result.cacheLocation = value.cacheLocation;
  if (typeof value.suppressionsLocation === 'string') result.suppressionsLocation = value.suppressionsLocation.trim();
  if (typeof value.concurrency === 'string' || typeof value.concurrency === 'number') result.concurrency = concurrencyOr(String(value.concurrency), result.concurrency);
  return result;
}

/** `--concurrency`'s values; anything else keeps what was set. */
function concurrencyOr(value: string, fallback: Concurrency): Concurrency {
  try {
    return parseConcurrency(value);
  } catch {
    return fallback;
  }
}
