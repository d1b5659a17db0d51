import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runCli, workspace } from './cli.js';

/**
 * The lint cache stores each file's piece of the report for the formats made of one per file (json,
 * stylish, github): a later run in the same format, from the same folder and with the same colour,
 * prints a file whose findings stand as stored. What it prints is always what a run without the
 * cache prints.
 */

/** samples/acme (errors, warnings, info, fixable findings) in a folder of its own, and a cache outside it. */
function acme(): { root: string; cacheAt: string[] } {
  const root = workspace({});
  cpSync(path.join(REPO_ROOT, 'samples', 'acme'), root, { recursive: true });
  return { root, cacheAt: ['--cache', '--cache-location', path.join(workspace({}), 'cache')] };
}

/** How many files' report a run printed as stored (--stats); 0 when it says none. */
function printedAsStored(run: { stderr: string }): number {
  assert.match(run.stderr, /cache: /, run.stderr);
  return Number(/report: (\d+) files? as stored/.exec(run.stderr)?.[1] ?? 0);
}

/** The reported files (--stats), to compare the pieces printed as stored with. */
function linted(run: { stderr: string }): number {
  return Number(/(\d+) files? linted \((\d+) taking part/.exec(run.stderr)?.[2] ?? NaN);
}

describe('CLI --cache: the report as stored', () => {
  for (const format of [['--format', 'json'], ['--format', 'stylish'], ['--format', 'stylish', '--color'], ['--format', 'github']]) {
    it(`prints ${format.join(' ')} from stored pieces, and the same text as a run without the cache`, function () {
      this.timeout(120_000);
      const { root, cacheAt } = acme();
      const run = (args: string[]) => runCli([...args, ...format, '--stats'], { cwd: root });
      const first = run(cacheAt);
      assert.equal(printedAsStored(first), 0, 'a first run has nothing stored');
      const cold = run([]);
      assert.equal(first.stdout, cold.stdout);
      const again = run(cacheAt);
      assert.equal(again.stdout, cold.stdout);
      assert.equal(again.status, cold.status);
      // Every file the report lists (those taking part) comes from the cache.
      assert.equal(printedAsStored(again), linted(cold));
      const plan = path.join(root, 'strategy', 'execution-q1.strategy.yaml');
      writeFileSync(plan, readFileSync(plan, 'utf8').replace(/title: .*/, (line) => `${line} (edited)`));
      const changed = run(cacheAt);
      assert.equal(changed.stdout, run([]).stdout, 'one file changed');
      const stored = printedAsStored(changed);
      assert.ok(stored > 0 && stored < linted(cold), `some files printed as stored, not the one edited nor those it affects: ${stored}`);
      assert.equal(printedAsStored(run(cacheAt)), linted(cold), 'the next run prints every file as stored again');
    });
  }

  it('stores the pieces of the format a run prints in, keeps them through a run in a format that has none, and never prints another format\'s', function () {
    this.timeout(120_000);
    const { root, cacheAt } = acme();
    const run = (format: string, extra: string[] = []) => runCli([...cacheAt, '--format', format, '--stats', ...extra], { cwd: root });
    const cold = (format: string) => runCli(['--format', format], { cwd: root }).stdout;
    const files = linted(run('json'));
    // Nothing changed, another format: made again, and stored for the next run in it.
    const stylish = run('stylish');
    assert.equal(stylish.stdout, cold('stylish'));
    assert.equal(printedAsStored(stylish), 0);
    assert.equal(printedAsStored(run('stylish')), files);
    // A run in a format the cache stores nothing of (SARIF), with a file changed, keeps stylish's pieces of the others.
    const plan = path.join(root, 'strategy', 'execution-q1.strategy.yaml');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}# edit\n`);
    const sarif = run('sarif');
    assert.equal(printedAsStored(sarif), 0);
    const [, relinted, rechecked] = /(\d+) linted(?:, (\d+) re-checked)?/.exec(sarif.stderr)!.map(Number);
    const after = run('stylish');
    assert.equal(after.stdout, cold('stylish'));
    assert.equal(printedAsStored(after), files - relinted! - (rechecked || 0), 'all but the files the SARIF run linted');
    // --quiet prints a part of each file's findings: nothing as stored, the same text as without the cache.
    const quiet = run('stylish', ['--quiet']);
    assert.equal(quiet.stdout, runCli(['--format', 'stylish', '--quiet'], { cwd: root }).stdout);
    assert.equal(printedAsStored(quiet), 0);
  });

  it('makes stylish\'s pieces again when run from another folder (its paths are relative to it)', function () {
    this.timeout(120_000);
    const { root, cacheAt } = acme();
    runCli([...cacheAt, '--format', 'stylish'], { cwd: root });
    const inStrategy = path.join(root, 'strategy');
    const fromInside = runCli([...cacheAt, '--format', 'stylish', '--stats', '..'], { cwd: inStrategy });
    assert.equal(fromInside.stdout, runCli(['--format', 'stylish', '..'], { cwd: inStrategy }).stdout);
    assert.match(fromInside.stdout, /^\.\.\/docs\//m, 'paths relative to the folder the run started in');
    assert.equal(printedAsStored(fromInside), 0);
  });

  it('does not print stored pieces when a bulk suppressions file splits the findings', function () {
    this.timeout(120_000);
    const { root, cacheAt } = acme();
    runCli([...cacheAt, '--format', 'json'], { cwd: root });
    runCli(['--suppress-rule', 'initiative-owner'], { cwd: root });
    const warm = runCli([...cacheAt, '--format', 'json', '--stats'], { cwd: root });
    assert.equal(warm.stdout, runCli(['--format', 'json'], { cwd: root }).stdout);
    assert.equal(printedAsStored(warm), 0);
    assert.match(warm.stderr, /[1-9]\d* suppressed/);
  });
});
