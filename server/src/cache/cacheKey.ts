import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ConfigCascade } from '../config/cascade.js';
import { VERSION } from '../cli/version.js';
import { RULE_IDS } from '../rules/ruleIds.js';
import { PARSE_WORDS } from './parseWords.js';

/** ESLint's `--cache-strategy`: how a file is known to be unchanged (its size and mtime, or its content hash). */
export type CacheStrategy = 'metadata' | 'content';
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ['metadata', 'content'];

/** `--cache-location`'s default, relative to the current folder (ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_LOCATION = '.strategylintcache';

/**
 * A hash of the sources, set by the bundler (scripts/build.mjs): a rebuilt tool with changed rules
 * and the same version number does not trust findings an older build cached.
 */
declare const STRATEGY_LINT_BUILD: string | undefined;
const BUILD = typeof STRATEGY_LINT_BUILD === 'string' ? STRATEGY_LINT_BUILD : 'unbundled';

/**
 * What cached results depend on besides the files themselves: the tool (version, build, rule set,
 * the serialiser's format and the words its parse records write as numbers), the configuration
 * (the workspace's resolved settings with `--rule` and `--today` applied, and every config file of
 * the cascade with what it says: rules, options, `today`, include/ignore, everything that reaches
 * the engine) and the cache strategy. Any difference makes the cache stale.
 */
export function cacheKey(cascade: ConfigCascade, strategy: CacheStrategy): string {
  const identity = {
    tool: VERSION,
    build: BUILD,
    v8: process.versions.v8,
    rules: RULE_IDS,
    words: PARSE_WORDS,
    strategy,
    config: canonical(cascade.root),
    layers: cascade.layers().map((layer) => ({ path: layer.path, settings: canonical(layer.settings) })),
  };
  return createHash('sha1').update(JSON.stringify(identity)).digest('base64');
}

/** Objects with their keys sorted, so that the same configuration always hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Where the cache lives (ESLint's rules): `--cache-location` relative to the current folder; a
 * folder (one that exists, or a path ending in a separator) holds a file named after the current
 * folder, so that several projects can share it.
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  const given = location ?? DEFAULT_CACHE_LOCATION;
  const absolute = path.resolve(cwd, given);
  if (/[\\/]$/.test(given) || isDirectory(absolute)) {
    const suffix = createHash('sha1').update(cwd).digest('hex').slice(0, 10);
    return path.join(absolute, `${DEFAULT_CACHE_LOCATION}_${suffix}`);
  }
  return absolute;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
