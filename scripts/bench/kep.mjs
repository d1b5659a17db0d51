// The `--preset kep` case of `npm run bench`: a cold `strategy-lint --preset kep keps` against the
// lazy parse floor of the same files (every file read, kep.yaml parsed as YAML).
// Runs on a generated kubernetes/enhancements-shaped workspace (generate-keps.mjs), or on a real
// checkout's keps/ folder given with `--kep-path`.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { generateKeps } from './generate-keps.mjs';
import { RSS_HOOK, timeAlternating } from './timer.mjs';

export function benchKep({ root, benchDir, runs, kepPath }) {
  let keps = kepPath;
  if (!keps) {
    const ws = join(benchDir, 'ws-keps');
    if (!existsSync(join(ws, 'keps'))) generateKeps(ws);
    keps = join(ws, 'keps');
  }
  console.log(`\n== --preset kep (${keps})`);
  const [floor, cli] = timeAlternating([
    { label: 'lazy parse floor', command: process.execPath, commandArgs: ['--require', RSS_HOOK, join(benchDir, 'floor.cjs'), keps, '--templated', 'kep.yaml'], options: { cwd: root } },
    // From the folder above keps/, as a user runs it in a checkout.
    { label: 'strategy-lint --preset kep', command: process.execPath, commandArgs: ['--require', RSS_HOOK, join(root, 'bin/strategy-lint.cjs'), '--preset', 'kep', basename(keps), '--format', 'json', '--output-file', join(benchDir, 'out-keps.json')], options: { cwd: dirname(keps) } },
  ], runs);
  return { path: keps, generated: !kepPath, floor, cli, cliOverFloor: +(cli.medianMs / floor.medianMs).toFixed(2) };
}
