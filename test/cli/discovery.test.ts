import { strict as assert } from 'node:assert';
import path from 'node:path';
import { jsonOf, runCli, workspace, type CliRun } from './cli.js';

// Each file declares one objective with no initiative and no metric: every linted file shows up
// in the report, so the report's file list is exactly the set of files linted.
const objective = (id: string) => `objectives:\n  - id: ${id}\n    title: ${id}\n`;
const objectiveMd = (id: string) => `## Objective: ${id}\n- id: ${id}\n`;

function linted(run: CliRun, root: string): string[] {
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return jsonOf(run)
    .map((r) => path.relative(root, r.filePath).split(path.sep).join('/'))
    .sort();
}

function lint(root: string, args: string[] = [], cwd = root): string[] {
  return linted(runCli(['--format', 'json', ...args], { cwd }), root);
}

describe('strategy-lint file discovery (§2, §10.14)', () => {
  it('lints Markdown and *.strategy.yaml|yml by default, never node_modules/ or .git/', () => {
    const root = workspace({
      'a.md': objectiveMd('A'),
      'b.markdown': objectiveMd('B'),
      'c.strategy.yaml': objective('C'),
      'd.strategy.yml': objective('D'),
      'e.yaml': objective('E'),
      'notes.txt': objectiveMd('F'),
      '.github/g.md': objectiveMd('G'),
      'node_modules/pkg/readme.md': objectiveMd('H'),
      'deep/node_modules/x.md': objectiveMd('I'),
      '.git/info.md': objectiveMd('J'),
    });
    assert.deepEqual(lint(root), ['.github/g.md', 'a.md', 'b.markdown', 'c.strategy.yaml', 'd.strategy.yml']);
  });

  it('honours .gitignore files at every level, each for its own folder, with negation', () => {
    const root = workspace({
      '.gitignore': 'build/\n*.draft.md\n',
      'build/out.md': objectiveMd('BUILD'),
      'plan.draft.md': objectiveMd('DRAFT'),
      'plan.md': objectiveMd('PLAN'),
      'docs/.gitignore': 'private.md\n!keep.draft.md\n',
      'docs/private.md': objectiveMd('PRIVATE'),
      'docs/keep.draft.md': objectiveMd('KEEP'),
      'docs/other.draft.md': objectiveMd('OTHER'),
      'other/private.md': objectiveMd('OTHER_PRIVATE'),
    });
    assert.deepEqual(lint(root), ['docs/keep.draft.md', 'other/private.md', 'plan.md']);
  });

  it('honours the .gitignore of parent folders when linting a subfolder, with or without git', () => {
    const root = workspace({ '.gitignore': 'generated/\n', 'docs/generated/x.md': objectiveMd('X'), 'docs/plan.md': objectiveMd('P'), '.strategylint.yaml': '{}\n' });
    assert.deepEqual(lint(root, ['docs']), ['docs/plan.md']);
    assert.deepEqual(linted(runCli(['--format', 'json'], { cwd: path.join(root, 'docs') }), root), ['docs/plan.md']);
  });

  it('applies the config include and ignore globs relative to the config folder', () => {
    const root = workspace({
      '.strategylint.yaml': 'include: ["strategy/**/*.md", "plans/*.yaml"]\nignore: ["strategy/archive/**", "**/*.wip.md"]\n',
      'strategy/a.md': objectiveMd('A'),
      'strategy/sub/b.md': objectiveMd('B'),
      'strategy/archive/old.md': objectiveMd('OLD'),
      'strategy/c.wip.md': objectiveMd('WIP'),
      'plans/p.yaml': objective('P'),
      'elsewhere.md': objectiveMd('ELSEWHERE'),
    });
    assert.deepEqual(lint(root), ['plans/p.yaml', 'strategy/a.md', 'strategy/sub/b.md']);
    assert.deepEqual(lint(root, [], path.join(root, 'strategy')), ['strategy/a.md', 'strategy/sub/b.md'], 'run from a subfolder, the globs stay relative to the config');
  });

  it('lints a file named on the command line even when include does not name it', () => {
    const root = workspace({ 'plan.md': objectiveMd('P'), 'notes.txt': objectiveMd('N') });
    assert.deepEqual(lint(root, ['notes.txt']), ['notes.txt']);
  });

  it('skips a named file that the config ignores, with a warning on stderr; a named file is linted whatever .gitignore says', () => {
    const root = workspace({ '.strategylint.yaml': 'ignore: ["archive/**"]\n', 'archive/old.md': objectiveMd('OLD'), 'plan.md': objectiveMd('P'), '.gitignore': 'tmp.md\n', 'tmp.md': objectiveMd('T') });
    const run = runCli(['--format', 'json', 'archive/old.md', 'tmp.md', 'plan.md'], { cwd: root });
    assert.deepEqual(linted(run, root), ['plan.md', 'tmp.md']);
    assert.equal(run.stderr, 'strategy-lint: warning: archive/old.md not linted: it matches an "ignore" pattern of the config\n');
  });

  it('lints a named folder that a .gitignore above it excludes, applying the .gitignore files inside it', () => {
    const root = workspace({
      '.gitignore': 'generated/\n',
      'generated/.gitignore': 'skip.md\n',
      'generated/plan.md': objectiveMd('GEN'),
      'generated/skip.md': objectiveMd('SKIP'),
      'plan.md': objectiveMd('P'),
    });
    assert.deepEqual(lint(root), ['plan.md'], 'a walk from the root leaves generated/ out');
    assert.deepEqual(lint(root, ['generated']), ['generated/plan.md']);
    assert.deepEqual(linted(runCli(['--format', 'json'], { cwd: path.join(root, 'generated') }), root), ['generated/plan.md']);
  });

  it('accepts glob patterns, matched from their folder', () => {
    const root = workspace({ 'docs/a.md': objectiveMd('A'), 'docs/deep/b.md': objectiveMd('B'), 'docs/c.strategy.yaml': objective('C'), 'top.md': objectiveMd('T') });
    assert.deepEqual(lint(root, ['docs/*.md']), ['docs/a.md']);
    assert.deepEqual(lint(root, ['docs/**/*.md', 'top.md']), ['docs/a.md', 'docs/deep/b.md', 'top.md']);
  });

  it('--ignore-path adds an ignore file in .gitignore syntax', () => {
    const root = workspace({ '.lintignore': 'drafts/\n', 'drafts/a.md': objectiveMd('A'), 'plan.md': objectiveMd('P') });
    assert.deepEqual(lint(root, ['--ignore-path', '.lintignore']), ['plan.md']);
  });

  it('resolves references across the workspace when only one file is named', () => {
    const root = workspace({
      '.strategylint.yaml': '{}\n',
      'goals.strategy.yaml': objective('OBJ-x'),
      'docs/init.md': '## Initiative: Thing\n- id: INIT-t\n- Objective: OBJ-x\n- Owner: @a\n- Metrics: KR-z\n',
      'metrics.strategy.yaml': 'metrics:\n  - id: KR-z\n    title: Z\n    objective: OBJ-x\n    baseline: 1\n    target: 2\n',
    });
    const run = runCli(['--format', 'json', 'docs/init.md'], { cwd: root });
    assert.deepEqual(
      jsonOf(run).map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]),
      [['init.md', []]],
      'OBJ-x and KR-z are found in files that were not named, and only the named file is reported',
    );
  });
});
