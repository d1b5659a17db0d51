import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, type ResolvedConfig } from '../engine/config.js';
import type { RuleSetting } from '../model/finding.js';
import { parseConfigText, type ConfigSettings } from './parse.js';
import { ConfigError } from './problems.js';
import { CONFIG_FILE_NAMES } from './schema.js';

/** What the command line sets on top of the config file (§10.12: `--today` overrides `today`). */
export interface ConfigOverrides {
  today?: string;
  rules?: Record<string, RuleSetting>;
}

/**
 * §10.12: the nearest `.strategylint.yaml|yml|json` in `startDir` or its ancestors. In one folder
 * `.yaml` wins over `.yml` over `.json`.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && isFile(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
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
 * Turns validated settings into the engine's configuration. Globs stay relative to `root`, the
 * config's folder (or the lint root when there is no config file).
 */
export function resolveConfig(settings: ConfigSettings, root: string, configPath: string | undefined, overrides: ConfigOverrides = {}): ResolvedConfig {
  const config = defaultConfig(toPosix(root));
  if (configPath) config.configPath = toPosix(configPath);
  if (settings.include) config.include = [...settings.include];
  if (settings.ignore) config.ignore = [...settings.ignore];
  if (settings.today) config.today = settings.today;
  if (settings['fiscal-year-start']) config.fiscalYearStart = settings['fiscal-year-start'];
  for (const [id, setting] of Object.entries(settings.rules ?? {})) {
    config.rules[id] = Array.isArray(setting) ? { severity: setting[0], options: { ...(setting[1] ?? {}) } } : { severity: setting, options: {} };
  }
  if (overrides.today) config.today = overrides.today;
  for (const [id, severity] of Object.entries(overrides.rules ?? {})) {
    config.rules[id] = { severity, options: config.rules[id]?.options ?? {} };
  }
  return config;
}

/** Finds (or takes `explicitPath`), reads and resolves the config that governs a run. */
export function loadConfig(options: { explicitPath?: string; searchFrom: string; fallbackRoot: string; overrides?: ConfigOverrides }): ResolvedConfig {
  const configPath = options.explicitPath ? path.resolve(options.explicitPath) : findConfigFile(options.searchFrom);
  if (!configPath) return resolveConfig({}, options.fallbackRoot, undefined, options.overrides);
  return resolveConfig(readConfigFile(configPath), path.dirname(configPath), configPath, options.overrides);
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
