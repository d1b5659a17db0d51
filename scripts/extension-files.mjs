// Files the VS Code extension ships besides its bundles: the JSON Schemas of schemas/, copied into
// client/schemas/ (the manifest's yamlValidation/jsonValidation point there; the copies are ignored by git).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The schemas client/package.json contributes. */
export const EXTENSION_SCHEMAS = ['strategy.schema.json', 'strategylint.schema.json'];

/** Copies the schemas into client/schemas/; with `strict`, a missing one is an error. Returns the missing names. */
export function copySchemasToClient({ strict }) {
  const target = join(repoRoot, 'client', 'schemas');
  mkdirSync(target, { recursive: true });
  const missing = [];
  for (const name of EXTENSION_SCHEMAS) {
    const source = join(repoRoot, 'schemas', name);
    if (existsSync(source)) copyFileSync(source, join(target, name));
    else missing.push(name);
  }
  if (missing.length && strict) throw new Error(`schemas/ lacks ${missing.join(', ')}: the extension contributes them`);
  return missing;
}
