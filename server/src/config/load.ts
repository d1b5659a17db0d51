import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type ResolvedConfig } from '../engine/config.js';
import type { RuleSetting } from '../model/finding.js';
import { parseConfigText, type ConfigSettings } from './parse.js';
import { ConfigError } from './problems.js';
import { applyLayer, ConfigCascade, configFileIn, outermostConfigDir, withOverrides } from './cascade.js';

/** What the command line sets on top of the config file (§10.12: `--today` overrides `today`). */
export interface ConfigOverrides {
  today?: string;
  rules?: Record<string, RuleSetting>;
  /** `--preset NAME`, added to the config's `presets`. */
  presets?: string[];
}

/** Reads, parses and validates a config file; throws ConfigError (with line and column) when it is unusable. */
export function readConfigFile(configPath: string): ConfigSettings {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a config file' : (error as Error).message;
    throw new ConfigError(configPath, [{ message: `cannot read config: ${reason}`, start: 0, end: 0, line: 1, column: 1 }]);
  }
  const parsed = parseConfigText(configPath, text);
  if (!parsed.settings) throw new ConfigError(configPath, parsed.problems);
  return parsed.settings;
}

/**
 * Turns one file's validated settings into the engine's configuration (no cascade). Globs stay
 * relative to `root`.
 */
export function resolveConfig(settings: ConfigSettings, root: string, configPath: string | undefined, overrides: ConfigOverrides = {}): ResolvedConfig {
  const top = toPosix(root);
  const base = defaultConfig(top);
  return withOverrides(configPath ? applyLayer(base, { path: toPosix(configPath), dir: top, settings }, top) : base, overrides);
}

/** The configuration of a run: its workspace root and the settings of each file there (§10.12). */
export interface LoadedConfig {
  /** Absolute, '/'-separated: the folder whose taking-part files are all indexed. */
  root: string;
  cascade: ConfigCascade;
}

/**
 * §10.12: the workspace root is the folder of the outermost `.strategylint.*` at or above `start`
 * (one saying `root: true` ends the search upward), else `start`; every config from there down
 * cascades. `explicitPath` (`--config`) replaces the cascade: that file's settings govern every
 * file, its globs relative to the workspace root.
 */
export function loadConfig(options: { explicitPath?: string; start: string; overrides?: ConfigOverrides }): LoadedConfig {
  const read = memoised(readConfigFile);
  const root = outermostConfigDir(options.start, (file) => read(file).root === true) ?? options.start;
  if (options.explicitPath) {
    const explicit = path.resolve(options.explicitPath);
    return { root, cascade: ConfigCascade.single(resolveConfig(read(explicit), root, toPosix(explicit), options.overrides)) };
  }
  const reader = (dir: string) => {
    const file = configFileIn(dir);
    return file ? { path: file, dir, settings: read(file) } : undefined;
  };
  return { root, cascade: ConfigCascade.of(root, reader, options.overrides) };
}

function memoised<T>(f: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (!known.has(key)) known.set(key, f(key));
    return known.get(key)!;
  };
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
