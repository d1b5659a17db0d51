import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a generated module (`path`, relative to the project root) and its copy under out/: tsc
 * does not emit .cjs sources, so the compiled tests in out/ get their copy from here.
 */
export function writeGenerated(path: string, code: string): void {
  writeFileSync(path, code);
  mkdirSync(dirname(`out/${path}`), { recursive: true });
  writeFileSync(`out/${path}`, code);
}
