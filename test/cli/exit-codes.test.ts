import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CLEAN_PLAN, METRIC_WITHOUT_TARGET, ORPHAN_INITIATIVE, jsonOf, locations, openToAll, runCli, workspace } from './cli.js';

const TODAY = ['--today', '2027-02-01'];

describe('strategy-lint exit codes (SPEC §8)', () => {
  it('exits 0 and prints nothing for a clean workspace', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const run = runCli(TODAY, { cwd: root });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
  });

  it('exits 1 when there is an error, and reports it', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE });
    const run = runCli([...TODAY, '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.deepEqual(locations(run, root), ['orphan.strategy.yaml:2 initiative-owner']);
  });

  it('exits 0 with warnings only, and 1 once they exceed --max-warnings', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'nps.strategy.yaml': METRIC_WITHOUT_TARGET });
    assert.equal(runCli(TODAY, { cwd: root }).status, 0);
    assert.equal(runCli([...TODAY, '--max-warnings', '1'], { cwd: root }).status, 0);
    const over = runCli([...TODAY, '--max-warnings', '0'], { cwd: root });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /too many warnings \(1\); at most 0/);
    assert.match(over.stdout, /metric-target/, 'the warnings are still printed');
  });

  it('never counts info findings, even with --max-warnings 0', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'nps.strategy.yaml': METRIC_WITHOUT_TARGET });
    const run = runCli([...TODAY, '--rule', 'metric-target:info', '--max-warnings', '0', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(jsonOf(run).flatMap((r) => r.messages.map((m) => [m.ruleId, m.severity])), [['metric-target', 0]]);
  });

  it('--quiet shows errors only, and its hidden warnings do not count against --max-warnings', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'nps.strategy.yaml': METRIC_WITHOUT_TARGET, 'orphan.strategy.yaml': ORPHAN_INITIATIVE });
    const run = runCli([...TODAY, '--quiet', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.deepEqual(locations(run, root), ['orphan.strategy.yaml:2 initiative-owner']);
    const warningsOnly = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'nps.strategy.yaml': METRIC_WITHOUT_TARGET });
    assert.equal(runCli([...TODAY, '--quiet', '--max-warnings', '0'], { cwd: warningsOnly }).status, 0);
  });

  it('--rule id:severity changes a severity and can turn a rule off', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'orphan.strategy.yaml': ORPHAN_INITIATIVE });
    const demoted = runCli([...TODAY, '--rule', 'initiative-owner:warning', '--format', 'json'], { cwd: root });
    assert.equal(demoted.status, 0);
    assert.equal(jsonOf(demoted)[0]!.messages[0]!.severity, 1);
    const off = runCli([...TODAY, '--rule', 'initiative-owner:off'], { cwd: root });
    assert.equal(off.status, 0);
    assert.equal(off.stdout, '');
  });

  it('exits 2 with one clear line for an unknown flag', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const run = runCli(['--fxi'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, "strategy-lint: unknown option '--fxi' (did you mean --fix?); see strategy-lint --help\n");
  });

  for (const [args, message] of [
    [['--rule', 'focus-limt:off'], /unknown rule "focus-limt" \(did you mean "focus-limit"\?\)/],
    [['--rule', 'focus-limit:warn'], /"warn" is not a severity.*off, info, warning, error/],
    [['--rule', 'focus-limit'], /write it as id:severity/],
    [['--max-warnings', 'many'], /--max-warnings.*whole number/],
    [['--today', '2027-02-30'], /--today: "2027-02-30" is not a date/],
    [['--format', 'xml'], /unknown format "xml".*stylish, json, sarif, github, gitlab, junit/],
    [['--fix', '--fix-dry-run'], /cannot be used together/],
    [['--stdin-filename', 'a.md'], /--stdin-filename needs --stdin/],
    [['--config'], /argument missing/],
  ] as const) {
    it(`exits 2 for ${args.join(' ')}`, () => {
      const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
      const run = runCli([...args], { cwd: root });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /^strategy-lint: [^\n]+\n$/, 'one line');
      assert.equal(run.stdout, '');
    });
  }

  it('exits 2 naming a path that does not exist', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const run = runCli(['plan.strategy.yaml', 'docs/missing.md'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: no such file or directory: docs/missing.md\n');
    const typo = runCli(['reprot'], { cwd: root });
    assert.equal(typo.status, 2);
    assert.equal(typo.stderr, 'strategy-lint: no such file or directory: reprot (did you mean the command "report"?)\n');
  });

  it('exits 2 when a glob pattern matches no file', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN });
    const run = runCli(['docs/**/*.md'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no files to lint match "docs\/\*\*\/\*\.md"/);
  });

  it('exits 2 for an invalid config, naming file:line:column and what is allowed', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, '.strategylint.yaml': 'today: 2027-02-01\nrules:\n  focus-limit: warn\n' });
    const run = runCli([], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'strategy-lint: .strategylint.yaml:3:16: rules.focus-limit: "warn" is not a severity (did you mean "warning"?); use one of off, info, warning, error\n');
  });

  it('exits 2 for a file that is not UTF-8, naming it, and still reports the other files', () => {
    const root = workspace({
      'plan.strategy.yaml': CLEAN_PLAN,
      'orphan.strategy.yaml': ORPHAN_INITIATIVE,
      'latin1.md': Buffer.from('# Objective: Caf\xe9\n- id: OBJ-cafe\n', 'latin1'),
    });
    const run = runCli([...TODAY, '--format', 'json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'strategy-lint: latin1.md: the file is not valid UTF-8 text; save it as UTF-8\n');
    assert.deepEqual(locations(run, root), ['orphan.strategy.yaml:2 initiative-owner']);
  });

  it('exits 2 for a file it may not read, naming it', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'secret.md': '# Objective: Hidden\n' });
    openToAll(root);
    chmodSync(path.join(root, 'secret.md'), 0o000);
    // As root every file is readable: run as `nobody` then.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const run = runCli(TODAY, { cwd: root, ...(uid !== undefined ? { uid } : {}) });
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'strategy-lint: secret.md: cannot read the file: permission denied\n');
  });

  it('exits 2 for a folder it may not list, naming it', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'private/a.md': '# Objective: Hidden\n' });
    openToAll(root);
    chmodSync(path.join(root, 'private'), 0o000);
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const run = runCli(TODAY, { cwd: root, ...(uid !== undefined ? { uid } : {}) });
    chmodSync(path.join(root, 'private'), 0o755);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'strategy-lint: private: permission denied\n');
  });

  it('does not follow a symbolic link to a folder (no duplicate ids), but lints a linked file', () => {
    const root = workspace({ 'plan.strategy.yaml': CLEAN_PLAN, 'more/orphan.strategy.yaml': ORPHAN_INITIATIVE });
    mkdirSync(path.join(root, 'links'));
    symlinkSync(root, path.join(root, 'links', 'loop'));
    symlinkSync(path.join(root, 'more', 'orphan.strategy.yaml'), path.join(root, 'links', 'alias.strategy.yaml'));
    const run = runCli([...TODAY, '--format', 'json'], { cwd: root });
    const found = locations(run, root).sort();
    assert.ok(!found.some((l) => l.includes('duplicate-id') && l.startsWith('links/loop')), found.join('\n'));
    assert.ok(found.includes('links/alias.strategy.yaml:2 initiative-owner'), found.join('\n'));
  });
});
