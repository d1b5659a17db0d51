import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { CONFIG_FILE_NAMES } from '../config/schema.js';
import { absolutePosix, displayPath } from '../files/paths.js';
import { reasonOf } from '../files/errno.js';
import type { CliIO } from '../cli/run.js';
import { CliError, EXIT } from '../cli/errors.js';
import { detectLayouts } from './detect.js';
import { renderConfig } from './render.js';

export interface InitArgs {
  command: 'init';
  folder: string;
  force: boolean;
}

/**
 * `strategy-lint init [folder]`: writes a commented `.strategylint.yaml` for the documents the
 * folder holds. An existing config is never replaced without `--force`; when it already says what
 * init would write, nothing changes (exit 0).
 */
export function runInit(args: InitArgs, io: CliIO): number {
  const cwd = process.cwd();
  const folder = absolutePosix(args.folder, cwd);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`init: ${args.folder} is not a folder`);
  const target = `${folder}/${CONFIG_FILE_NAMES[0]}`;
  const layouts = detectLayouts(folder);
  const text = renderConfig(layouts);
  const existing = CONFIG_FILE_NAMES.map((name) => `${folder}/${name}`).find((p) => existsSync(p));
  const shown = displayPath(target, cwd);
  if (existing === target && readFileSync(target, 'utf8') === text) {
    io.stdout(`${shown} is up to date: nothing to change.\n`);
    return EXIT.ok;
  }
  if (existing && !args.force) {
    throw new CliError(`init: ${displayPath(existing, cwd)} already exists and was not changed; run strategy-lint init --force to replace it`);
  }
  try {
    writeFileSync(target, text);
  } catch (error) {
    throw new CliError(`init: cannot write ${shown}: ${reasonOf(error)}`);
  }
  const found = layouts.map((l) => `${l.files.length} ${l.name}`).join(', ') || 'no known layout';
  io.stdout(`Wrote ${shown} (found: ${found}). Run strategy-lint to lint with it.\n`);
  return EXIT.ok;
}
