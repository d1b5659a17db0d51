import { readFile } from 'node:fs/promises';
import type { ResolvedConfig } from '../engine/config.js';
import { resolveConfig } from '../config/load.js';
import { parseConfigText } from '../config/parse.js';
import type { ConfigProblem } from '../config/problems.js';
import { CONFIG_FILE_NAMES } from '../config/schema.js';

/** A workspace folder's configuration (§10.12: the folder's own root config, not an ancestor's). */
export interface FolderConfig {
  config: ResolvedConfig;
  /** The root config file, when there is one (even an invalid one). */
  configPath?: string;
  /** Its text: the server says "using defaults" once per distinct invalid text. */
  configText?: string;
  /** Problems of an invalid config; the folder then runs on the defaults. */
  problems: ConfigProblem[];
}

export function isConfigFileName(name: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** Reads `.strategylint.yaml|yml|json` at `root` (that order wins, as in the CLI), falling back to defaults when invalid. */
export async function loadFolderConfig(root: string): Promise<FolderConfig> {
  for (const name of CONFIG_FILE_NAMES) {
    const configPath = `${root}/${name}`;
    let text: string;
    try {
      text = await readFile(configPath, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseConfigText(configPath, text);
    if (parsed.settings) return { config: resolveConfig(parsed.settings, root, configPath), configPath, configText: text, problems: [] };
    return { config: resolveConfig({}, root, undefined), configPath, configText: text, problems: parsed.problems };
  }
  return { config: resolveConfig({}, root, undefined), problems: [] };
}
