import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ResolvedConfig } from '../engine/config.js';
import { discoverFiles, type DiscoveryOptions } from '../files/discover.js';
import { ConfigFilter } from '../files/filter.js';
import { parentDir } from '../files/paths.js';
import { decodeUtf8 } from '../files/read.js';

/**
 * Which files of a workspace folder take part, decided by the CLI's discovery (include, ignore,
 * node_modules/.git, .gitignore files), so the editor and the CLI lint the same files.
 */
export function listFolderFiles(root: string, config: ResolvedConfig): string[] {
  return discoverFiles([root], discoveryOptions(root, config)).files;
}

/** Of `paths` (files that exist), those the folder's discovery would list. */
export function takingPart(root: string, config: ResolvedConfig, paths: readonly string[]): Set<string> {
  const filter = new ConfigFilter(config);
  const candidates = paths.filter((p) => filter.isIncluded(p, root) && existsSync(p));
  if (!candidates.length) return new Set();
  const options = discoveryOptions(root, config);
  try {
    return new Set(discoverFiles(candidates, options).files);
  } catch {
    // A file vanished between the check and the walk: decide one by one.
    const kept = new Set<string>();
    for (const p of candidates) {
      try {
        for (const f of discoverFiles([p], options).files) kept.add(f);
      } catch {
        /* gone */
      }
    }
    return kept;
  }
}

/**
 * As the CLI does for a run from the folder: .gitignore files count up to the repository root
 * around the folder (a folder inside a repository obeys the repository's .gitignore), else up to the folder.
 */
function discoveryOptions(root: string, config: ResolvedConfig): DiscoveryOptions {
  return { cwd: root, config, gitignoreCeiling: repositoryRoot(root) ?? root };
}

function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = parentDir(d)) {
    if (existsSync(`${d}/.git`)) return d;
    if (parentDir(d) === d) return undefined;
  }
}

/** A file's text as the CLI reads it (UTF-8, BOM kept); undefined when it cannot be read or is not UTF-8. */
export async function readTextFile(filePath: string): Promise<string | undefined> {
  try {
    return decodeUtf8(filePath, await readFile(filePath));
  } catch {
    return undefined;
  }
}
