import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ConfigCascade } from '../config/cascade.js';
import { discoverFiles, type DiscoveryOptions } from '../files/discover.js';
import { ConfigFilter } from '../files/filter.js';
import { parentDir } from '../files/paths.js';
import { decodeUtf8 } from '../files/read.js';

/**
 * Which files of a workspace folder take part, decided by the CLI's discovery (include, ignore,
 * node_modules/.git, .gitignore files), so the editor and the CLI lint the same files.
 */
export function listFolderFiles(root: string, configs: ConfigCascade, log?: (message: string) => void): string[] {
  const found = discoverFiles([root], discoveryOptions(root, configs));
  // §10.15: links leading outside the folder are left out; the log says which.
  for (const skipped of found.skipped) log?.(`${skipped.path} not linted: ${skipped.reason}`);
  return found.files;
}

/**
 * Of `paths`, those the folder's discovery would list. A path with no file on disk yet (a buffer
 * the editor has not saved) is judged as the CLI judges a `--stdin-filename`.
 */
export function takingPart(root: string, configs: ConfigCascade, paths: readonly string[]): Set<string> {
  const kept = new Set<string>();
  const options = discoveryOptions(root, configs);
  for (const p of paths) {
    if (!new ConfigFilter(configs.configFor(p)).isIncluded(p, root)) continue;
    try {
      const found = existsSync(p) ? discoverFiles([p], options) : discoverFiles([], { ...options, virtualFile: p });
      for (const f of found.files) kept.add(f);
    } catch {
      // Vanished between the check and the walk: it does not take part.
    }
  }
  return kept;
}

/**
 * As the CLI does for a run from the folder: .gitignore files count up to the repository root
 * around the folder (a folder inside a repository obeys the repository's .gitignore), else up to the folder.
 */
function discoveryOptions(root: string, configs: ConfigCascade): DiscoveryOptions {
  return { cwd: root, configs, workspaceRoot: root, gitignoreCeiling: repositoryRoot(root) ?? root };
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
