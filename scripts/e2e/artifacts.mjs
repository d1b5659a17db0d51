// Per-run artifact folders (screenshots, browser console, code-server log) under artifactsDir.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from './paths.mjs';

/** An emptied `<artifactsDir>/<name>/` folder; returns its path. */
export function prepareArtifacts(name) {
  const dir = join(artifactsDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A screenshot that never throws: a failed screenshot must not hide the real failure. */
export async function screenshot(page, dir, name) {
  const file = join(dir, `${name}.png`);
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch (error) {
    console.warn(`[e2e] screenshot ${name} failed: ${error.message}`);
    return undefined;
  }
}
