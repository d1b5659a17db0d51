import { readdirSync } from 'node:fs';
import { posix } from 'node:path';
import type { TemplateCandidate } from './compiled.js';

/**
 * The other files a template pairs a file with: beside a main file its sibling (a KEP's README.md
 * beside its kep.yaml), beside a sibling the main files. What a template reads of one may depend on
 * the other, so the lint cache keys a templated file's parse on their contents too. Sorted.
 */
export function pairedFiles(filePath: string, candidates: readonly TemplateCandidate[]): string[] {
  const dir = posix.dirname(filePath);
  const paired = new Set<string>();
  let names: string[] | undefined;
  for (const { template, role } of candidates) {
    if (role === 'main' && template.siblingFile) paired.add(`${dir}/${template.siblingFile}`);
    if (role !== 'sibling') continue;
    names ??= listing(dir);
    for (const name of names) if (template.reads(`${dir}/${name}`)) paired.add(`${dir}/${name}`);
  }
  paired.delete(filePath);
  return [...paired].sort();
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    // An unreadable folder pairs nothing we could read either.
    return [];
  }
}
