// `npm run bench` takes minutes and loads the machine: a misspelt option must stop it before it
// starts, and --help must say what it takes without running anything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../cli/cli.js';

const runBench = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bench/run.mjs'), ...args], { encoding: 'utf8', timeout: 20000 });

describe('bench options (scripts/bench/run.mjs)', () => {
  it('--help lists the options and exits 0 without benchmarking', () => {
    const run = runBench('--help');
    assert.equal(run.status, 0);
    for (const name of ['--mix', '--sizes', '--large', '--runs', '--skip-lsp', '--kep-path']) assert.match(run.stdout, new RegExp(`${name}\\b`));
    assert.doesNotMatch(run.stdout, /lazy parse floor|written .*results/);
  });

  it('an unknown option is a usage error (exit 2) naming it', () => {
    const run = runBench('--sizez', '1000');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Unknown option '--sizez'/);
    assert.match(run.stderr, /usage: npm run bench/);
  });

  it('a bad value is a usage error too', () => {
    const run = runBench('--mix', 'medium');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--mix must be light, heavy or both, not medium/);
  });
});
