// The `--preset kep` case of `npm run bench`: a cold `strategy-lint --preset kep keps` against the
// lazy parse floor of the same files (every file read, kep.yaml parsed as YAML).
// Runs on a generated kubernetes/enhancements-shaped workspace (generate-keps.mjs), or on a real
// checkout's keps/ folder given with `--kep-path`.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { generateKeps } from './generate-keps.mjs';

/** `time` is run.mjs's timer (median of fresh-process runs, peak RSS through the hook). */
export function benchKep({ root, benchDir, hook, time, kepPath }) {
  let keps = kepPath;
  if (!keps) {
    const ws = join(benchDir, 'ws-keps');
    if (!existsSync(join(ws, 'keps'))) generateKeps(ws);
    keps = join(ws, 'keps');
  }
  console.log(`\n== --preset kep (${keps})`);
  const floor = time('lazy parse floor', process.execPath, ['--require', hook, join(benchDir, 'floor.cjs'), keps, '--templated', 'kep.yaml']);
  // From the folder above keps/, as a user runs it in a checkout.
  const cli = time('strategy-lint --preset kep', process.execPath, ['--require', hook, join(root, 'bin/strategy-lint.cjs'), '--preset', 'kep', basename(keps), '--format', 'json', '--output-file', join(benchDir, 'out-keps.json')], { cwd: dirname(keps) });
  const entry = { path: keps, floor, cli, cliOverFloor: +(cli.medianMs / floor.medianMs).toFixed(2) };
  for (const m of [floor, cli]) console.log(`${m.label.padEnd(28)} ${String(m.medianMs).padStart(7)} ms  (runs: ${m.samplesMs.join(', ')})${m.peakRssMb ? `  peak RSS ${m.peakRssMb} MB` : ''}`);
  console.log(`cli / floor = ${entry.cliOverFloor} (budget ≤ 1.25)`);
  return entry;
}
