import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonOf, runCli, workspace } from './cli.js';

const objectiveMd = (id: string) => `## Objective: ${id}\n- id: ${id}\n`;
const files = (run: ReturnType<typeof runCli>, root: string) => {
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return jsonOf(run).map((r) => path.relative(root, r.filePath).split(path.sep).join('/')).sort();
};

describe('which files a run reports (§8)', () => {
  it('a path starting with ! excludes the files it matches, never selects them', () => {
    const root = workspace({ 'prds/a.md': objectiveMd('A'), 'prds/deep/b.md': objectiveMd('B'), 'plan.md': objectiveMd('P'), 'archive/old.md': objectiveMd('O') });
    assert.deepEqual(files(runCli(['--format', 'json', '!prds/*.md'], { cwd: root }), root), ['archive/old.md', 'plan.md', 'prds/deep/b.md']);
    assert.deepEqual(files(runCli(['--format', 'json', '.', '!prds', '!archive/**'], { cwd: root }), root), ['plan.md']);
  });

  it('a folder, pattern or include that yields no file to lint is exit 2 naming it; --no-error-on-unmatched-pattern allows it', () => {
    const root = workspace({ 'empty/.keep': '', 'notes/readme.txt': 'hello\n', 'plans/a.strategy.yaml': 'objectives: []\n' });
    const empty = runCli(['empty'], { cwd: root });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /^strategy-lint: no files to lint match "empty"/);
    assert.equal(runCli(['notes', 'plans'], { cwd: root }).status, 2, 'one unmatched path is enough');
    const allowed = runCli(['--no-error-on-unmatched-pattern', 'empty'], { cwd: root });
    assert.equal(allowed.status, 0, allowed.stderr);
  });

  it('an include typo that leaves nothing to lint is exit 2, not a silent pass', () => {
    const root = workspace({ '.strategylint.yaml': 'include: ["*.strategy.yml"]\n', 'plan.strategy.yaml': 'objectives:\n  - id: OBJ-a\n    title: A\n' });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no files to lint match "\."/);
  });

  it('everything ignored is exit 2', () => {
    const root = workspace({ '.strategylint.yaml': 'ignore: ["**"]\n', 'plan.md': objectiveMd('A') });
    assert.equal(runCli([], { cwd: root }).status, 2);
  });

  it('files of which none declares anything pass, and stylish says how many were checked', () => {
    const root = workspace({ 'README.md': '# Hello\n', 'docs/guide.md': 'Text.\n', 'docs/tutorial.md': '---\nkind: tutorial\n---\n# T\n' });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '0 problems: 3 files checked, none declares an objective, key result, initiative, owner or PRD\n'
      + '  Documents in a shape of your own (KEPs, RFCs, ADRs, PRDs)? `strategy-lint init` finds known layouts and writes a config with presets and templates.\n');
  });
});

describe('symbolic links (§10.15)', () => {
  /** A folder outside every test workspace, holding a secret. */
  function outside(): string {
    const dir = path.join(tmpdir(), `strategy-lint-outside-${process.pid}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'secret.strategy.yaml'), 'objectives:\n  - id: OBJ-secret\n    title: TOP SECRET\n    status: actve\n');
    return dir;
  }

  it('a link to a file outside the workspace is neither read nor fixed, with a warning on stderr', () => {
    const secretDir = outside();
    const root = workspace({ 'plan.md': objectiveMd('P') });
    symlinkSync(path.join(secretDir, 'secret.strategy.yaml'), path.join(root, 'leak.strategy.yaml'));
    symlinkSync('/proc/self/environ', path.join(root, 'environ.md'));
    const run = runCli(['--format', 'json', '--fix'], { cwd: root });
    assert.deepEqual(files(run, root), ['plan.md']);
    assert.doesNotMatch(run.stdout, /SECRET|OBJ-secret/);
    assert.match(run.stderr, /warning: environ\.md not linted: it is a symbolic link to a place outside the workspace/);
    assert.match(run.stderr, /warning: leak\.strategy\.yaml not linted/);
    assert.match(readFileSync(path.join(secretDir, 'secret.strategy.yaml'), 'utf8'), /status: actve/, '--fix did not write through the link');
  });

  it('a link named on the command line that leads outside is skipped too; links inside the workspace are followed', () => {
    const secretDir = outside();
    const root = workspace({ 'real/plan.md': objectiveMd('P') });
    symlinkSync(path.join(secretDir, 'secret.strategy.yaml'), path.join(root, 'leak.strategy.yaml'));
    symlinkSync(path.join(root, 'real', 'plan.md'), path.join(root, 'alias.md'));
    const named = runCli(['--format', 'json', '--no-error-on-unmatched-pattern', 'leak.strategy.yaml'], { cwd: root });
    assert.doesNotMatch(named.stdout, /OBJ-secret/);
    assert.match(named.stderr, /leak\.strategy\.yaml not linted/);
    const all = runCli(['--format', 'json', '--rule', 'duplicate-id:off'], { cwd: root });
    assert.deepEqual(files(all, root), ['alias.md', 'real/plan.md']);
  });
});
