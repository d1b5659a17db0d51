import { readFileSync } from 'node:fs';
import { ConfigCascade, configFileIn, outermostConfigDir, type ConfigLayer } from '../config/cascade.js';
import { parseConfigText } from '../config/parse.js';
import type { ConfigProblem } from '../config/problems.js';

/** A `.strategylint.*` that could not be used: its problems become diagnostics on it. */
export interface InvalidConfig {
  path: string;
  /** Its text: the server says "using the settings around it" once per distinct invalid text. */
  text: string;
  problems: ConfigProblem[];
}

/**
 * A workspace folder's configuration (§10.12): the folder is the workspace root, and the configs
 * that cascade into it apply — those above it, from the outermost (or the nearest `root: true`)
 * down, and those in its subfolders for the files below them. The layers are read as the folder
 * is listed; an invalid one is skipped (its folder keeps the settings from above) and listed in
 * `invalid` once the listing is done.
 */
export interface FolderConfig {
  cascade: ConfigCascade;
  invalid: InvalidConfig[];
}

export function loadFolderConfig(root: string): FolderConfig {
  const invalid = new Map<string, InvalidConfig>();
  const settingsOf = (file: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    const parsed = parseConfigText(file, text);
    if (!parsed.settings) invalid.set(file, { path: file, text, problems: parsed.problems });
    return parsed.settings;
  };
  const top = outermostConfigDir(root, (file) => settingsOf(file)?.root === true) ?? root;
  const reader = (dir: string): ConfigLayer | undefined => {
    const file = configFileIn(dir);
    const settings = file ? settingsOf(file) : undefined;
    return file && settings ? { path: file, dir, settings } : undefined;
  };
  return {
    cascade: ConfigCascade.of(top, reader),
    get invalid() {
      return [...invalid.values()];
    },
  };
}
