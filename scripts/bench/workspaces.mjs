// The bench's generated workspaces in .bench/: `ws-<size>` (light mix, generate.mjs) and
// `ws-heavy-<size>` (heavy mix, generate-heavy.mjs). A stamp beside each (`<dir>.json`) records the
// generators' code hash, so a workspace is generated again when a generator changes, and reused
// (generation takes a while at 50k) when nothing did.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWorkspace } from './generate.mjs';
import { generateHeavyWorkspace } from './generate-heavy.mjs';

export const MIXES = { light: generateWorkspace, heavy: generateHeavyWorkspace };

// Comment lines left out: rewording a generator's comments does not regenerate 50k documents.
const code = (file) => readFileSync(join(import.meta.dirname, file), 'utf8').split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n');
const generatorsHash = createHash('sha256').update(code('generate.mjs')).update(code('generate-heavy.mjs')).digest('hex').slice(0, 16);

export function workspaceDir(benchDir, mix, size) {
  return join(benchDir, mix === 'light' ? `ws-${size}` : `ws-${mix}-${size}`);
}

/** The workspace for `mix` and `size`, generated if missing or stale; with its file count and size. */
export function ensureWorkspace(benchDir, mix, size) {
  const dir = workspaceDir(benchDir, mix, size);
  const stampPath = `${dir}.json`;
  const stamp = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, 'utf8')) : undefined;
  if (stamp?.generators === generatorsHash && existsSync(dir)) return { dir, ...stamp };
  console.log(`generating the ${mix} mix, ${size} documents, in ${dir}…`);
  const generated = MIXES[mix](dir, size);
  const { files, bytes } = measure(dir);
  const fresh = { generators: generatorsHash, mix, size, files, mib: +(bytes / 2 ** 20).toFixed(1), generated };
  writeFileSync(stampPath, JSON.stringify(fresh, null, 2));
  return { dir, ...fresh };
}

function measure(dir, total = { files: 0, bytes: 0 }) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) measure(p, total);
    else { total.files++; total.bytes += statSync(p).size; }
  }
  return total;
}
