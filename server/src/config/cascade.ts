import { existsSync, statSync } from 'node:fs';
import { defaultConfig, type ResolvedConfig } from '../engine/config.js';
import { parentDir, relativeInside } from '../files/paths.js';
import type { ConfigOverrides } from './load.js';
import type { ConfigSettings } from './parse.js';
import { CONFIG_FILE_NAMES, isConfigFileName } from './schema.js';
import { resolveTemplates, templateGlobs } from '../templates/resolve.js';

/** One `.strategylint.*` file of a cascade: where it is and what it says. */
export interface ConfigLayer {
  /** Absolute, '/'-separated path of the config file. */
  path: string;
  /** Its folder: the files it governs lie below it, and its globs are relative to it. */
  dir: string;
  settings: ConfigSettings;
}

/**
 * Reads the config of one folder, if it has one. The CLI's reader throws a ConfigError on an
 * invalid file (exit 2); the language server's records the problems and returns undefined, so the
 * folder falls back to the settings above it.
 */
export type LayerReader = (dir: string) => ConfigLayer | undefined;

/**
 * The settings of every file of a workspace (SPEC §10.12): each `.strategylint.*` from `top` down
 * to a file's folder applies to it, a deeper one overriding the ones above —
 * - `today`, `fiscal-year-start`, `effort-unit`: the deepest that sets it wins;
 * - `rules`: merged by id; a bare severity keeps the options set above, `[severity, {…}]` replaces them;
 * - `include`: the deepest that sets it wins; `ignore`: every layer's patterns add up;
 *   both relative to their own file's folder (they are rewritten relative to `top`, the
 *   `root` of every resolved config, so a config in `docs/` saying `ignore: [old/**]` leaves out
 *   `docs/old/**` only).
 * `--today` and `--rule` (the overrides) apply last. With `--config FILE` the cascade is that one
 * file for every folder (`ConfigCascade.single`).
 *
 * `configFor(file)` returns the same object for every file of folders that share their settings,
 * so callers may memoise per resolved config (the engine keeps one rule list per config).
 */
export class ConfigCascade {
  private readonly byDir = new Map<string, ResolvedConfig>();
  private readonly layerByDir = new Map<string, ConfigLayer | undefined>();
  private readonly rootConfig: ResolvedConfig;

  private constructor(
    /** The outermost folder whose config counts; every resolved config's globs are relative to it. */
    readonly top: string,
    private readonly readLayer: LayerReader,
    private readonly overrides: ConfigOverrides,
    private readonly fixed?: ResolvedConfig,
  ) {
    this.rootConfig = fixed ?? this.configForDir(top);
  }

  /** The cascade of the `.strategylint.*` files found by `readLayer` from `top` down. */
  static of(top: string, readLayer: LayerReader, overrides: ConfigOverrides = {}): ConfigCascade {
    return new ConfigCascade(top, readLayer, overrides);
  }

  /** One configuration for every file (`--config`, in-memory tests, a single loose file). */
  static single(config: ResolvedConfig): ConfigCascade {
    return new ConfigCascade(config.root, () => undefined, {}, config);
  }

  /** The settings at the top of the cascade: those of the workspace as a whole (report, cross-file periods). */
  get root(): ResolvedConfig {
    return this.rootConfig;
  }

  /** The settings that govern `filePath` (a file's path; a folder's config governs the files below it). */
  configFor(filePath: string): ResolvedConfig {
    return this.configForDir(parentDir(filePath));
  }

  /** The settings that govern the files directly inside `dir`. */
  configForDir(dir: string): ResolvedConfig {
    if (this.fixed) return this.fixed;
    const known = this.byDir.get(dir);
    if (known) return known;
    if (dir !== this.top && relativeInside(this.top, dir) === undefined) return this.configForDir(this.top);
    const layer = this.layerOf(dir);
    let resolved: ResolvedConfig;
    if (dir === this.top) resolved = withOverrides(layer ? applyLayer(defaultConfig(this.top), layer, this.top) : defaultConfig(this.top), this.overrides);
    else {
      const above = this.configForDir(parentDir(dir));
      resolved = layer ? withOverrides(applyLayer(above, layer, this.top), this.overrides) : above;
    }
    this.byDir.set(dir, resolved);
    return resolved;
  }

  /** The config files read so far, outermost first (those of the folders `configFor` was asked about). */
  layers(): ConfigLayer[] {
    return [...this.layerByDir.values()].filter((l): l is ConfigLayer => l !== undefined).sort((a, b) => a.dir.length - b.dir.length);
  }

  /**
   * Told the names in a folder by a walk that listed it: a folder that holds no file named like a
   * config has no layer, found without looking for each name (configFileIn: three file-system
   * calls a folder, ~2,000 in a checkout of kubernetes/enhancements). A folder that does hold one
   * is read as before.
   */
  listed(dir: string, names: readonly string[]): void {
    if (this.fixed || this.layerByDir.has(dir)) return;
    if (!names.some(isConfigFileName)) this.layerByDir.set(dir, undefined);
  }

  private layerOf(dir: string): ConfigLayer | undefined {
    if (this.layerByDir.has(dir)) return this.layerByDir.get(dir);
    const layer = this.readLayer(dir);
    this.layerByDir.set(dir, layer);
    return layer;
  }
}

/** The config file of a folder, if it has one (`.yaml` over `.yml` over `.json`). */
export function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = `${dir === '/' ? '' : dir}/${name}`;
    if (existsSync(candidate) && isFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * §10.12: the folder of the outermost `.strategylint.*` at or above `start`, stopping at one that
 * says `root: true` (`isRoot` reads that setting), or undefined when there is none.
 */
export function outermostConfigDir(start: string, isRoot: (configPath: string) => boolean): string | undefined {
  let found: string | undefined;
  for (let dir = start; ; ) {
    const file = configFileIn(dir);
    if (file) {
      found = dir;
      if (isRoot(file)) return found;
    }
    const parent = parentDir(dir);
    if (parent === dir) return found;
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

/** `layer` applied on top of `above` (a fresh object; `above` is shared by other folders). */
export function applyLayer(above: ResolvedConfig, layer: ConfigLayer, top: string): ResolvedConfig {
  const { settings } = layer;
  const prefix = relativeInside(top, layer.dir) ?? '';
  const config: ResolvedConfig = { ...above, configPath: layer.path, include: [...above.include], ignore: [...above.ignore], rules: { ...above.rules } };
  if (settings.include) config.include = settings.include.map((g) => rebase(g, prefix));
  if (settings.ignore) config.ignore.push(...settings.ignore.map((g) => rebase(g, prefix)));
  if (settings.today) config.today = settings.today;
  if (settings['fiscal-year-start']) config.fiscalYearStart = settings['fiscal-year-start'];
  if (settings['effort-unit']) config.effortUnit = settings['effort-unit'];
  for (const [id, setting] of Object.entries(settings.rules ?? {})) {
    config.rules[id] = Array.isArray(setting) && setting.length > 1
      ? { severity: setting[0], options: { ...(setting[1] ?? {}) } }
      : { severity: Array.isArray(setting) ? setting[0] : setting, options: above.rules[id]?.options ?? {} };
  }
  // A layer's templates (and presets) add to those above, their globs relative to its folder.
  if (settings.templates?.length || settings.presets?.length) config.templates = [...above.templates, ...resolveTemplates(settings, layer.dir, [], layer.path)];
  return withTemplateFiles(config, top);
}

/** Templates add files of their own (SPEC §2): what they read is linted whatever `include` says. */
function withTemplateFiles(config: ResolvedConfig, top: string): ResolvedConfig {
  const extra = templateGlobs(config.templates, top).filter((g) => !config.include.includes(g));
  if (extra.length) config.include = [...config.include, ...extra];
  return config;
}

export function withOverrides(config: ResolvedConfig, overrides: ConfigOverrides): ResolvedConfig {
  if (!overrides.today && !overrides.rules && !overrides.presets?.length) return config;
  const out: ResolvedConfig = { ...config, rules: { ...config.rules } };
  // `--preset`: the preset's templates, relative to the workspace root, once (layers below inherit them).
  const missing = (overrides.presets ?? []).filter((name) => !config.templates.some((t) => t.origin === `preset:${name}`));
  if (missing.length) {
    out.templates = [...config.templates, ...resolveTemplates({ presets: missing }, config.root)];
    withTemplateFiles(out, config.root);
  }
  if (overrides.today) out.today = overrides.today;
  for (const [id, severity] of Object.entries(overrides.rules ?? {})) out.rules[id] = { severity, options: out.rules[id]?.options ?? {} };
  return out;
}

/** A glob relative to a subfolder (`prefix`, relative to the top), rewritten relative to the top. */
function rebase(glob: string, prefix: string): string {
  const negated = glob.startsWith('!');
  const body = (negated ? glob.slice(1) : glob).replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  return `${negated ? '!' : ''}${prefix ? `${prefix}/` : ''}${body}`;
}
