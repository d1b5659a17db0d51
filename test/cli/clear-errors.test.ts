import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonOf, runCli, workspace } from './cli.js';

const objectiveMd = (id: string) => `## Objective: ${id}\n- id: ${id}\n`;

/** A config whose aliases expand to 9^9 values (a "billion laughs"). */
function aliasBomb(): string {
  let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  let previous = 'a';
  for (let i = 0; i < 8; i++) {
    const name = `b${i}`;
    text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = name;
  }
  return `${text}rules:\n  focus-limit: *${previous}\n`;
}

describe('clear errors and messages (exit 2, never a crash, hang or raw errno)', () => {
  it('an alias bomb in the config is a config error at the alias, not an internal bug', () => {
    const root = workspace({ '.strategylint.yaml': aliasBomb(), 'plan.md': objectiveMd('A') });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^strategy-lint: \.strategylint\.yaml:2:\d+: aliases expand too far/);
    assert.doesNotMatch(run.stderr, /internal error|bug/);
  });

  it('--output-file under /proc fails at once with a clear message', () => {
    const root = workspace({ 'plan.md': objectiveMd('A') });
    const started = Date.now();
    const run = runCli(['-o', '/proc/strategy-lint-test/out/report.json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: cannot write --output-file /proc/strategy-lint-test/out/report.json: no such file or directory\n');
    assert.ok(Date.now() - started < 20_000);
  });

  it('file system errors are worded, never a raw EEXIST', () => {
    const root = workspace({ 'plan.md': objectiveMd('A') });
    writeFileSync(path.join(root, 'taken'), '');
    const run = runCli(['-o', 'taken/report.json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: cannot write --output-file taken/report.json: a part of the path is a file, not a folder\n');
  });

  it('an invalid option value reads as one sentence: no ".;"', () => {
    const run = runCli(['--max-warnings', 'abc'], { cwd: workspace({ 'plan.md': objectiveMd('A') }) });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: --max-warnings "abc": expected a whole number (0 or more, or -1 for no limit); see strategy-lint --help\n');
  });

  it('--help lists --stdio and --no-error-on-unmatched-pattern', () => {
    const run = runCli(['--help'], { cwd: workspace({}) });
    assert.match(run.stdout, /--stdio\s+run the language server over stdio/);
    assert.match(run.stdout, /--no-error-on-unmatched-pattern/);
  });

  it('json gives the fixed text as output for a file --fix changed', () => {
    const text = 'initiatives:\n  - id: INIT-a\n    title: A\n    status: planed\n';
    const root = workspace({ 'plan.strategy.yaml': text });
    const [result] = jsonOf(runCli(['--format', 'json', '--fix'], { cwd: root })) as unknown as { output?: string }[];
    assert.equal(result!.output, text.replace('planed', 'planned'));
  });
});
