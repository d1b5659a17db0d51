import picomatch from 'picomatch';
import type { ResolvedConfig } from '../engine/config.js';
import { relativeInside } from './paths.js';

/** Folders never walked into, whatever the configuration says (§2). */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * The config's `include` and `ignore` globs (picomatch, relative to the config's folder; dotfiles
 * match like any other file). A path outside that folder is matched relative to the folder the
 * walk started from instead, so `strategy-lint ../other` still finds `**\/*.md` there.
 */
export class ConfigFilter {
  private readonly included: (rel: string) => boolean;
  private readonly ignored: ((rel: string) => boolean) | undefined;

  constructor(private readonly config: Pick<ResolvedConfig, 'root' | 'include' | 'ignore'>) {
    this.included = picomatch(config.include, { dot: true });
    this.ignored = config.ignore.length ? picomatch(config.ignore, { dot: true }) : undefined;
  }

  isIncluded(absolute: string, walkBase: string): boolean {
    const rel = relativeInside(this.config.root, absolute) ?? relativeInside(walkBase, absolute);
    return rel !== undefined && this.included(rel);
  }

  /** `ignore` patterns name files or folders: `archive/**`, `archive` and `archive/` all leave the folder out. */
  isIgnored(absolute: string, isDirectory: boolean): boolean {
    if (!this.ignored) return false;
    const rel = relativeInside(this.config.root, absolute);
    if (!rel) return false;
    return this.ignored(rel) || (isDirectory && this.ignored(`${rel}/`));
  }
}
