import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { delayOptimization } from '../../server/src/cli/jit.js';
import { REPO_ROOT } from './cli.js';

const JIT_MODULE = pathToFileURL(path.join(REPO_ROOT, 'out', 'server', 'src', 'cli', 'jit.js')).href;

describe("a CLI command's interrupt budget (cli/jit.ts)", () => {
  it('is left alone when the command line sets one', () => {
    assert.equal(delayOptimization(['--interrupt-budget=1000']), false);
    assert.equal(delayOptimization(['--stack-size=2000', '--interrupt_budget=1000']), false);
  });

  it('is set otherwise, and a process that sets it computes as before', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { delayOptimization } = await import(${JSON.stringify(JIT_MODULE)}); const set = delayOptimization([]); let sum = 0; for (let i = 0; i < 2e6; i++) sum += i % 7; process.stdout.write(JSON.stringify([set, sum]));`],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [true, 5999995]);
  });
});
