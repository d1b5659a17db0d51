import { strict as assert } from 'node:assert';
import { copySamples, mixedWorkspaceFiles } from '../helpers/mixedWorkspace.js';
import { REPO_ROOT, runCli, workspace, writeFiles } from './cli.js';

/**
 * `--concurrency`: files parsed in worker threads give the very report of a run without them, on a
 * workspace large enough for several batches (see mixedWorkspaceFiles).
 */
function mixedWorkspace(): string {
  const root = workspace(mixedWorkspaceFiles());
  copySamples(REPO_ROOT, root);
  return root;
}

describe('--concurrency (parsing in worker threads)', () => {
  it('reports exactly what a run without workers reports (json), whatever the number of workers', () => {
    const root = mixedWorkspace();
    const off = runCli(['--format', 'json', '--concurrency', 'off'], { cwd: root });
    assert.equal(off.status, 2, off.stderr); // the file that is not UTF-8
    assert.match(off.stderr, /latin1\.md: the file is not valid UTF-8 text/);
    const messages = (JSON.parse(off.stdout) as { messages: unknown[] }[]).reduce((n, r) => n + r.messages.length, 0);
    assert.ok(messages > 100, `a workspace with findings (${messages})`);
    for (const concurrency of ['1', '2', '3', 'auto']) {
      const on = runCli(['--format', 'json', '--concurrency', concurrency], { cwd: root });
      assert.equal(on.status, off.status, `--concurrency ${concurrency}: ${on.stderr}`);
      assert.equal(on.stdout, off.stdout, `--concurrency ${concurrency}`);
      assert.equal(on.stderr, off.stderr, `--concurrency ${concurrency}`);
    }
  });

  it('--stats says where the files were parsed; the main thread takes back what a worker still holds at the end', () => {
    const root = mixedWorkspace();
    const run = runCli(['--format', 'json', '--concurrency', '1', '--stats'], { cwd: root });
    const read = Number(/ (\d+) read \(/.exec(run.stderr)?.[1]);
    const line = /^strategy-lint: parse: 1 worker thread; (\d+) files parsed in the main thread, (\d+) of them taken back from the worker's queue, (\d+) in the worker$/m.exec(run.stderr);
    assert.ok(line, run.stderr);
    const [here, takenBack, inWorker] = line.slice(1).map(Number) as [number, number, number];
    const unreadable = run.stderr.split('\n').filter((l) => l.startsWith('strategy-lint: unreadable: ')).length;
    assert.equal(unreadable, 1, run.stderr); // latin1.md, not UTF-8: tried, like every other file
    assert.equal(here + inWorker, read + unreadable, 'every file parsed once, in one thread or the other');
    // The workspace is a few batches of 32 files, all dealt to the worker at its start: with nothing
    // new to take, the main thread parses the batches the worker would reach last.
    assert.ok(takenBack >= 32 && here >= takenBack, run.stderr);
    assert.ok(inWorker > 0, run.stderr);
    const off = runCli(['--format', 'json', '--concurrency', 'off', '--stats'], { cwd: root });
    assert.equal(run.stdout, off.stdout);
    assert.doesNotMatch(off.stderr, /parse:/, 'without workers there is nothing to say');
  });

  it('a worker that crashes loses no file: the main thread parses its files, and says so once', () => {
    const root = mixedWorkspace();
    const off = runCli(['--format', 'json', '--concurrency', 'off'], { cwd: root });
    // Every worker dies on the first batch it gets that holds d20.md.
    const crashed = runCli(['--format', 'json', '--concurrency', '2'], { cwd: root, env: { STRATEGY_LINT_TEST_WORKER_CRASH: 'd20.md' } });
    assert.equal(crashed.stdout, off.stdout);
    assert.equal(crashed.status, off.status);
    const warnings = crashed.stderr.split('\n').filter((l) => l.includes('parsing worker'));
    assert.equal(warnings.length, 1, crashed.stderr);
    assert.match(warnings[0]!, /^strategy-lint: warning: a parsing worker stopped \(crashing on .*d20\.md, as the test asked\); the main thread parses its files instead$/);
  });

  it('--fix, --fix-dry-run, --stdin and --cache give the same results with workers asked for', () => {
    const root = mixedWorkspace();
    writeFiles(root, { 'docs/latin1.md': '# Now UTF-8\n' });
    const dryOff = runCli(['--fix-dry-run', '--concurrency', 'off', '--format', 'json'], { cwd: root });
    const dryOn = runCli(['--fix-dry-run', '--concurrency', '2', '--format', 'json'], { cwd: root });
    assert.equal(dryOn.stdout, dryOff.stdout);
    const stdin = (c: string) => runCli(['--stdin', '--stdin-filename', 'docs/d1.md', '--format', 'json', '--concurrency', c], { cwd: root, input: '# X\n\n## Initiative INIT-S: From stdin\n\n- objective: OBJ-404\n' });
    assert.equal(stdin('2').stdout, stdin('off').stdout);
    const cold = runCli(['--cache', '--concurrency', '2', '--format', 'json'], { cwd: root });
    const warm = runCli(['--cache', '--concurrency', '2', '--format', 'json'], { cwd: root });
    const plain = runCli(['--concurrency', 'off', '--format', 'json'], { cwd: root });
    assert.equal(cold.stdout, plain.stdout);
    assert.equal(warm.stdout, plain.stdout);
  });

  it('strategy-lint report gives the same report with workers', () => {
    const root = mixedWorkspace();
    writeFiles(root, { 'docs/latin1.md': '# Now UTF-8\n' });
    const off = runCli(['report', '--format', 'json', '--concurrency', 'off'], { cwd: root });
    assert.equal(off.status, 0, off.stderr);
    const on = runCli(['report', '--format', 'json', '--concurrency', '2'], { cwd: root });
    assert.equal(on.status, 0, on.stderr);
    assert.equal(on.stdout, off.stdout);
    assert.ok(on.stdout.includes('OBJ-1'), 'the report names the objectives');
  });

  it('a value that is not a number of threads, auto or off is exit 2 with a precise message', () => {
    const root = workspace({ 'a.md': '# A\n' });
    for (const value of ['0', 'two', '1.5', '-1', '65']) {
      const run = runCli(['--concurrency', value], { cwd: root });
      assert.equal(run.status, 2, value);
      assert.equal(run.stderr, `strategy-lint: --concurrency: "${value}" is not a number of threads; use a whole number from 1 to 64, auto or off\n`);
    }
  });
});
