import { existsSync, readFileSync } from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import { parentDir, relativeInside } from './paths.js';

/** The patterns of one ignore file, which apply to its own folder (`base`) and below. */
export interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** Ignore layers from the outermost folder to the innermost: deeper files take precedence, as in git. */
export type IgnoreChain = readonly IgnoreLayer[];

export function ignoreLayer(base: string, text: string): IgnoreLayer {
  return { base, rules: ignore({ allowRelativePaths: false }).add(text) };
}

/**
 * Whether `.gitignore` files exclude `absolute` (§10.14). Asked from the innermost layer out: the
 * first that ignores or re-includes (`!pattern`) the path decides. Directories are asked with a
 * trailing slash so `build/` patterns match them.
 */
export function isIgnoredByChain(chain: IgnoreChain, absolute: string, isDirectory: boolean): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    const layer = chain[i]!;
    const rel = relativeInside(layer.base, absolute);
    if (!rel) continue;
    const verdict = layer.rules.test(isDirectory ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * The `.gitignore` files that apply to a folder: its own and its ancestors', up to the nearest
 * folder holding `.git` (a repository root) or the `ceiling` (the workspace root), whichever is
 * met first going up. Memoised per folder, so naming many files of one folder reads each file once.
 */
export class GitignoreChains {
  private readonly chains = new Map<string, IgnoreChain>();

  constructor(
    private readonly ceiling: string,
    /** Layers below every .gitignore (e.g. `--ignore-path`). */
    private readonly baseLayers: IgnoreChain = [],
  ) {}

  chainFor(dir: string): IgnoreChain {
    const known = this.chains.get(dir);
    if (known) return known;
    const parent = parentDir(dir);
    const stop = parent === dir || dir === this.ceiling || existsSync(`${dir}/.git`);
    const outer = stop ? this.baseLayers : this.chainFor(parent);
    const chain = withGitignoreOf(dir, outer);
    this.chains.set(dir, chain);
    return chain;
  }

  /** The chain for a child folder met while walking, whose directory listing shows whether it has a .gitignore. */
  childChain(dir: string, parentChain: IgnoreChain, hasGitignore: boolean): IgnoreChain {
    const chain = hasGitignore ? withGitignoreOf(dir, parentChain) : parentChain;
    this.chains.set(dir, chain);
    return chain;
  }
}

function withGitignoreOf(dir: string, outer: IgnoreChain): IgnoreChain {
  let text: string;
  try {
    text = readFileSync(`${dir}/.gitignore`, 'utf8');
  } catch {
    return outer;
  }
  return [...outer, ignoreLayer(dir, text)];
}
